// A line chart over time with one line per series (created vs resolved, median vs p90, one line
// per problem type ...); wide API rows are folded into long form first with foldSeries.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, ColumnUnit } from '../api/types.ts';
import { SCHEMA, axisFormat, chartFormat, chartNumber, timeFormat } from './chart-units.ts';

export interface Point { x: string; series: string; value: number }

/** Wide rows ({bucket, created, resolved}) as long points, one per series and row; nulls dropped. */
export function foldSeries(rows: Record<string, Cell>[], x: string, series: { key: string; label: string }[], unit: ColumnUnit): Point[] {
  const points: Point[] = [];
  for (const row of rows) {
    const at = row[x];
    if (typeof at !== 'string') continue;
    for (const s of series) {
      const value = chartNumber(row[s.key], unit);
      if (value !== null) points.push({ x: at, series: s.label, value });
    }
  }
  return points;
}

/** Long rows ({bucket, problem_type, tickets}) as points. */
export function longSeries(rows: Record<string, Cell>[], x: string, series: string, y: string, unit: ColumnUnit): Point[] {
  return rows.flatMap((row) => {
    const at = row[x];
    const value = chartNumber(row[y], unit);
    return typeof at === 'string' && value !== null ? [{ x: at, series: String(row[series] ?? '—'), value }] : [];
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
}

export function trendSpec({ points, unit, grain, xTitle, yTitle, seriesTitle, seriesOrder }: TrendInput): TopLevelSpec {
  const order = seriesOrder ?? [...new Set(points.map((p) => p.series))];
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 220,
    data: { values: points },
    mark: { type: 'line', point: { size: 18 }, interpolate: 'monotone' },
    encoding: {
      x: { field: 'x', type: 'temporal', title: xTitle, scale: { type: 'utc' }, axis: { format: timeFormat(grain) } },
      y: { field: 'value', type: 'quantitative', title: yTitle, axis: { format: axisFormat(unit) } },
      color: { field: 'series', type: 'nominal', title: seriesTitle, sort: order, legend: { orient: 'bottom' } },
      tooltip: [
        // The bucket as the API wrote it: a temporal tooltip would be formatted in the browser's zone.
        { field: 'x', type: 'nominal', title: xTitle },
        { field: 'series', type: 'nominal', title: seriesTitle },
        { field: 'value', type: 'quantitative', title: yTitle, format: chartFormat(unit) },
      ],
    },
  };
}
