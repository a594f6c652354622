// What a trend chart draws besides its lines: the period it is compared with as dashed lines (each
// bucket over the current one at the same position), promotion days and holidays as vertical rules,
// and the KPI targets as horizontal ones (/api/annotations). The trend spec becomes the first layer,
// so its data, tooltip and colours stay what the chart's table and palette read.
import type { TopLevelSpec } from 'vega-lite';
import type { ColumnUnit } from '../api/types.ts';
import { chartFormat, chartNumber } from './chart-units.ts';
import type { Point } from './trend.ts';
import type { Annotations } from '../../../../warehouse/metrics/annotations.ts';

export interface Marker { date: string; kind: 'promotion' | 'holiday'; label: string }
export interface TargetLine { value: number; label: string }

export interface TrendAnnotations {
  unit: ColumnUnit;
  /**
   * The compared period's points (foldSeries of its rows), its name ("previous period"), and the
   * buckets of both tables in order (every bucket, also those without a value), to align them;
   * `from`: its first day with data (comparison-note.ts), buckets starting before it left out (a gap, not 0).
   */
  previous?: { points: Point[]; title: string; buckets: string[]; onto: string[]; from?: string };
  markers?: Marker[];
  /** In the metric's unit (a ratio 0..1, seconds), as /api/annotations gives them. */
  targets?: TargetLine[];
  titles: { marker: string; target: string; date: string; value: string; series: string };
}

/** The API's markers as the chart names them ("Promotion: 双十一", "Holiday"), in the page's words. */
export function markersOf(found: Annotations | null | undefined, words: { promotion: string; holiday: string }): Marker[] {
  return (found?.markers ?? []).map((m) => ({
    date: m.date, kind: m.kind, label: m.kind === 'promotion' ? [words.promotion, m.name].filter(Boolean).join(': ') : words.holiday,
  }));
}

const MARKER_COLOURS = { promotion: '#b45309', holiday: '#4b5563' } as const;

/**
 * The compared period's points moved onto the current buckets: its i-th bucket of each series over
 * the current i-th bucket (day 1 of last month over day 1 of this one), `bucket` keeping its own date.
 */
export function alignPrevious(previous: Point[], buckets: string[], onto: string[], from = ''): (Point & { bucket: string })[] {
  const at = new Map(buckets.map((x, i) => [x, onto[i]]));
  return previous.flatMap((p) => {
    const x = at.get(p.x);
    return x === undefined || p.x.slice(0, 10) < from ? [] : [{ x, series: p.series, value: p.value, bucket: p.x }];
  });
}

export function annotateTrend(spec: TopLevelSpec, a: TrendAnnotations): TopLevelSpec {
  const previous = a.previous ? alignPrevious(a.previous.points, a.previous.buckets, a.previous.onto, a.previous.from) : [];
  const markers = a.markers ?? [];
  const targets = (a.targets ?? []).flatMap((t) => {
    const value = chartNumber(t.value, a.unit);
    return value === null ? [] : [{ value, target: t.label }];
  });
  if (previous.length === 0 && markers.length === 0 && targets.length === 0) return spec;
  const { $schema, width, height, ...trend } = spec as TopLevelSpec & { width?: unknown; height?: unknown };
  const x = { field: 'x', type: 'temporal' as const, scale: { type: 'utc' as const } };
  const layers: object[] = [trend];
  if (previous.length > 0) {
    layers.push({
      name: 'previous_period',
      data: { values: previous.map((p) => ({ ...p, compared: a.previous!.title })) },
      mark: { type: 'line', interpolate: 'monotone', strokeDash: [4, 3], strokeWidth: 1.5, opacity: 0.6 },
      encoding: {
        x, y: { field: 'value', type: 'quantitative' },
        // the trend's own colour channel: same colour and legend per series
        color: (trend as { encoding?: { color?: object } }).encoding?.color ?? { field: 'series', type: 'nominal' },
        detail: { field: 'compared', type: 'nominal' },
        tooltip: [
          { field: 'compared', type: 'nominal', title: a.titles.series },
          { field: 'bucket', type: 'nominal', title: a.titles.date },
          { field: 'series', type: 'nominal', title: a.titles.series },
          { field: 'value', type: 'quantitative', title: a.titles.value, format: chartFormat(a.unit) },
        ],
      },
    });
  }
  for (const kind of ['promotion', 'holiday'] as const) {
    const values = markers.filter((m) => m.kind === kind).map((m) => ({ x: m.date, bucket: m.date, marker: m.label }));
    if (values.length === 0) continue;
    layers.push({
      name: `${kind}_markers`,
      data: { values },
      mark: { type: 'rule', color: MARKER_COLOURS[kind], strokeWidth: kind === 'promotion' ? 2 : 1.5, strokeDash: kind === 'holiday' ? [2, 2] : [] },
      encoding: {
        x,
        tooltip: [{ field: 'marker', type: 'nominal', title: a.titles.marker }, { field: 'bucket', type: 'nominal', title: a.titles.date }],
      },
    });
  }
  if (targets.length > 0) {
    // The highest target's label sits above its line, the others' below theirs: two close targets
    // (SLA first response 90%, resolution 85%) had their labels drawn over each other.
    const top = Math.max(...targets.map((t) => t.value));
    const label = (values: typeof targets, above: boolean) => ({
      data: { values },
      mark: { type: 'text', align: 'right', baseline: above ? 'bottom' : 'top', dy: above ? -2 : 2, color: '#15803d', fontSize: 10 },
      encoding: { x: { value: 'width' }, text: { field: 'target' } },
    });
    const below = targets.filter((t) => t.value !== top);
    layers.push({
      name: 'targets',
      data: { values: targets },
      layer: [
        { mark: { type: 'rule', color: '#15803d', strokeWidth: 1.5 } },
        label(targets.filter((t) => t.value === top), true),
        ...(below.length > 0 ? [label(below, false)] : []),
      ],
      encoding: {
        y: { field: 'value', type: 'quantitative' },
        tooltip: [{ field: 'target', type: 'nominal', title: a.titles.target }, { field: 'value', type: 'quantitative', title: a.titles.value, format: chartFormat(a.unit) }],
      },
    });
  }
  return { $schema, width, height, layer: layers } as TopLevelSpec;
}
