import { describe, expect, it } from 'vitest';
import { findPeaks } from '../../forecasting/peaks.ts';

const at = (start: number, p50: number, p90 = p50 + 5) => ({ start, p10: Math.max(0, p50 - 5), p50, p90 });

describe('findPeaks', () => {
  const intervals = [at(1, 10), at(2, 30), at(3, 20), at(4, 30, 50), at(5, 5)];

  it('returns the top N by p50, earlier first on ties', () => {
    expect(findPeaks(intervals, { top: 3 }).top.map((i) => i.start)).toEqual([2, 4, 3]);
  });

  it('returns every interval above the threshold, in time order', () => {
    expect(findPeaks(intervals, { threshold: 15 }).aboveThreshold.map((i) => i.start)).toEqual([2, 3, 4]);
    expect(findPeaks(intervals, { threshold: 40, field: 'p90' }).aboveThreshold.map((i) => i.start)).toEqual([4]);
    expect(findPeaks(intervals).aboveThreshold).toEqual([]);
    expect(findPeaks(intervals).top.length).toBe(5);
  });
});
