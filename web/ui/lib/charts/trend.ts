// A line chart over time with one line per series (created vs resolved, median vs p90, one line
// per problem type ...); wide API rows are folded into long form first with foldSeries.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, ColumnUnit } from '../api/types.ts';
import { SCHEMA, axisFormat, chartFormat, chartNumber, timeFormat } from './chart-units.ts';
import type { Drillable } from './drill.ts';

/** drill: the tickets behind a point (its bucket, and the series' basis: created, resolved, rated). */
export interface Point extends Drillable { x: string; series: string; value: number }

/** A bucket the range or today cuts short (MetricTable.partial): drawn dashed, named in the tooltip. */
export interface PartialBucket { days_covered: number; days_in_bucket: number }

/** Wide rows ({bucket, created, resolved}) as long points, one per series and row; nulls dropped. */
export function foldSeries(rows: Record<string, Cell>[], x: string, series: { key: string; label: string }[], unit: ColumnUnit,
  drill?: (row: Record<string, Cell>, series: string) => Drillable | null): Point[] {
  const points: Point[] = [];
  for (const row of rows) {
    const at = row[x];
    if (typeof at !== 'string') continue;
    for (const s of series) {
      const value = chartNumber(row[s.key], unit);
      if (value !== null) points.push({ x: at, series: s.label, value, ...drill?.(row, s.key) });
    }
  }
  return points;
}

/** Long rows ({bucket, problem_type, tickets}) as points. */
export function longSeries(rows: Record<string, Cell>[], x: string, series: string, y: string, unit: ColumnUnit,
  drill?: (row: Record<string, Cell>) => Drillable | null): Point[] {
  return rows.flatMap((row) => {
    const at = row[x];
    const value = chartNumber(row[y], unit);
    return typeof at === 'string' && value !== null ? [{ x: at, series: String(row[series] ?? '—'), value, ...drill?.(row) }] : [];
  });
}

export interface TrendInput {
  points: Point[];
  unit: ColumnUnit;
  grain: 'day' | 'week' | 'month';
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  /** Series in legend order (default: order of first appearance). */
  seriesOrder?: string[];
  /** The table's partial buckets by bucket start, and how the tooltip says so ("partial: 2 of 31 days"). */
  partial?: Record<string, PartialBucket>;
  coverage?: { title: string; complete: string; partial: (bucket: PartialBucket) => string };
}

/** `bucket`: x as the API wrote it, for the tooltip (vega parses `x` into a date for the axis). */
interface Drawn extends Point { bucket: string; partial: boolean; coverage: string }

/**
 * The dashed stretches: per series, each partial bucket with its neighbour, so the line into a
 * partial first or last bucket is dashed and the rest solid (`segment` keeps stretches apart).
 */
function dashedStretches(points: Drawn[]): (Drawn & { segment: string })[] {
  const out: (Drawn & { segment: string })[] = [];
  const bySeries = new Map<string, Drawn[]>();
  for (const p of points) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
  for (const line of bySeries.values()) {
    line.sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
    line.forEach((p, i) => {
      if (!p.partial) return;
      const neighbour = i === 0 ? line[1] : line[i - 1];
      for (const q of neighbour ? [neighbour, p] : [p]) out.push({ ...q, segment: p.x });
    });
  }
  return out;
}

export function trendSpec({ points, unit, grain, xTitle, yTitle, seriesTitle, seriesOrder, partial = {}, coverage }: TrendInput): TopLevelSpec {
  const order = seriesOrder ?? [...new Set(points.map((p) => p.series))];
  const drawn: Drawn[] = points.map((p) => {
    const cut = partial[p.x];
    return { ...p, bucket: p.x, partial: cut !== undefined, coverage: cut ? (coverage?.partial(cut) ?? '') : (coverage?.complete ?? '') };
  });
  // One label per bucket: ticks at the buckets themselves (vega's own weeks start on Sunday, and its
  // month ticks at a narrow width repeat a month); day ticks at most daily, thinned when crowded.
  // As vega-lite DateTimes: plain timestamps compile to datetime(ms), which the CSP-safe interpreter lacks.
  const buckets = [...new Set(points.map((p) => p.x))].sort()
    .map((x) => ({ year: Number(x.slice(0, 4)), month: Number(x.slice(5, 7)), date: Number(x.slice(8, 10)), utc: true }));
  const axis = {
    format: timeFormat(grain), labelOverlap: true,
    ...(grain === 'day' ? { tickCount: { interval: 'day' as const, step: 1 } } : { values: buckets }),
  };
  const x = { field: 'x', type: 'temporal' as const, title: xTitle, scale: { type: 'utc' as const }, axis };
  const y = { field: 'value', type: 'quantitative' as const, title: yTitle, axis: { format: axisFormat(unit, points.map((p) => p.value)) } };
  const color = { field: 'series', type: 'nominal' as const, title: seriesTitle, sort: order, legend: { orient: 'bottom' as const } };
  const tooltip = [
    // The bucket as the API wrote it: a temporal tooltip would be formatted in the browser's zone.
    { field: 'bucket', type: 'nominal' as const, title: xTitle },
    { field: 'series', type: 'nominal' as const, title: seriesTitle },
    { field: 'value', type: 'quantitative' as const, title: yTitle, format: chartFormat(unit) },
    ...(coverage && Object.keys(partial).length ? [{ field: 'coverage', type: 'nominal' as const, title: coverage.title }] : []),
  ];
  const dashed = dashedStretches(drawn);
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 220,
    data: { values: drawn },
    encoding: { x, y, color },
    layer: [
      { transform: [{ filter: '!datum.partial' }], mark: { type: 'line', interpolate: 'monotone' } },
      ...(dashed.length ? [{
        data: { values: dashed },
        mark: { type: 'line' as const, interpolate: 'monotone' as const, strokeDash: [5, 4] },
        encoding: { detail: { field: 'segment', type: 'nominal' as const } },
      }] : []),
      {
        // Partial buckets as hollow points: the value of a few days, not a fall.
        mark: { type: 'point', filled: true, size: 24, strokeWidth: 1.5 },
        encoding: {
          stroke: { ...color, legend: null },
          fillOpacity: { condition: { test: 'datum.partial', value: 0 }, value: 1 },
          tooltip,
        },
      },
    ],
  } as TopLevelSpec;
}
