// The anomaly rule's tail probabilities against closed forms and direct sums.
import { describe, expect, it } from 'vitest';
import { negativeBinomialUpperTail, pooledDispersion, poissonUpperTail, predictiveCount } from '../../../alerts/rules/count-tail.ts';

describe('poissonUpperTail', () => {
  it('equals 1 - P(X < k) where that is exact', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    const below = (k: number, l: number) => Array.from({ length: k }, (_, i) => Math.exp(-l) * l ** i / [...Array(i).keys()].reduce((f, j) => f * (j + 1), 1)).reduce((a, b) => a + b, 0);
    expect(poissonUpperTail(5, 2.5)).toBeCloseTo(1 - below(5, 2.5), 12);
    expect(poissonUpperTail(20, 12)).toBeCloseTo(1 - below(20, 12), 10);
  });

  it('keeps tiny tails exact (no 1 - (1 - p)) and ordered', () => {
    const tail = poissonUpperTail(12, 0.17);
    // Leading term e^-0.17 0.17^12 / 12!: the rest adds under 2%.
    const lead = Math.exp(-0.17) * 0.17 ** 12 / 479001600;
    expect(tail / lead).toBeGreaterThan(1);
    expect(tail / lead).toBeLessThan(1.02);
    expect(poissonUpperTail(13, 0.17)).toBeLessThan(tail);
  });
});

describe('negativeBinomialUpperTail', () => {
  it('is the geometric tail at size 1 and the Poisson tail at a very large size', () => {
    // Size 1: P(X >= k) = q^k with q = mean / (1 + mean).
    expect(negativeBinomialUpperTail(6, 2, 1)).toBeCloseTo((2 / 3) ** 6, 12);
    expect(negativeBinomialUpperTail(9, 1.5, 1e9)).toBeCloseTo(poissonUpperTail(9, 1.5), 8);
    expect(negativeBinomialUpperTail(9, 1.5, Infinity)).toBe(poissonUpperTail(9, 1.5));
  });

  it('gives a spike a larger tail than Poisson when the rate is uncertain, and a smaller one for a larger spike', () => {
    const { mean, size } = predictiveCount(4, 4, 0);
    expect(negativeBinomialUpperTail(7, mean, size)).toBeGreaterThan(poissonUpperTail(7, mean) * 3);
    expect(negativeBinomialUpperTail(12, mean, size)).toBeLessThan(negativeBinomialUpperTail(7, mean, size));
  });
});

describe('predictiveCount', () => {
  it('is the Poisson-gamma predictive without over-dispersion: variance mean (1 + 1 / windows)', () => {
    const { mean, size } = predictiveCount(10, 4, 0);
    expect(mean).toBeCloseTo(2.625, 12);
    expect(mean + mean ** 2 / size).toBeCloseTo(mean * (1 + 1 / 4), 12);
  });

  it('widens with over-dispersion and with fewer windows', () => {
    const variance = (p: { mean: number; size: number }) => p.mean + p.mean ** 2 / p.size;
    expect(variance(predictiveCount(40, 4, 0.2))).toBeGreaterThan(variance(predictiveCount(40, 4, 0)));
    expect(variance(predictiveCount(10, 1, 0))).toBeGreaterThan(variance(predictiveCount(40, 4, 0)));
  });
});

describe('pooledDispersion', () => {
  it('is 0 for windows that vary no more than Poisson and grows with week-to-week swings', () => {
    expect(pooledDispersion([[5, 5, 5, 5], [2, 2, 2, 2]])).toBe(0);
    // Means 10 and 4, sample variances 160/3 and 40/3: their excess over the means, over 10^2 + 4^2.
    expect(pooledDispersion([[2, 18, 6, 14], [0, 8, 2, 6]])).toBeCloseTo((160 / 3 - 10 + 40 / 3 - 4) / 116, 12);
  });
});
