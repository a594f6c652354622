// KPI series over time: per local day, ISO week or month of the range (every bucket, also empty
// ones, with the backlog at the end of each), or per hour of day / weekday of the facts' local time.
// Calendar buckets of an unfiltered range in the daily rollup's zone come from the rollup (each
// bucket its days inside the range), the rest from the tickets.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from './filter.ts';
import { calendarBuckets, bucketOf, localDays, partialBucketsOf, type CalendarGrain, type Grain } from './buckets.ts';
import { metricColumn } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { queryKpis, type KpiColumn } from './kpis.ts';
import { backlogMoves, backlogSeries } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import { coverageOf } from './first-response-notes.ts';
import { rollupAnswers, rollupGroups, rollupZone } from '../rollups/daily-rollup.ts';
import type { Cell, FirstResponseCoverage, MetricTable } from './table.ts';

/** The KPIs of a series row (besides bucket, created and backlog). */
const SERIES_KPIS: KpiColumn[] = ['resolved', 'frt_median', 'frt_p90', 'resolution_median', 'resolution_p90',
  'sla_frt', 'sla_resolution', 'csat', 'rating_mean'];
const COUNTS = new Set(['volume', 'resolved']);

/** A series' figures by bucket: its KPIs (volume among them) and, for calendar buckets, the backlog at its end. */
interface SeriesFigures { kpis: Map<string | number, Record<string, unknown>>; backlog: Map<string, number>; firstResponse: FirstResponseCoverage }

/**
 * `rollup`: calendar buckets from the daily rollup when it answers the filter (`source` says which;
 * its quantiles within 1%); without it every figure comes from the tickets (exact).
 */
export async function timeseries(db: DuckDBConnection, filter: MetricFilter, grain: Grain, options: { now?: Date; rollup?: boolean } = {}): Promise<MetricTable> {
  const calendar = grain === 'day' || grain === 'week' || grain === 'month';
  const source = calendar && options.rollup && rollupAnswers(filter, await rollupZone(db)) ? 'rollup' : 'facts';
  const figures = source === 'rollup' ? await rollupFigures(db, filter, grain as CalendarGrain, options.now)
    : await factFigures(db, filter, grain, options.now);
  const buckets: (string | number)[] = calendar ? calendarBuckets(filter.from, filter.to, grain)
    : grain === 'hour' ? Array.from({ length: 24 }, (_, h) => h) : [1, 2, 3, 4, 5, 6, 7];
  return {
    name: `timeseries-${grain}`,
    source,
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
      const r = figures.kpis.get(bucket);
      const row: Record<string, Cell> = { bucket, created: (r?.volume as Cell) ?? 0 };
      for (const k of SERIES_KPIS) row[k] = (r?.[k] as Cell) ?? (COUNTS.has(k) ? 0 : null);
      if (calendar) row.backlog = figures.backlog.get(bucket as string) ?? 0;
      return row;
    }),
    firstResponse: figures.firstResponse,
    ...(calendar ? { partial: partialBucketsOf(filter, grain, options.now) } : {}),
  };
}

async function factFigures(db: DuckDBConnection, filter: MetricFilter, grain: Grain, now: Date | undefined): Promise<SeriesFigures> {
  const calendar = grain === 'day' || grain === 'week' || grain === 'month';
  const kpis: KpiColumn[] = ['volume', ...SERIES_KPIS];
  const rows = await queryKpis(db, filter, calendar ? { key: 'bucket', grain, now, kpis } : { key: grain, now, kpis });
  // Backlog at the end of each bucket: of its last day inside the range.
  const backlog = new Map<string, number>();
  if (calendar) {
    for (const d of backlogSeries(await backlogMoves(db, filter), localDays(filter.from, filter.to))) backlog.set(bucketOf(d.day, grain), d.backlog);
  }
  return { kpis: new Map(rows.map((r) => [r.key as string | number, r])), backlog, firstResponse: (await firstResponseCoverage(db, filter)).current };
}

/** Each bucket's days inside the range as one group of the rollup's figures. */
async function rollupFigures(db: DuckDBConnection, filter: MetricFilter, grain: CalendarGrain, now: Date | undefined): Promise<SeriesFigures> {
  const days = new Map<string, { from: string; to: string }>();
  for (const day of localDays(filter.from, filter.to)) {
    const bucket = bucketOf(day, grain);
    days.set(bucket, { from: days.get(bucket)?.from ?? day, to: day });
  }
  const groups = await rollupGroups(db, filter.timezone, [...days].map(([key, { from, to }]) => ({ key, from, to })), { now, clock: filter.clock });
  // the range's tickets per first response rule: its buckets' summed
  const rules = new Map<string | null, number>();
  for (const g of groups.values()) for (const r of g.rules) rules.set(r.rule, (rules.get(r.rule) ?? 0) + Number(r.tickets));
  return {
    kpis: new Map([...groups].map(([key, g]) => [key, g.kpis])),
    backlog: new Map([...groups].map(([key, g]) => [key, g.backlog])),
    firstResponse: coverageOf([...rules].map(([rule, tickets]) => ({ rule, tickets }))),
  };
}
