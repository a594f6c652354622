import { describe, expect, it } from 'vitest';
import { dieboldMarianoWorse, studentTCdf } from './support/diebold-mariano.ts';

describe('studentTCdf', () => {
  it('matches closed forms (1 and 2 degrees of freedom) and tables', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 10); // Cauchy: 1/2 + atan(t)/pi
    expect(studentTCdf(-3, 1)).toBeCloseTo(0.5 + Math.atan(-3) / Math.PI, 10);
    expect(studentTCdf(1.5, 2)).toBeCloseTo(0.5 + 1.5 / (2 * Math.sqrt(2 + 1.5 ** 2)), 10);
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.9749941, 6); // the 97.5% point of t(10)
    expect(studentTCdf(-0.7, 55)).toBeCloseTo(0.2434389, 6); // scipy.stats.t.cdf(-0.7, 55)
    expect(studentTCdf(0, 7)).toBe(0.5);
  });
});

describe('dieboldMarianoWorse', () => {
  // d = a - b = [1, 0, 2, -1, 2]: mean 0.8, deviations [0.2, -0.8, 1.2, -1.8, 1.2],
  // autocovariances (divisor n = 5): gamma0 = 6.8 / 5 = 1.36, gamma1 = -5.44 / 5 = -1.088.
  const a = [3, 1, 4, 1, 5];
  const b = [2, 1, 2, 2, 3];

  it('one step (lag 0): 0.8 / sqrt(1.36 / 5), times the HLN factor sqrt(4 / 5), against t(4)', () => {
    const r = dieboldMarianoWorse(a, b, 0);
    expect(r.meanDifference).toBeCloseTo(0.8, 12);
    expect(r.statistic).toBeCloseTo((0.8 / Math.sqrt(1.36 / 5)) * Math.sqrt(4 / 5), 10); // 1.37199
    expect(r.pValue).toBeCloseTo(0.1209908, 6); // P(t(4) > 1.37199)
  });

  it('lag 1: Bartlett weight 1/2 on gamma1, HLN factor with h = 2', () => {
    const r = dieboldMarianoWorse(a, b, 1);
    const longRun = 1.36 + 2 * 0.5 * -1.088; // 0.272
    expect(r.statistic).toBeCloseTo((0.8 / Math.sqrt(longRun / 5)) * Math.sqrt((5 + 1 - 4 + (2 * 1) / 5) / 5), 10); // 2.37635
    expect(r.pValue).toBeCloseTo(0.0381456, 6);
  });

  it('is symmetric: swapping the losses flips the statistic and the one-sided p-value', () => {
    const r = dieboldMarianoWorse(b, a, 1);
    expect(r.statistic).toBeCloseTo(-2.3763541, 6);
    expect(r.pValue).toBeCloseTo(1 - 0.0381456, 6);
  });

  it('gives no statistic when the losses differ by a constant', () => {
    expect(dieboldMarianoWorse([2, 3, 4], [1, 2, 3], 0).statistic).toBeNaN();
    expect(() => dieboldMarianoWorse([1, 2], [1], 0)).toThrow(/same length/);
  });
});
