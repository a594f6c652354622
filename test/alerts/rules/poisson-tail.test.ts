// The anomaly rule's tail probability against closed forms and a direct sum.
import { describe, expect, it } from 'vitest';
import { poissonUpperTail } from '../../../alerts/rules/poisson-tail.ts';

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
