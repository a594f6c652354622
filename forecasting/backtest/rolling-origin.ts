// Rolling-origin backtests: forecast the horizon from several origins before the history's end,
// score each model by MASE, WAPE and the coverage of its p10-p90 band (band built from the other
// origins' residuals, so coverage is not judged on its own errors), keep residuals for intervals.
import type { ForecastModel, ModelInput, ModelName } from '../models/model.ts';
import { band, estimateDispersion, horizonBucket, residualQuantiles, standardisedResidual, type ResidualSample } from './intervals.ts';
import { coverage, mase, seasonalNaiveScale, wape } from './metrics.ts';

export interface BacktestPlan {
  /** Indices of the first forecast period of each run, ascending. */
  origins: number[];
  /** Periods forecast from each origin. */
  horizon: number;
}

export interface ModelScore {
  model: ModelName;
  mase: number;
  wape: number;
  /** Share of actuals within p10-p90. */
  coverage: number;
  /** Open periods scored. */
  periods: number;
  /** What was fitted. */
  note: string;
}

export interface ModelBacktest {
  score: ModelScore;
  /** Residuals of all origins, scaled with `dispersion`: what the forecast's bands are built from. */
  samples: ResidualSample[];
  dispersion: number;
}

interface Point { origin: number; bucket: number; actual: number; forecast: number }

function scaled(points: readonly Point[], dispersion: number): ResidualSample[] {
  return points.map((p) => ({ bucket: p.bucket, origin: p.origin, z: standardisedResidual(p.actual, p.forecast, dispersion) }));
}

/**
 * Origins from the end of history backwards, the last one leaving exactly `horizon` periods after
 * it, each with `minTraining` periods before it. Long horizons: `origins` origins a week apart.
 * Horizons under a week: origins one horizon apart (at least a day) until two weeks are covered,
 * so that every weekday is tested, not just the one the history ends on.
 */
export function planBacktest(historyLength: number, horizon: number, periodsPerWeek: number, minTraining: number,
  origins = 4): BacktestPlan {
  const h = Math.min(horizon, historyLength - minTraining);
  if (h <= 0) return { origins: [], horizon: 0 };
  const periodsPerDay = periodsPerWeek / 7;
  const spacing = Math.min(periodsPerWeek, Math.max(periodsPerDay, h));
  const count = Math.max(origins, Math.min(14, Math.ceil((2 * periodsPerWeek) / spacing)));
  const planned: number[] = [];
  for (let o = historyLength - h; o >= minTraining && planned.length < count; o -= spacing) planned.unshift(o);
  return { origins: planned, horizon: h };
}

export function backtestModel(model: ForecastModel, input: ModelInput, plan: BacktestPlan): ModelBacktest {
  const { values, open, calendar, intervalMinutes } = input;
  const run = model.forecast(input, plan.origins, plan.horizon);
  const first = plan.origins[0]!;
  const scale = seasonalNaiveScale(values, open, calendar.weekSlot, calendar.slotsPerWeek, first);
  const buckets = horizonBucket(plan.horizon - 1, intervalMinutes) + 1;

  const points: Point[] = [];
  plan.origins.forEach((o, k) => {
    const f = run.forecasts[k]!;
    for (let h = 0; h < plan.horizon; h++) {
      const j = o + h;
      if (open[j]) points.push({ origin: k, bucket: horizonBucket(h, intervalMinutes), actual: values[j]!, forecast: f[h]! });
    }
  });

  // Each origin's band comes from the other origins' residuals (all of them when there is one).
  const bandsWithout = plan.origins.map((_, k) => {
    const others = plan.origins.length > 1 ? points.filter((p) => p.origin !== k) : points;
    const dispersion = estimateDispersion(others);
    return { dispersion, q: residualQuantiles(scaled(others, dispersion), buckets) };
  });
  const lower: number[] = [];
  const upper: number[] = [];
  for (const p of points) {
    const { dispersion, q } = bandsWithout[p.origin]!;
    const b = band(p.forecast, q.q10[p.bucket]!, q.q90[p.bucket]!, dispersion);
    lower.push(b.p10);
    upper.push(b.p90);
  }
  const dispersion = estimateDispersion(points);
  const actual = points.map((p) => p.actual);
  const forecast = points.map((p) => p.forecast);
  return {
    score: {
      model: model.name,
      mase: mase(actual, forecast, scale),
      wape: wape(actual, forecast),
      coverage: coverage(actual, lower, upper),
      periods: points.length,
      note: run.note,
    },
    samples: scaled(points, dispersion),
    dispersion,
  };
}
