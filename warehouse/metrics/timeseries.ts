// KPI series over time: per local day, ISO week or month of the range (every bucket, also empty
// ones, with the backlog at the end of each), or per hour of day / weekday of the facts' local time.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from './filter.ts';
import { calendarBuckets, bucketOf, localDays, partialBucketsOf, type Grain } from './buckets.ts';
import { metricColumn } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { queryKpis, type KpiColumn } from './kpis.ts';
import { backlogMoves, backlogSeries } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import type { Cell, MetricTable } from './table.ts';

/** The KPIs of a series row (besides bucket, created and backlog). */
const SERIES_KPIS: KpiColumn[] = ['resolved', 'frt_median', 'frt_p90', 'resolution_median', 'resolution_p90',
  'sla_frt', 'sla_resolution', 'csat', 'rating_mean'];
const COUNTS = new Set(['volume', 'resolved']);

/** `rollup`: the backlog from the daily rollup when it answers the filter (the same counts; the KPIs come from the facts). */
export async function timeseries(db: DuckDBConnection, filter: MetricFilter, grain: Grain, options: { now?: Date; rollup?: boolean } = {}): Promise<MetricTable> {
  const calendar = grain === 'day' || grain === 'week' || grain === 'month';
  const kpis: KpiColumn[] = ['volume', ...SERIES_KPIS];
  const rows = await queryKpis(db, filter, calendar ? { key: 'bucket', grain, now: options.now, kpis } : { key: grain, now: options.now, kpis });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const buckets: (string | number)[] = calendar ? calendarBuckets(filter.from, filter.to, grain)
    : grain === 'hour' ? Array.from({ length: 24 }, (_, h) => h) : [1, 2, 3, 4, 5, 6, 7];
  // Backlog at the end of each bucket: of its last day inside the range.
  const backlog = new Map<string, number>();
  if (calendar) {
    for (const d of backlogSeries(await backlogMoves(db, filter, { rollup: options.rollup }), localDays(filter.from, filter.to))) backlog.set(bucketOf(d.day, grain), d.backlog);
  }
  const { current: firstResponse } = await firstResponseCoverage(db, filter);
  return {
    name: `timeseries-${grain}`,
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: null,
    clock: filter.clock ?? 'business',
    columns: [
      { ...COLUMNS.bucket, unit: calendar ? 'date' : 'number' },
      metricColumn('volume', 'created'),
      ...SERIES_KPIS.map((k) => metricColumn(k)),
      ...(calendar ? [metricColumn('backlog')] : []),
    ],
    rows: buckets.map((bucket) => {
      const r = byKey.get(bucket);
      const row: Record<string, Cell> = { bucket, created: r?.volume ?? 0 };
      for (const k of SERIES_KPIS) row[k] = r?.[k] ?? (COUNTS.has(k) ? 0 : null);
      if (calendar) row.backlog = backlog.get(bucket as string) ?? 0;
      return row;
    }),
    firstResponse,
    ...(calendar ? { partial: partialBucketsOf(filter, grain, options.now) } : {}),
  };
}
