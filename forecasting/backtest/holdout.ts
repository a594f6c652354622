// Holdout evaluation: cut the last days off a series, forecast them as if they were the future
// (model chosen by the backtest on what is left), and score every model on what really came.
import { DateTime } from 'luxon';
import { bandsFor, MODELS, runSeriesForecast, type ForecastSeriesOptions, type SeriesForecast } from '../forecast-series.ts';
import type { ModelName } from '../models/model.ts';
import { historyEnd } from '../series/future-periods.ts';
import type { Series } from '../series/series.ts';
import { zoneFor } from '../series/zone-offsets.ts';
import { coverage, mase, seasonalNaiveScale, wape } from './metrics.ts';

export interface HoldoutScore { model: ModelName; mase: number; wape: number; coverage: number; periods: number }

export interface HoldoutEvaluation {
  /** The forecast made at the cut, with the model the backtest chose. */
  forecast: SeriesForecast;
  /** Every model's error on the held-out periods that were open (in the data and in the forecast). */
  scores: HoldoutScore[];
  chosen: HoldoutScore;
  baseline: HoldoutScore;
}

export function evaluateHoldout(series: Series, holdoutDays: number, options: Omit<ForecastSeriesOptions, 'horizon'>): HoldoutEvaluation {
  const end = historyEnd(series);
  const cutTime = DateTime.fromMillis(end, { zone: zoneFor(series.zone) }).minus({ days: holdoutDays }).toMillis();
  const cut = series.times.findIndex((t) => t >= cutTime);
  if (cut <= 0) throw new Error(`series ${series.name} is too short to hold out ${holdoutDays} days`);
  const history: Series = { ...series, times: series.times.slice(0, cut), values: series.values.slice(0, cut), open: series.open.slice(0, cut) };
  const future = series.times.slice(cut);
  const { forecast, input, plan, backtests } = runSeriesForecast(history, future, { ...options, horizon: { days: holdoutDays, hours: 0 } });
  const scale = seasonalNaiveScale(history.values, history.open, input.calendar.weekSlot, input.calendar.slotsPerWeek, cut);
  const names = options.models ?? (Object.keys(MODELS) as ModelName[]);
  const scores = names.map((name): HoldoutScore => {
    const point = MODELS[name].forecast(input, [cut], future.length).forecasts[0]!;
    const bands = bandsFor(input, cut, future, point, backtests.find((b) => b.score.model === name), plan);
    const actual: number[] = [];
    const predicted: number[] = [];
    const lower: number[] = [];
    const upper: number[] = [];
    let k = 0;
    for (let h = 0; h < future.length; h++) {
      if (!input.open[cut + h]) continue;
      const b = bands[k++]!;
      // Score only periods open both in the forecast and in what happened.
      if (!series.open[cut + h]) continue;
      actual.push(series.values[cut + h]!);
      predicted.push(point[h]!);
      lower.push(b.p10);
      upper.push(b.p90);
    }
    return { model: name, mase: mase(actual, predicted, scale), wape: wape(actual, predicted), coverage: coverage(actual, lower, upper), periods: actual.length };
  });
  const pick = (name: ModelName) => scores.find((s) => s.model === name) ?? scores[0]!;
  return { forecast, scores, chosen: pick(forecast.model), baseline: pick('seasonal-naive') };
}
