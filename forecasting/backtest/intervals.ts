// Prediction intervals from backtest residuals: residuals are scaled by sqrt(f + d f^2) (Poisson
// noise plus an error proportional to the level, d estimated from the backtest) and their 10% / 90%
// quantiles taken per horizon day and part of the day, so a promotion peak gets a band as wide as
// its level warrants and a quiet morning one as narrow as its errors were.

/** One backtest residual: which horizon day and part of the day it fell on, from which origin, scaled. */
export interface ResidualSample { bucket: number; part?: number; origin: number; z: number }

/** Parts of the day intraday residuals are grouped by (night, morning, afternoon, evening). */
export const DAY_PARTS = 4;

/** Part of the day of a period at slot `daySlot` of `slotsPerDay` (0 for daily series). */
export function dayPart(daySlot: number, slotsPerDay: number): number {
  return slotsPerDay > 1 ? Math.min(DAY_PARTS - 1, Math.floor((daySlot * DAY_PARTS) / slotsPerDay)) : 0;
}

export interface ResidualQuantiles { q10: number[]; q90: number[] }

/**
 * Extra dispersion of event days of a kind nothing has shown yet (no such day in the backtest, no
 * effect fitted): a relative spread of 100% beside the ordinary one, so the band of a first
 * promotion day runs from about 0 to 2.3x its p50 instead of passing for an ordinary day's (a
 * planner's first 11.11 arrives at several times an ordinary day, nobody yet knows how many).
 */
export const UNSEEN_EVENT_DISPERSION = 1;

/** Residuals per bucket below this are pooled with neighbouring horizon days. */
const MIN_SAMPLES = 30;
/** Without any residuals: the 10% / 90% points of a normal, i.e. a Poisson-like band. */
const Z90 = 1.2815515655446004;

export function residualScale(forecast: number, dispersion = 0): number {
  return Math.sqrt(Math.max(forecast, 1) + dispersion * forecast * forecast);
}

export function standardisedResidual(actual: number, forecast: number, dispersion = 0): number {
  return (actual - forecast) / residualScale(forecast, dispersion);
}

/**
 * The d of variance = f + base f^2 + d f^2 by the method of moments (0 when errors are no wider
 * than that): `base` 0 gives the over-dispersion of ordinary periods, `base` = theirs the extra of
 * event days.
 */
export function estimateDispersion(points: readonly { actual: number; forecast: number }[], base = 0): number {
  let excess = 0;
  let squares = 0;
  for (const { actual, forecast } of points) {
    excess += (actual - forecast) ** 2 - Math.max(forecast, 1) - base * forecast * forecast;
    squares += forecast * forecast;
  }
  return squares > 0 ? Math.max(0, excess / squares) : 0;
}

/** Horizon day of step h (0-based) for periods of `intervalMinutes`. */
export function horizonBucket(h: number, intervalMinutes: number): number {
  return Math.floor((h * intervalMinutes) / 1440);
}

/**
 * The split-conformal quantile of n sorted residuals: the ceil((n + 1) q)-th smallest for an upper
 * q (the floor for a lower one), so that a new period falls inside with probability at least the
 * nominal share whatever n; the plain sample quantile covers about n / (n + 1) of that, short by a
 * few points on the ~35 residuals of a daily series' horizon day.
 */
export function conformalQuantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  const rank = q >= 0.5 ? Math.ceil((n + 1) * q) : Math.floor((n + 1) * q);
  return sorted[Math.min(n, Math.max(1, rank)) - 1]!;
}

/**
 * 10% and 90% quantiles of the samples per bucket 0..buckets-1 and part 0..parts-1 (at index
 * bucket x parts + part), pooling the same part of neighbouring horizon days where thin, then
 * every sample of the part, then every sample.
 */
export function residualQuantiles(samples: readonly ResidualSample[], buckets: number, parts = 1): ResidualQuantiles {
  const cell: number[][] = Array.from({ length: buckets * parts }, () => []);
  const byPart: number[][] = Array.from({ length: parts }, () => []);
  const all: number[] = [];
  for (const s of samples) {
    const part = Math.min(parts - 1, s.part ?? 0);
    cell[Math.min(buckets - 1, s.bucket) * parts + part]!.push(s.z);
    byPart[part]!.push(s.z);
    all.push(s.z);
  }
  all.sort((a, b) => a - b);
  const q10: number[] = [];
  const q90: number[] = [];
  for (let b = 0; b < buckets; b++) {
    for (let part = 0; part < parts; part++) {
      let pool = cell[b * parts + part]!.slice();
      for (let r = 1; pool.length < MIN_SAMPLES && r < buckets; r++) {
        pool = pool.concat(cell[(b - r) * parts + part] ?? [], b + r < buckets ? cell[(b + r) * parts + part]! : []);
      }
      const sorted = pool.length >= MIN_SAMPLES ? pool.sort((x, y) => x - y) : byPart[part]!.length >= MIN_SAMPLES ? byPart[part]!.slice().sort((x, y) => x - y) : all;
      q10.push(sorted.length > 0 ? conformalQuantile(sorted, 0.1) : -Z90);
      q90.push(sorted.length > 0 ? conformalQuantile(sorted, 0.9) : Z90);
    }
  }
  return { q10, q90 };
}

export interface Band { p10: number; p50: number; p90: number }

/** p10 <= p50 <= p90, all >= 0, around a point forecast. */
export function band(forecast: number, q10: number, q90: number, dispersion = 0): Band {
  const point = Math.max(0, forecast);
  const s = residualScale(point, dispersion);
  const p10 = Math.max(0, point + Math.min(q10, q90) * s);
  const p90 = Math.max(p10, point + Math.max(q10, q90) * s);
  return { p10, p50: Math.min(Math.max(point, p10), p90), p90 };
}

/**
 * The smallest count k with P(X <= k) >= q for X negative binomial with mean `mean` and variance
 * mean + d mean^2 (Poisson when d is 0), summed in logs so that large means do not underflow.
 */
export function negativeBinomialQuantile(mean: number, d: number, q: number): number {
  if (!(mean > 0)) return 0;
  const poisson = d < 1e-9;
  const r = poisson ? 0 : 1 / d;
  const logStep = poisson ? Math.log(mean) : Math.log(mean / (r + mean));
  let logP = poisson ? -mean : r * Math.log(r / (r + mean));
  let cdf = Math.exp(logP);
  let k = 0;
  const limit = mean + 50 * Math.sqrt(mean + d * mean * mean) + 50;
  while (cdf < q && k < limit) {
    logP += (poisson ? 0 : Math.log(k + r)) - Math.log(k + 1) + logStep;
    k++;
    cdf += Math.exp(logP);
  }
  return k;
}

/**
 * A band without backtest residuals: the 10% and 90% points of a negative binomial with the
 * forecast as its mean and the history's over-dispersion d (Poisson when d is 0).
 */
export function negativeBinomialBand(forecast: number, dispersion: number): Band {
  const point = Math.max(0, forecast);
  const p10 = negativeBinomialQuantile(point, dispersion, 0.1);
  const p90 = Math.max(p10, negativeBinomialQuantile(point, dispersion, 0.9));
  return { p10, p50: Math.min(Math.max(point, p10), p90), p90 };
}

/**
 * The d of variance = f + d f^2 from pairs a week (or a day) apart, for history too short to
 * backtest: Var(y - y') = 2 (f + d f^2) with f their mean, by the method of moments.
 */
export function dispersionFromPairs(pairs: readonly [number, number][]): number {
  let excess = 0;
  let squares = 0;
  for (const [y, y2] of pairs) {
    const f = (y + y2) / 2;
    excess += (y - y2) ** 2 / 2 - Math.max(f, 1);
    squares += f * f;
  }
  return squares > 0 ? Math.max(0, excess / squares) : 0;
}

/** A band from unscaled error quantiles (the empirical-quantile baseline): point + q10 .. point + q90. */
export function shiftedBand(forecast: number, q10: number, q90: number): Band {
  const point = Math.max(0, forecast);
  const p10 = Math.max(0, point + Math.min(q10, q90));
  const p90 = Math.max(p10, point + Math.max(q10, q90));
  return { p10, p50: Math.min(Math.max(point, p10), p90), p90 };
}
