import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { band, conformalQuantile, estimateDispersion, horizonBucket, residualQuantiles, standardisedResidual } from '../../../forecasting/backtest/intervals.ts';

describe('prediction bands', () => {
  it('are never negative and always ordered p10 <= p50 <= p90', () => {
    fc.assert(fc.property(
      fc.double({ min: -50, max: 1e4, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }),
      (forecast, q10, q90) => {
        const b = band(forecast, q10, q90);
        return b.p10 >= 0 && b.p10 <= b.p50 && b.p50 <= b.p90;
      },
    ));
  });

  it('scale residuals by sqrt(forecast) and read them back the same way', () => {
    expect(standardisedResidual(14, 9)).toBeCloseTo(5 / 3, 12);
    const b = band(9, -1, 2);
    expect(b).toEqual({ p10: 6, p50: 9, p90: 15 });
    // Below one arrival the scale stays 1, so a quiet hour still has a band.
    expect(band(0.25, -1, 2)).toEqual({ p10: 0, p50: 0.25, p90: 2.25 });
  });

  it('widen with the level when errors are proportional (dispersion by the method of moments)', () => {
    // Squared errors 4 and 25 against Poisson variances 10 and 10: excess 9 over sum f^2 = 200.
    expect(estimateDispersion([{ actual: 12, forecast: 10 }, { actual: 5, forecast: 10 }])).toBeCloseTo(0.045, 12);
    expect(estimateDispersion([{ actual: 10, forecast: 10 }])).toBe(0);
    // sqrt(100 + 0.01 * 100^2) = sqrt(200).
    const b = band(100, -1, 1, 0.01);
    expect(b.p10).toBeCloseTo(100 - Math.sqrt(200), 9);
    expect(b.p90).toBeCloseTo(100 + Math.sqrt(200), 9);
    expect(standardisedResidual(100 + Math.sqrt(200), 100, 0.01)).toBeCloseTo(1, 12);
  });

  it('take quantiles per horizon day and pool thin days with their neighbours', () => {
    const samples = [
      ...Array.from({ length: 50 }, (_, i) => ({ bucket: 0, origin: 0, z: i / 49 - 0.5 })), // uniform -0.5..0.5
      ...Array.from({ length: 50 }, (_, i) => ({ bucket: 1, origin: 0, z: 4 * (i / 49 - 0.5) })), // -2..2
      { bucket: 2, origin: 0, z: 100 },
    ];
    const q = residualQuantiles(samples, 3);
    // Split-conformal ranks of 50 residuals: the 5th smallest and the 46th.
    expect(q.q10[0]).toBeCloseTo(4 / 49 - 0.5, 9);
    expect(q.q90[0]).toBeCloseTo(45 / 49 - 0.5, 9);
    expect(q.q10[1]).toBeCloseTo(4 * (4 / 49 - 0.5), 9);
    // Day 2 has one residual: pooled with day 1 (51 values), so the outlier barely moves the 90% point.
    expect(q.q90[2]!).toBeLessThan(2);
    expect(horizonBucket(23, 60)).toBe(0);
    expect(horizonBucket(24, 60)).toBe(1);
    expect(horizonBucket(3, 1440)).toBe(3);
  });

  it('take split-conformal quantiles, at least as wide as the nominal 10-90% of a small sample', () => {
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    // (n + 1) x 0.9 = 9: the largest; (n + 1) x 0.1 = 1: the smallest (a sample quantile would cut inside both).
    expect(conformalQuantile(nine, 0.9)).toBe(9);
    expect(conformalQuantile(nine, 0.1)).toBe(1);
    const many = Array.from({ length: 999 }, (_, i) => i + 1);
    expect(conformalQuantile(many, 0.9)).toBe(900);
    expect(conformalQuantile(many, 0.1)).toBe(100);
  });

  it('fall back to a Poisson-like band without residuals', () => {
    const q = residualQuantiles([], 2);
    expect(q.q10[1]).toBeCloseTo(-1.2816, 4);
    expect(q.q90[1]).toBeCloseTo(1.2816, 4);
  });
});
