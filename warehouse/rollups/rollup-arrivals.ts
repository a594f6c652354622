// The arrival heat map's counts from the daily rollup (daily_arrivals, migrations/0035: tickets created
// per local day and hour of its zone), where it answers: 24 rows a day instead of every ticket.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../metrics/filter.ts';
import { queryRows } from '../metrics/metric-sql.ts';
import { rollupAnswers, rollupZone } from './daily-rollup.ts';

/**
 * Tickets created in `filter`'s range per key weekday (1 = Monday) * 100 + hour, as queryKpis' weekday_hour
 * volume; null when the rollup cannot answer (another zone, a filter, a team scope).
 */
export async function rollupArrivals(db: DuckDBConnection, filter: MetricFilter): Promise<{ key: number; volume: number }[] | null> {
  if (!rollupAnswers(filter, await rollupZone(db))) return null;
  const rows = await queryRows(db, `SELECT isodow(day) * 100 + hour AS key, sum(created)::BIGINT AS volume
    FROM daily_arrivals WHERE day >= $from::DATE AND day <= $to::DATE GROUP BY 1`, { from: filter.from, to: filter.to });
  return rows as unknown as { key: number; volume: number }[];
}
