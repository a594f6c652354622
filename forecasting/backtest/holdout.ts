// Holdout evaluation: cut the last days off a series, forecast them as if they were the future
// (model chosen by the backtest on what is left), and score every model, the combination and the
// seasonal-naive-with-empirical-quantiles baseline on what really came.
import { DateTime } from 'luxon';
import { bandsFor, pointForecast, runSeriesForecast, type ForecastSeriesOptions, type SeriesForecast } from '../forecast-series.ts';
import type { ModelName, SingleModelName } from '../models/model.ts';
import { historyEnd } from '../series/future-periods.ts';
import type { Series } from '../series/series.ts';
import { zoneFor } from '../../warehouse/calendar/zone-offsets.ts';
import { baselineBands } from './empirical-baseline.ts';
import { openDayNumbers, type ModelScore } from './rolling-origin.ts';
import { coverage, dailyScaledErrors, maseScale, pinballLoss, pointAccuracy } from './metrics.ts';

/** A model's scores on the held-out days: those of a backtest (day 1 = the first open held-out day), without its note. */
export type HoldoutScore = Omit<ModelScore, 'note'>;

export interface HoldoutEvaluation {
  /** The forecast made at the cut, with the model the backtest chose. */
  forecast: SeriesForecast;
  /** Every model's (and the combination's) error on the held-out periods that were open (in the data and in the forecast). */
  scores: HoldoutScore[];
  chosen: HoldoutScore;
  baseline: HoldoutScore;
  /** Seasonal naive with the empirical quantiles of its backtest errors: the interval baseline. */
  intervalBaseline: { coverage: number; pinball: number };
  /** Per model, its absolute errors scaled as MASE summed per held-out open day (ordinary days, as MASE). */
  dailyLoss: Partial<Record<ModelName, number[]>>;
}

export function evaluateHoldout(series: Series, holdoutDays: number, options: Omit<ForecastSeriesOptions, 'horizon'>): HoldoutEvaluation {
  const end = historyEnd(series);
  const cutTime = DateTime.fromMillis(end, { zone: zoneFor(series.zone) }).minus({ days: holdoutDays }).toMillis();
  const cut = series.times.findIndex((t) => t >= cutTime);
  if (cut <= 0) throw new Error(`series ${series.name} is too short to hold out ${holdoutDays} days`);
  const history: Series = { ...series, times: series.times.slice(0, cut), values: series.values.slice(0, cut), open: series.open.slice(0, cut) };
  const future = series.times.slice(cut);
  const { forecast, input, plan, backtests, combination, context } = runSeriesForecast(history, future, { ...options, horizon: { days: holdoutDays, hours: 0 } });
  const scale = maseScale(input, cut);
  // Periods open both in the forecast and in what happened.
  const steps = future.map((_, h) => h).filter((h) => input.open[cut + h] && series.open[cut + h]);
  const actual = steps.map((h) => series.values[cut + h]!);
  const openDays = openDayNumbers(input, cut, future.length);
  const isEvent = (i: number) => context.eventKind(i) !== null;
  const cache = new Map<SingleModelName, Float64Array>();
  const periodsOf = (point: Float64Array) => steps.map((h, k) => ({ index: cut + h, day: openDays[h]!, actual: actual[k]!, forecast: point[h]! }));
  const scoreOf = (model: ModelName, point: Float64Array, bands: { p10: number; p50: number; p90: number }[]): HoldoutScore => {
    const periods = periodsOf(point);
    return {
      model, ...pointAccuracy(periods, scale, isEvent),
      coverage: coverage(actual, bands.map((b) => b.p10), bands.map((b) => b.p90)),
      pinball: pinballLoss(actual, bands), periods: actual.length,
    };
  };
  const dailyLoss: HoldoutEvaluation['dailyLoss'] = {};
  const scores = backtests.map((b): HoldoutScore => {
    const model = b.score.model;
    const point = pointForecast(input, cut, future.length, model, combination, cache);
    dailyLoss[model] = dailyScaledErrors(periodsOf(point), scale, isEvent);
    const all = bandsFor(input, cut, future, point, b, plan, context);
    // bandsFor lists the open forecast periods; keep those also open in what happened.
    const openAhead = future.map((_, h) => h).filter((h) => input.open[cut + h]);
    const byStep = new Map(openAhead.map((h, k) => [h, all[k]!]));
    return scoreOf(model, point, steps.map((h) => byStep.get(h)!));
  });
  const naive = backtests.find((b) => b.score.model === 'seasonal-naive');
  const naivePoint = pointForecast(input, cut, future.length, 'seasonal-naive', combination, cache);
  const naiveBands = baselineBands(naivePoint, steps, naive?.points ?? [], plan, series.intervalMinutes);
  const intervalBaseline = scoreOf('seasonal-naive', naivePoint, naiveBands);
  const pick = (name: ModelName) => scores.find((s) => s.model === name) ?? scores[0]!;
  return {
    forecast, scores, chosen: pick(forecast.model), baseline: pick('seasonal-naive'),
    intervalBaseline: { coverage: intervalBaseline.coverage, pinball: intervalBaseline.pinball }, dailyLoss,
  };
}
