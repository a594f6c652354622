// One queue's arrivals: the recent history as a line, then the forecast as a p10-p90 band with the
// p50 line, and the peak intervals marked (rule + point). Layered vega-lite, tooltips on every mark.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../api/types.ts';
import { SCHEMA } from './chart-units.ts';

export interface ForecastLabels {
  time: string; arrivals: string; history: string; p50: string; band: string; peak: string; p10: string; p90: string; series: string;
}

export interface ForecastChartInput {
  /** Rows of the forecast table for this queue: kind 'history' (actual) or 'forecast' (p10/p50/p90). */
  rows: Record<string, Cell>[];
  peaks: { start: string; p10: number; p50: number; p90: number }[];
  daily: boolean;
  labels: ForecastLabels;
}

/**
 * The queue's wall-clock time as if it were UTC: the API sends local times with their offset
 * ("…T09:00:00+08:00"), and drawing them on a UTC scale (whose axis vega-lite formats in UTC)
 * shows the queue's own hours whatever the browser's time zone.
 */
export const wallClock = (iso: string): string => `${iso.slice(0, 19)}Z`;

/**
 * History, p50, band (its edges and legend), peaks: each >= 3:1 against the card and the page
 * (test/web/ui/lib/charts/forecast-colours.test.ts). The band's fill is a tint of its colour, lighter
 * than 3:1, so its p10 and p90 edges are drawn as dashed lines in the full colour.
 */
export const FORECAST_COLOURS = ['#6b7280', '#2563eb', '#3b82f6', '#dc2626'] as const;

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function forecastSpec({ rows, peaks, daily, labels }: ForecastChartInput): TopLevelSpec {
  // Tooltips show the period as text cut from the ISO string: a temporal tooltip would be formatted
  // in the browser's zone (vega-lite drops formatType 'utc' unless custom format types are on).
  const when = (iso: string) => (daily ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' '));
  // Times as epoch milliseconds and no implicit parsing (format.parse null): vega-lite would
  // otherwise parse every date string with an interpreted expression (the CSP forbids compiled ones).
  const at = (iso: string) => Date.parse(wallClock(iso));
  const history: { t: number; when: string; series: string; actual: number }[] = [];
  const forecast: { t: number; when: string; series: string; p10: number; p50: number; p90: number }[] = [];
  for (const row of rows) {
    if (typeof row.start !== 'string') continue;
    const [t, whenText] = [at(row.start), when(row.start)];
    const actual = num(row.actual);
    const [p10, p50, p90] = [num(row.p10), num(row.p50), num(row.p90)];
    if (row.kind === 'history' && actual !== null) history.push({ t, when: whenText, series: labels.history, actual });
    else if (row.kind === 'forecast' && p10 !== null && p50 !== null && p90 !== null) forecast.push({ t, when: whenText, series: labels.p50, p10, p50, p90 });
  }
  const marks = peaks.map((p) => ({ t: at(p.start), when: when(p.start), series: labels.peak, p10: p.p10, p50: p.p50, p90: p.p90 }));
  // Named datasets, each layer naming one: inline values per layer were hashed and copied per layer.
  const data = (name: 'band' | 'history' | 'forecast' | 'peaks') => ({ name, format: { parse: null } });

  const x = {
    field: 't', type: 'temporal' as const, title: labels.time, scale: { type: 'utc' as const },
    // History plus horizon spans weeks, so the ticks are days whatever the interval.
    axis: { format: '%m-%d', labelOverlap: true },
  };
  const time = { field: 'when', type: 'nominal' as const, title: labels.time };
  const quantiles = [
    time,
    { field: 'p10', type: 'quantitative' as const, title: labels.p10, format: ',.1f' },
    { field: 'p50', type: 'quantitative' as const, title: labels.p50, format: ',.1f' },
    { field: 'p90', type: 'quantitative' as const, title: labels.p90, format: ',.1f' },
  ];
  // One colour scale across the layers gives a single legend naming history, forecast, band and peaks.
  const color = {
    // Symbols in full colour: the legend would take the band's tint (the first layer's opacity) for every series.
    field: 'series', type: 'nominal' as const, title: labels.series, legend: { orient: 'bottom' as const, symbolOpacity: 1 },
    scale: { domain: [labels.history, labels.p50, labels.band, labels.peak], range: [...FORECAST_COLOURS] },
  };
  // A line or area answers a hover with its first datum (vega picks a path's first item), so the
  // tooltips sit on invisible points, one per period: the values where the pointer is.
  const hover = { type: 'point' as const, opacity: 0, size: 60, filled: true };

  return {
    $schema: SCHEMA,
    width: 'container',
    height: 260,
    // Canvas: six charts of ~1,000 periods drew in 1.6 s as SVG on the demo.
    usermeta: { embedOptions: { renderer: 'canvas' } },
    // Every value is a finite number (checked above): no per-datum validity filter, also interpreted.
    config: { mark: { invalid: 'show' } },
    datasets: { band: forecast.map((f) => ({ ...f, series: labels.band })), history, forecast, peaks: marks },
    encoding: { x },
    layer: [
      {
        data: data('band'),
        mark: { type: 'area', opacity: 0.2, interpolate: 'monotone' },
        encoding: { y: { field: 'p10', type: 'quantitative', title: labels.arrivals }, y2: { field: 'p90' }, color },
      },
      ...(['p10', 'p90'] as const).map((edge) => ({
        data: data('band'),
        mark: { type: 'line' as const, strokeWidth: 1, strokeDash: [4, 3], interpolate: 'monotone' as const },
        encoding: { y: { field: edge, type: 'quantitative' as const }, color },
      })),
      {
        data: data('history'),
        mark: { type: 'line', strokeWidth: 1.2, interpolate: 'monotone' },
        encoding: { y: { field: 'actual', type: 'quantitative' }, color },
      },
      {
        data: data('history'),
        mark: hover,
        encoding: { y: { field: 'actual', type: 'quantitative' }, tooltip: [time, { field: 'actual', type: 'quantitative', title: labels.history, format: ',d' }] },
      },
      {
        data: data('forecast'),
        mark: { type: 'line', strokeWidth: 1.6, interpolate: 'monotone' },
        encoding: { y: { field: 'p50', type: 'quantitative' }, color },
      },
      {
        data: data('forecast'),
        mark: hover,
        encoding: { y: { field: 'p50', type: 'quantitative' }, tooltip: quantiles },
      },
      {
        data: data('peaks'),
        mark: { type: 'rule', strokeDash: [3, 3], opacity: 0.6 },
        encoding: { color, tooltip: quantiles },
      },
      {
        data: data('peaks'),
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y: { field: 'p50', type: 'quantitative' }, color, tooltip: quantiles },
      },
    ],
  };
}
