import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../forecasting/models/nelder-mead.ts';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const { x, value } = nelderMead(([a, b]) => (a! - 3) ** 2 + 2 * (b! + 1) ** 2 + 5, [0, 0], { tolerance: 1e-12, maxEvaluations: 1000 });
    expect(x[0]).toBeCloseTo(3, 4);
    expect(x[1]).toBeCloseTo(-1, 4);
    expect(value).toBeCloseTo(5, 8);
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const { x } = nelderMead(([a, b]) => 100 * (b! - a! ** 2) ** 2 + (1 - a!) ** 2, [-1.2, 1], { tolerance: 1e-14, maxEvaluations: 5000 });
    expect(x[0]).toBeCloseTo(1, 3);
    expect(x[1]).toBeCloseTo(1, 3);
  });

  it('stops at the evaluation budget and treats non-finite values as worst', () => {
    let calls = 0;
    const { evaluations } = nelderMead((x) => { calls++; return x[0]! < 0 ? Number.NaN : x[0]!; }, [1], { maxEvaluations: 30 });
    expect(calls).toBe(evaluations);
    expect(evaluations).toBeLessThanOrEqual(31);
  });
});
