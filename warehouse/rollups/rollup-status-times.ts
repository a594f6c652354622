// Time in each status from the daily rollup's status durations (migrations/0035, kept per local day
// of its zone), where it answers: a few thousand bucket rows instead of every ticket of the range.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../metrics/filter.ts';
import { queryRows, type Row } from '../metrics/metric-sql.ts';
import { rollupAnswers, rollupZone } from './daily-rollup.ts';

const SQL = readFileSync(new URL('./rollup-status-times.sql', import.meta.url), 'utf8');

/**
 * sql/status-times.sql's rows (measure, tickets, median, p90, mean) of `filter`'s range, the quantiles
 * within 1%; null when the rollup cannot answer (another zone, a filter, a team scope).
 */
export async function rollupStatusTimes(db: DuckDBConnection, filter: MetricFilter): Promise<Row[] | null> {
  if (!rollupAnswers(filter, await rollupZone(db))) return null;
  const rows = await queryRows(db, SQL, { from: filter.from, to: filter.to, business: (filter.clock ?? 'business') === 'business' });
  // agent wait is the time pending, kept once
  return [...rows, ...rows.filter((r) => r.measure === 'pending').map((r) => ({ ...r, measure: 'agent_wait' }))];
}
