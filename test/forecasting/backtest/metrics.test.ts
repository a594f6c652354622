import { describe, expect, it } from 'vitest';
import { coverage, mase, meanAbsoluteError, seasonalNaiveScale, wape } from '../../../forecasting/backtest/metrics.ts';

describe('accuracy metrics on hand-computed arrays', () => {
  it('scales MASE by the in-sample seasonal naive MAE over open periods', () => {
    // Season of 3 slots: naive errors |11-10| + |14-12| + |9-8| = 4 over 3 pairs.
    const values = [10, 12, 8, 11, 14, 9];
    const slots = Int32Array.from([0, 1, 2, 0, 1, 2]);
    expect(seasonalNaiveScale(values, [1, 1, 1, 1, 1, 1], slots, 3)).toBeCloseTo(4 / 3, 12);
    // Forecast errors 2 and 3: MAE 2.5, MASE 2.5 / (4/3).
    expect(mase([10, 20], [12, 17], 4 / 3)).toBeCloseTo(1.875, 12);
  });

  it('skips closed periods when scaling: the pair is the previous open period of the same slot', () => {
    // Slot 0 at indices 0, 2 (closed, 99 ignored), 4: the pair is (10, 13) -> 3; slot 1: (5, 7) -> 2.
    const values = [10, 5, 99, 6, 13, 7];
    const open = [true, true, false, false, true, true];
    const slots = Int32Array.from([0, 1, 0, 1, 0, 1]);
    expect(seasonalNaiveScale(values, open, slots, 2)).toBeCloseTo(2.5, 12);
    // Only the first `end` periods are in-sample.
    expect(seasonalNaiveScale(values, open, slots, 2, 5)).toBeCloseTo(3, 12);
  });

  it('computes WAPE, MAE and the p10-p90 coverage', () => {
    expect(wape([10, 20], [12, 17])).toBeCloseTo(5 / 30, 12);
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    // 10 in [9, 11], 20 not in [21, 25], 30 in [25, 30] (bounds included).
    expect(coverage([10, 20, 30], [9, 21, 25], [11, 25, 30])).toBeCloseTo(2 / 3, 12);
  });

  it('is undefined (NaN) where the scale or the total is zero', () => {
    expect(mase([1], [2], 0)).toBeNaN();
    expect(wape([0, 0], [1, 2])).toBeNaN();
    expect(seasonalNaiveScale([1, 2], [1, 1], Int32Array.from([0, 1]), 2)).toBeNaN();
  });
});
