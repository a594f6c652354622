// One queue's arrivals: the recent history and the forecast's p50 as lines, the p10-p90 band with
// dashed edges, and the peak intervals marked (rule + point). Five layers, tooltips on every period.
// Drawing cost is per mark item, so every period is one item in as few layers as possible, and
// what vega would compute per item with interpreted expressions (validity tests, the tooltip's
// formatted numbers) is computed here once and drawn as plain fields (precomputed.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../api/types.ts';
import { SCHEMA } from './chart-units.ts';
import { PRECOMPUTED, type Precomputed } from './precomputed.ts';

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
const BAND_COLOUR = FORECAST_COLOURS[2];

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

// The tooltip's numbers as vega's d3 formats ',d' and ',.1f' wrote them (grouped, the same in both languages).
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A period drawn on the line and hovered: `y` is the actual count (history) or the p50 (forecast, peaks). */
interface Period {
  t: number; when: string; series: string; y: number; tip: Record<string, string>;
  actual?: number; p10?: number; p50?: number; p90?: number;
}

export function forecastSpec({ rows, peaks, daily, labels }: ForecastChartInput): TopLevelSpec {
  // The period as text cut from the ISO string: a temporal tooltip would be formatted in the
  // browser's zone (vega-lite drops formatType 'utc' unless custom format types are on).
  const when = (iso: string) => (daily ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' '));
  // Times as epoch milliseconds and no implicit parsing (format.parse null): vega-lite would
  // otherwise parse every date string with an interpreted expression (the CSP forbids compiled ones).
  const at = (iso: string) => Date.parse(wallClock(iso));
  const quantiles = (start: string, series: string, p10: number, p50: number, p90: number): Period => ({
    t: at(start), when: when(start), series, y: p50, p10, p50, p90,
    tip: { [labels.time]: when(start), [labels.p10]: tenths.format(p10), [labels.p50]: tenths.format(p50), [labels.p90]: tenths.format(p90) },
  });
  const periods: Period[] = [];
  for (const row of rows) {
    if (typeof row.start !== 'string') continue;
    const actual = num(row.actual);
    const [p10, p50, p90] = [num(row.p10), num(row.p50), num(row.p90)];
    if (row.kind === 'history' && actual !== null) {
      const w = when(row.start);
      periods.push({ t: at(row.start), when: w, series: labels.history, y: actual, actual, tip: { [labels.time]: w, [labels.history]: whole.format(actual) } });
    } else if (row.kind === 'forecast' && p10 !== null && p50 !== null && p90 !== null) {
      periods.push(quantiles(row.start, labels.p50, p10, p50, p90));
    }
  }
  const band = periods.filter((p) => p.p10 !== undefined).map((p) => ({ t: p.t, p10: p.p10, p90: p.p90, series: labels.band }));
  const marks = peaks.map((p) => quantiles(p.start, labels.peak, p.p10, p.p50, p.p90));
  // Named datasets, each layer naming one: inline values per layer were hashed and copied per layer.
  const data = (name: 'band' | 'periods' | 'peaks') => ({ name, format: { parse: null } });

  const x = {
    field: 't', type: 'temporal' as const, title: labels.time, scale: { type: 'utc' as const },
    // History plus horizon spans weeks, so the ticks are days whatever the interval.
    axis: { format: '%m-%d', labelOverlap: true },
  };
  const y = { field: 'y', type: 'quantitative' as const, title: labels.arrivals };
  // What each tooltip shows (and the chart's data table lists); drawn from each datum's `tip`.
  const time = { field: 'when', type: 'nominal' as const, title: labels.time };
  const quantileFields = (['p10', 'p50', 'p90'] as const).map((field) => ({ field, type: 'quantitative' as const, title: labels[field], format: ',.1f' }));
  const tooltip = [time, { field: 'actual', type: 'quantitative' as const, title: labels.history, format: ',d' }, ...quantileFields];
  // One colour scale across the layers gives a single legend naming history, forecast, band and peaks.
  const color = {
    // Symbols in full colour: the legend would take the band's tint (its fill opacity) for every series.
    field: 'series', type: 'nominal' as const, title: labels.series, legend: { orient: 'bottom' as const, symbolOpacity: 1 },
    scale: { domain: [labels.history, labels.p50, labels.band, labels.peak], range: [...FORECAST_COLOURS] },
  };
  const precomputed: Precomputed = { tooltip: 'tip' };

  return {
    $schema: SCHEMA,
    width: 'container',
    height: 260,
    // Canvas: six charts of ~1,000 periods drew in 1.6 s as SVG on the demo.
    usermeta: { embedOptions: { renderer: 'canvas' }, [PRECOMPUTED]: precomputed },
    // Every value is a finite number (checked above): no per-datum validity filter.
    config: { mark: { invalid: 'show' } },
    datasets: { band, periods, peaks: marks },
    encoding: { x },
    layer: [
      {
        // The band's outline is its p10 and p90 edges (and the two ends), dashed in the full colour.
        data: data('band'),
        mark: { type: 'area', fillOpacity: 0.2, stroke: BAND_COLOUR, strokeWidth: 1, strokeDash: [4, 3], interpolate: 'monotone' },
        encoding: { y: { field: 'p10', type: 'quantitative', title: labels.arrivals }, y2: { field: 'p90' }, color },
      },
      {
        // History and p50: one line per series.
        data: data('periods'),
        mark: { type: 'line', strokeWidth: 1.4, interpolate: 'monotone' },
        encoding: { y, color },
      },
      {
        // A line answers a hover with its first datum (vega picks a path's first item), so the
        // tooltips sit on invisible points, one per period: the values where the pointer is.
        data: data('periods'),
        mark: { type: 'point', opacity: 0, size: 60, filled: true },
        encoding: { y, tooltip },
      },
      {
        data: data('peaks'),
        mark: { type: 'rule', strokeDash: [3, 3], opacity: 0.6 },
        encoding: { color, tooltip: [time, ...quantileFields] },
      },
      {
        data: data('peaks'),
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { y, color, tooltip: [time, ...quantileFields] },
      },
    ],
  };
}
