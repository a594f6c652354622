// Diebold-Mariano test of equal predictive accuracy, with the Harvey-Leybourne-Newbold (1997)
// small-sample correction and Student's t with n-1 degrees of freedom, as R's
// forecast::dm.test(e1, e2, alternative = "greater", h = lag + 1, varestimator = "bartlett")
// computes it on losses already taken. simple-statistics has no t distribution, so its CDF is here.
import { gammaln } from 'simple-statistics';

export interface DieboldMariano {
  /** Mean of a - b: above 0 when a lost more. */
  meanDifference: number;
  /** The corrected statistic (NaN when a and b differ by a constant: no variance to test against). */
  statistic: number;
  /** One-sided: the chance of a statistic this high if a were no worse than b. */
  pValue: number;
  n: number;
  lag: number;
}

/**
 * Is loss `a` significantly above loss `b` (same points, in time order)? The long-run variance of
 * a - b takes `lag` autocovariances with Bartlett (Newey-West) weights, which keep it positive.
 */
export function dieboldMarianoWorse(a: readonly number[], b: readonly number[], lag: number): DieboldMariano {
  const n = a.length;
  if (b.length !== n || n < 2) throw new Error(`Diebold-Mariano needs two losses of the same length, at least 2 (got ${n} and ${b.length})`);
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const autocovariance = (k: number) => { let s = 0; for (let i = k; i < n; i++) s += (d[i]! - mean) * (d[i - k]! - mean); return s / n; };
  const h = lag + 1;
  let longRun = autocovariance(0);
  for (let k = 1; k <= lag; k++) longRun += 2 * (1 - k / h) * autocovariance(k);
  // Harvey-Leybourne-Newbold: the statistic shrunk for small n and long horizons.
  const correction = Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  const statistic = longRun > 0 ? (mean / Math.sqrt(longRun / n)) * correction : Number.NaN;
  return { meanDifference: mean, statistic, pValue: 1 - studentTCdf(statistic, n - 1), n, lag };
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** I_x(a, b), the regularized incomplete beta function (Numerical Recipes' betai). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only on this side of the mean; use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** The continued fraction of I_x(a, b), by the modified Lentz method. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d); c = guard(1 + even / c); f *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d); c = guard(1 + odd / c);
    const step = d * c;
    f *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return f;
}
