// The interval baseline the bands are judged against: seasonal naive with the empirical 10% / 90%
// quantiles of its own backtest errors per horizon day, unscaled (what a spreadsheet would do).
import { horizonBucket, residualQuantiles, shiftedBand, type Band, type ResidualQuantiles } from './intervals.ts';
import { coverage, pinballLoss } from './metrics.ts';
import type { BacktestPlan, BacktestPoint } from './rolling-origin.ts';

export function errorQuantiles(points: readonly BacktestPoint[], buckets: number): ResidualQuantiles {
  return residualQuantiles(points.map((p) => ({ bucket: p.bucket, origin: p.origin, z: p.actual - p.forecast })), buckets);
}

/** Baseline bands for forecasts `point[h]` from an origin, with quantiles from `points`. */
export function baselineBands(point: ArrayLike<number>, steps: readonly number[], points: readonly BacktestPoint[], plan: BacktestPlan,
  intervalMinutes: number): Band[] {
  const lastBucket = plan.horizon > 0 ? horizonBucket(plan.horizon - 1, intervalMinutes) : 0;
  const q = errorQuantiles(points, lastBucket + 1);
  return steps.map((h) => {
    const b = Math.min(lastBucket, horizonBucket(h, intervalMinutes));
    return shiftedBand(point[h]!, q.q10[b]!, q.q90[b]!);
  });
}

/** The baseline's coverage and pinball loss in the backtest, each origin's band from the other origins. */
export function baselineBacktest(points: readonly BacktestPoint[], plan: BacktestPlan, intervalMinutes: number): { coverage: number; pinball: number } {
  const buckets = plan.horizon > 0 ? horizonBucket(plan.horizon - 1, intervalMinutes) + 1 : 1;
  const byOrigin = plan.origins.map((_, k) => errorQuantiles(plan.origins.length > 1 ? points.filter((p) => p.origin !== k) : points, buckets));
  const bands = points.map((p) => shiftedBand(p.forecast, byOrigin[p.origin]!.q10[p.bucket]!, byOrigin[p.origin]!.q90[p.bucket]!));
  const actual = points.map((p) => p.actual);
  return { coverage: coverage(actual, bands.map((b) => b.p10), bands.map((b) => b.p90)), pinball: pinballLoss(actual, bands) };
}
