// How a column unit appears on a chart: durations are drawn in hours (seconds are unreadable on
// an axis), ratios as percentages, counts as integers; one place for axis and tooltip formats.
import type { Cell, ColumnUnit } from '../api/types.ts';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A cell as the number a chart plots (seconds become hours), or null when it is not a number. */
export function chartNumber(value: Cell | undefined, unit: ColumnUnit): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return unit === 'seconds' ? value / 3600 : value;
}

/** d3-format string for values of `unit` as plotted by chartNumber. */
export function chartFormat(unit: ColumnUnit): string {
  switch (unit) {
    case 'ratio': return '.1%';
    case 'seconds': return '.2f';
    case 'rating': return '.2f';
    case 'count': return ',d';
    default: return ',.2~f';
  }
}

/** Axis format: ratios without decimals, the rest as in tooltips. */
export function axisFormat(unit: ColumnUnit): string {
  return unit === 'ratio' ? '.0%' : unit === 'count' ? ',d' : '~s';
}

/** d3 time format of a bucket on the x axis for a grain. */
export function timeFormat(grain: 'day' | 'week' | 'month'): string {
  return grain === 'month' ? '%Y-%m' : '%m-%d';
}
