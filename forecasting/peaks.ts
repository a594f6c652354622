// Peaks of a forecast horizon: the top N intervals and every interval above a threshold, so the
// planner (and the dispatch-rule check) sees where the load concentrates.

export interface PeakInterval { start: number; p10: number; p50: number; p90: number }

export interface PeakOptions {
  /** How many of the highest intervals to return (default 5). */
  top?: number;
  /** Return every interval whose `field` exceeds this. */
  threshold?: number;
  /** Which forecast quantile ranks and thresholds the intervals (default p50). */
  field?: 'p50' | 'p90';
}

export interface Peaks<T extends PeakInterval> { top: T[]; aboveThreshold: T[] }

export function findPeaks<T extends PeakInterval>(intervals: readonly T[], options: PeakOptions = {}): Peaks<T> {
  const field = options.field ?? 'p50';
  const top = [...intervals]
    .sort((a, b) => b[field] - a[field] || a.start - b.start)
    .slice(0, options.top ?? 5);
  const threshold = options.threshold;
  const aboveThreshold = threshold === undefined ? [] : intervals.filter((i) => i[field] > threshold);
  return { top, aboveThreshold };
}
