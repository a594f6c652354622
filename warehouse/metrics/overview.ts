// The overview: every KPI of the catalog's overview list for the range and for the previous period
// of the same length, with the change. One KPI query over both periods plus the backlog moves.
import type { DuckDBConnection } from '@duckdb/node-api';
import { previousPeriod, type MetricFilter } from './filter.ts';
import { FIRST_RESPONSE_KPIS, OVERVIEW_KPIS, metricDefinition, type MetricKey } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { compare } from './compare.ts';
import { queryKpis } from './kpis.ts';
import { backlogAt, backlogMoves } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import type { MetricTable } from './table.ts';

export async function overview(db: DuckDBConnection, filter: MetricFilter, options: { now?: Date } = {}): Promise<MetricTable> {
  const previous = previousPeriod(filter);
  const rows = await queryKpis(db, filter, { key: 'period', withPrevious: true, now: options.now });
  const moves = await backlogMoves(db, filter, { withPrevious: true });
  const coverage = await firstResponseCoverage(db, filter, { withPrevious: true });
  const current = rows.find((r) => r.key === 'current') ?? {};
  const before = rows.find((r) => r.key === 'previous') ?? {};
  // No facts at all still means zero tickets (counts), but an unknown median or rate (null); a
  // first response KPI of a period without a measured ticket is not available (null), not 0.
  const value = (row: Record<string, unknown>, key: MetricKey, unavailable: boolean): number | null =>
    typeof row[key] === 'number' ? row[key] : (metricDefinition(key).unit === 'count' && !unavailable ? 0 : null);
  const notMeasured = (key: MetricKey, period: keyof typeof coverage) => FIRST_RESPONSE_KPIS.includes(key) && coverage[period].unavailable !== null;
  return {
    name: 'overview',
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: { from: previous.from, to: previous.to },
    clock: filter.clock ?? 'business',
    columns: [COLUMNS.metric, COLUMNS.value, COLUMNS.previous, COLUMNS.delta, COLUMNS.delta_pct],
    rows: OVERVIEW_KPIS.map((metric) => metric === 'backlog'
      ? { metric, ...compare(backlogAt(moves, filter.to), backlogAt(moves, previous.to)) }
      : {
        metric, ...compare(value(current, metric, notMeasured(metric, 'current')), value(before, metric, notMeasured(metric, 'previous'))),
        ...(notMeasured(metric, 'current') ? { unavailable: coverage.current.unavailable } : {}),
      }),
    firstResponse: coverage.current,
  };
}
