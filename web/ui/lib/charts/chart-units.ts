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

/**
 * Axis format: counts as integers, ratios as percentages with as many decimals as the plotted
 * `values`' range needs (a rate under 1% would read 0% at every tick), the rest in SI units.
 */
export function axisFormat(unit: ColumnUnit, values: readonly (number | null)[] = []): string {
  if (unit === 'count') return ',d';
  if (unit !== 'ratio') return '~s';
  const largest = Math.max(0, ...values.map((v) => (v !== null && Number.isFinite(v) ? Math.abs(v) : 0)));
  if (largest === 0) return '.0%';
  // Ticks fall about a fifth of the range apart (as percentages: 1, 2 or 5 x 10^k); one decimal more
  // than such a step needs covers a denser axis, and `~` trims the zeros that then trail.
  const decimals = Math.min(4, Math.max(0, 1 - Math.floor(Math.log10((largest * 100) / 5))));
  return `.${decimals}~%`;
}

/** d3 time format of a bucket on the x axis for a grain. */
export function timeFormat(grain: 'day' | 'week' | 'month'): string {
  return grain === 'month' ? '%Y-%m' : '%m-%d';
}
