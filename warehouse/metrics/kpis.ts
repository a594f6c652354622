// Runs sql/kpis.sql, the one definition of the core KPIs, for a filter: grouped by period (with the
// previous period), by a dimension, or by time bucket. Rows are keyed by `key`, one column per KPI.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { filteredDimensions, filterParams, periodBounds, previousPeriod, type Dimension, type MetricFilter } from './filter.ts';
import { metricSql, queryRows, type KeyKind, type Row } from './metric-sql.ts';
import type { CalendarGrain } from './buckets.ts';

/** The columns sql/kpis.sql answers besides `key` (all keys of the catalog). */
export const KPI_COLUMNS = [
  'volume', 'resolved', 'unanswered', 'frt_median', 'frt_p90', 'frt_mean', 'resolution_median', 'resolution_p90',
  'resolution_mean', 'sla_frt', 'sla_resolution', 'csat', 'rating_mean', 'rating_response_rate', 'reopen_rate',
  'one_touch_rate', 'transfer_rate', 'escalation_rate', 'replies', 'reply_median', 'reply_p90',
] as const;
export type KpiColumn = (typeof KPI_COLUMNS)[number];

export interface KpiQuery {
  key: KeyKind;
  /** For key 'dimension': the dimension grouped by. */
  dimension?: Dimension;
  /** For key 'bucket'. */
  grain?: CalendarGrain;
  /** For key 'period': also the previous period of the same length (rows 'current' and 'previous'). */
  withPrevious?: boolean;
  /** The instant SLA clocks of open tickets run to (default: now). */
  now?: Date;
}

/** Parameters of a metric query: the filter's, widened to the previous period when asked. */
export function metricParams(filter: MetricFilter, options: { withPrevious?: boolean; now?: Date } = {}): Record<string, DuckDBValue> {
  const params = filterParams(filter);
  const split = params.start!;
  if (options.withPrevious) params.start = periodBounds(previousPeriod(filter)).start.toISOString();
  return { ...params, split, now: (options.now ?? new Date()).toISOString() };
}

export async function queryKpis(db: DuckDBConnection, filter: MetricFilter, query: KpiQuery): Promise<Row[]> {
  const sql = metricSql('kpis', { key: query.key, dimension: query.dimension ?? null, filtered: filteredDimensions(filter) });
  const params = metricParams(filter, query);
  return queryRows(db, sql, { ...params, grain: query.grain ?? 'day' });
}
