// The backlog's movements from the daily rollup (daily_counts: tickets created and done per local day
// of its zone, daily-rollup.ts), where it answers: a few hundred rows instead of every ticket created
// before the range's end. Counts, so the same figures sql/backlog.sql gives from the tickets.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../metrics/filter.ts';
import { queryRows } from '../metrics/metric-sql.ts';
import type { BacklogMove } from '../metrics/backlog.ts';
import { rollupAnswers, rollupZone } from './daily-rollup.ts';

/**
 * Created and done per local day of `filter`'s range, and before it (day null), as backlogMoves
 * gives them without a dimension; null when the rollup cannot answer (another zone, a filter, a team scope).
 */
export async function rollupBacklogMoves(db: DuckDBConnection, filter: MetricFilter): Promise<BacklogMove[] | null> {
  if (!rollupAnswers(filter, await rollupZone(db))) return null;
  // before the range: what was created less what was done by then (tickets done before it cancel out)
  const rows = await queryRows(db, `
    SELECT NULL::VARCHAR AS dim_value, CASE WHEN day >= $from_day::DATE THEN strftime(day, '%Y-%m-%d') END AS day,
           sum(created)::INTEGER AS created, sum(done)::INTEGER AS done
    FROM daily_counts WHERE day <= $to_day::DATE
    GROUP BY ALL`, { from_day: filter.from, to_day: filter.to });
  return rows as unknown as BacklogMove[];
}
