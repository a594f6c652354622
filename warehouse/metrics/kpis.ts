// Runs sql/kpis.sql, the one definition of the core KPIs, for a filter: grouped by period (with the
// previous period), by a dimension, or by time bucket. Rows are keyed by `key`, one column per KPI.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { filteredDimensions, filterParams, periodBounds, type Dimension, type MetricFilter } from './filter.ts';
import { metricSql, queryRows, type KeyKind, type Row } from './metric-sql.ts';
import type { CalendarGrain } from './buckets.ts';
import { FIRST_RESPONSE_KPIS, metricDefinition } from './catalog.ts';

/** The columns sql/kpis.sql answers besides `key` (all keys of the catalog), by the aggregate that answers them. */
const KPI_AGGREGATES = {
  by_created: ['volume', 'unanswered', 'frt_unmeasured', 'frt_median', 'frt_p90', 'frt_mean', 'sla_frt', 'sla_resolution', 'transfer_rate', 'escalation_rate'],
  by_resolved: ['resolved', 'resolution_median', 'resolution_p90', 'resolution_mean', 'rating_response_rate'],
  by_first_resolved: ['reopen_rate', 'one_touch_rate'],
  by_rated: ['csat', 'rating_mean'],
  by_reply: ['replies', 'reply_median', 'reply_p90'],
} as const;
export type KpiColumn = (typeof KPI_AGGREGATES)[keyof typeof KPI_AGGREGATES][number];
export const KPI_COLUMNS: readonly KpiColumn[] = Object.values(KPI_AGGREGATES).flat();
const COUNT_COLUMNS = KPI_COLUMNS.filter((c) => metricDefinition(c).unit === 'count');

export interface KpiQuery {
  key: KeyKind;
  /** For key 'dimension': the dimension grouped by. */
  dimension?: Dimension;
  /** For key 'bucket'. */
  grain?: CalendarGrain;
  /** The instant SLA clocks of open tickets run to (default: now). */
  now?: Date;
  /** For key 'period': also this period, which ends where the range starts (row 'previous'). */
  adjoining?: MetricFilter;
  /** The KPIs asked for (default: all); the aggregates that answer none of them are not computed. */
  kpis?: readonly KpiColumn[];
}

/**
 * Parameters of a metric query: the filter's, `now`, and $split at the range's start. With
 * `adjoining` (a comparison period that ends where the range starts) the range reaches back over it,
 * and key 'period' answers its row 'previous' beside 'current' from one scan; a comparison period
 * apart from the range (comparison.ts) is queried as a filter of its own.
 */
export function metricParams(filter: MetricFilter, options: { now?: Date; adjoining?: MetricFilter } = {}): Record<string, DuckDBValue> {
  const params = filterParams(filter);
  const split = params.start!;
  if (options.adjoining) {
    if (!adjoins(options.adjoining, filter)) throw new Error(`${options.adjoining.from}..${options.adjoining.to} does not end where ${filter.from} starts`);
    params.start = periodBounds(options.adjoining).start.toISOString();
  }
  return { ...params, split, now: (options.now ?? new Date()).toISOString() };
}

/** Whether `period` ends where `filter`'s range starts (the default comparison of most ranges). */
export function adjoins(period: MetricFilter, filter: MetricFilter): boolean {
  return periodBounds(period).end.getTime() === periodBounds(filter).start.getTime();
}

/** sql/kpis.sql for a filter and query, joining only the aggregates that answer the asked KPIs. */
export function kpiSql(filter: MetricFilter, query: KpiQuery): string {
  const asked = new Set(query.kpis ?? KPI_COLUMNS);
  const joined = Object.fromEntries(Object.entries(KPI_AGGREGATES)
    .map(([aggregate, columns]) => [aggregate, columns.filter((c) => asked.has(c))] as const)
    .filter(([, columns]) => columns.length > 0));
  return metricSql('kpis', { key: query.key, dimension: query.dimension ?? null, filtered: filteredDimensions(filter), joined });
}

/** A key whose created tickets all come from sources that measure no first response: its first response KPIs null. */
export function withoutUnmeasuredFirstResponse(row: Row, firstResponse: readonly string[]): void {
  const volume = Number(row.volume ?? 0);
  if (volume > 0 && row.frt_unmeasured === volume) for (const c of firstResponse) row[c] = null;
}

/**
 * Rows of `key` and the asked KPIs; a key without facts of a kind has none of its kind's counts (0).
 * A key whose created tickets all come from sources that measure no first response has its first
 * response KPIs null (not available), not 0.
 */
export async function queryKpis(db: DuckDBConnection, filter: MetricFilter, query: KpiQuery): Promise<Row[]> {
  const asked = query.kpis ?? KPI_COLUMNS;
  const firstResponse = asked.filter((c) => FIRST_RESPONSE_KPIS.includes(c));
  // volume and frt_unmeasured tell a key without a measured ticket; asked along, answered only when asked for
  const helpers = firstResponse.length === 0 ? [] : (['volume', 'frt_unmeasured'] as const).filter((c) => !asked.includes(c));
  const sql = kpiSql(filter, { ...query, kpis: [...asked, ...helpers] });
  const rows = await queryRows(db, sql, { ...metricParams(filter, query), grain: query.grain ?? 'day' });
  const counts = COUNT_COLUMNS.filter((c) => asked.includes(c));
  for (const row of rows) {
    for (const c of counts) row[c] ??= 0;
    withoutUnmeasuredFirstResponse(row, firstResponse);
    for (const c of helpers) delete row[c];
  }
  return rows;
}
