// Whether a range's comparison period can be compared with, for every table that shows one (the
// overview's tiles, the problem types' previous counts): days before the warehouse's first ticket
// hold nothing, and counted as 0 they would read as growth, or as +inf%.
import type { DuckDBConnection } from '@duckdb/node-api';
import { lengthOf } from './comparison.ts';
import { periodBounds, previousPeriod, type MetricFilter } from './filter.ts';
import { queryRows } from './metric-sql.ts';
import type { TableComparison } from './table.ts';

/**
 * The comparison period of `filter` (comparison.ts) can be compared with when the warehouse holds a
 * ticket created in it (whatever the filter), and its data starts no later than the period's first
 * local day (of all tickets: a filter may rightly match none early on). With `rollup` the same from
 * the daily rollup's created counts (days local to the period's zone).
 */
export async function comparability(db: DuckDBConnection, filter: MetricFilter, rollup = false): Promise<TableComparison> {
  const period = previousPeriod(filter);
  const kind = filter.comparison ?? 'previous';
  const { start, end } = periodBounds(period);
  const rows = rollup
    ? await queryRows(db, `SELECT EXISTS (FROM daily_counts WHERE day >= $from::DATE AND day <= $to::DATE AND created > 0) AS held,
        (SELECT strftime(min(day), '%Y-%m-%d') FROM daily_counts WHERE created > 0) AS first_day`, { from: period.from, to: period.to })
    : await queryRows(db, `SELECT EXISTS (FROM tickets WHERE created_at >= $start AND created_at < $end) AS held,
        (SELECT strftime(timezone($tz, min(created_at)), '%Y-%m-%d') FROM tickets) AS first_day`,
      { start: start.toISOString(), end: end.toISOString(), tz: period.timezone });
  if (rows[0]?.held !== true) return { kind, unavailable: 'no_data' };
  const firstDay = String(rows[0].first_day);
  if (firstDay <= period.from) return { kind, unavailable: null };
  return { kind, unavailable: 'partial', covered_days: lengthOf({ from: firstDay, to: period.to }), days: lengthOf(period) };
}
