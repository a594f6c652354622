// Upper tails of count distributions for the anomaly rule, summed upward in log space so that tails
// far below 1e-300 of a spike still order correctly (returned as 0 then) and small ones are exact,
// not 1 - (1 - p).
import { gammaln } from 'simple-statistics';

/** Sum of a pmf from k upward, given log pmf(k) and pmf(i + 1) / pmf(i) in log. */
function upwardSum(logFirst: number, logRatio: (i: number) => number, mean: number, k: number): number {
  let logTerm = logFirst;
  let sum = 0;
  for (let i = k; i < k + 100_000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (i > mean && term < sum * 1e-15) break;
    logTerm += logRatio(i);
  }
  return Math.min(1, sum);
}

/** P(X >= k) for X ~ Poisson(lambda). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  return upwardSum(-lambda + k * Math.log(lambda) - gammaln(k + 1), (i) => Math.log(lambda) - Math.log(i + 1), lambda, k);
}

/** P(X >= k) for X negative binomial with mean `mean` and size `size` (variance mean + mean^2 / size). */
export function negativeBinomialUpperTail(k: number, mean: number, size: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (!Number.isFinite(size)) return poissonUpperTail(k, mean);
  const logP = Math.log(size / (size + mean)); // success probability
  const logQ = Math.log(mean / (size + mean));
  const logFirst = gammaln(k + size) - gammaln(size) - gammaln(k + 1) + size * logP + k * logQ;
  return upwardSum(logFirst, (i) => Math.log(i + size) - Math.log(i + 1) + logQ, mean, k);
}

/**
 * The count expected in a window from `pastTotal` tickets over `windows` past windows, as a predictive
 * distribution: the rate is known only from those few windows (Poisson-gamma: variance of the mean
 * (pastTotal + 0.5) / windows^2, half a ticket so that a group never seen is expected at a little, not
 * at 0), and windows differ from week to week beyond Poisson by `dispersion` (variance alpha * mean^2).
 */
export function predictiveCount(pastTotal: number, windows: number, dispersion: number): { mean: number; size: number } {
  const mean = (pastTotal + 0.5) / windows;
  const rateVariance = (pastTotal + 0.5) / windows ** 2 + dispersion * mean ** 2;
  return { mean, size: mean ** 2 / rateVariance };
}

/**
 * Week-to-week over-dispersion pooled over groups (method of moments: sample variance beyond the
 * mean, over the squared means), 0 when the windows vary no more than Poisson.
 */
export function pooledDispersion(countsByGroup: readonly (readonly number[])[]): number {
  let excess = 0;
  let squares = 0;
  for (const counts of countsByGroup) {
    if (counts.length < 2) continue;
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (counts.length - 1);
    excess += variance - mean;
    squares += mean ** 2;
  }
  return squares > 0 ? Math.max(0, excess / squares) : 0;
}
