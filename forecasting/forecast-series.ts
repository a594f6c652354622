// Forecasts one series, pure: backtests every model from rolling origins, chooses the best, and
// forecasts the open periods of the horizon with p10/p50/p90 from the chosen model's residuals.
import { band, horizonBucket, residualQuantiles } from './backtest/intervals.ts';
import { chooseModel } from './backtest/choose-model.ts';
import { backtestModel, planBacktest, type BacktestPlan, type ModelBacktest, type ModelScore } from './backtest/rolling-origin.ts';
import { calendarFeatures, NO_FEATURES, type CalendarEvents } from './models/calendar-features.ts';
import { calendarRegression } from './models/calendar-regression.ts';
import { holtWinters } from './models/holt-winters.ts';
import type { ForecastModel, ModelInput, ModelName } from './models/model.ts';
import { seasonalNaive } from './models/seasonal-naive.ts';
import { futurePeriodTimes, historyEnd } from './series/future-periods.ts';
import { DAILY_MINUTES, intervalLabel } from './series/interval.ts';
import { futureOpenMask } from './series/open-periods.ts';
import { describePeriods, type Series } from './series/series.ts';

export const MODELS: Record<ModelName, ForecastModel> = {
  'seasonal-naive': seasonalNaive,
  'holt-winters': holtWinters,
  'calendar-regression': calendarRegression,
};

export interface ForecastSeriesOptions {
  horizon: { days: number; hours: number };
  /** Holidays and promotion days, for the calendar regression. */
  events?: CalendarEvents;
  /** Whether the calendar opens each future period (ORed with what the history says). */
  calendarOpen?: (times: readonly number[]) => boolean[];
  /** Future periods known closed whatever the history says (the calendar's holidays). */
  knownClosed?: (times: readonly number[]) => boolean[];
  /** Rolling origins of the backtest (default 4 a week apart; more, closer, for horizons under a week). */
  backtestOrigins?: number;
  /** Models to compare (default all). */
  models?: readonly ModelName[];
}

export interface ForecastInterval {
  /** Period start, epoch ms. */
  start: number;
  minutes: number;
  p10: number;
  p50: number;
  p90: number;
  /**
   * Whether the calendar has the period in its open hours (when a calendar is known): arrivals
   * outside them are demand too (web tickets at night) but wait for the next opening.
   */
  inCalendarHours?: boolean;
}

export interface SeriesForecast {
  name: string;
  zone: string;
  intervalMinutes: number;
  historyStart: number;
  /** End of the last history period: the forecast origin. */
  historyEnd: number;
  model: ModelName;
  explanation: string;
  scores: ModelScore[];
  backtest: { origins: number; horizonPeriods: number };
  /** Open periods of the horizon only. */
  intervals: ForecastInterval[];
}

/** Weeks of history needed before the first backtest origin. */
const MIN_TRAINING_WEEKS = 2;

/** History then horizon periods as one model input; the horizon's open mask from history and calendar. */
export function buildModelInput(series: Series, future: readonly number[], options: ForecastSeriesOptions): ModelInput {
  const n = series.times.length;
  const times = [...series.times, ...future];
  const calendar = describePeriods(times, series.zone, series.intervalMinutes);
  const periodsPerWeek = series.intervalMinutes >= DAILY_MINUTES ? 7 : calendar.slotsPerWeek;
  if (n < periodsPerWeek || !series.open.some(Boolean)) {
    throw new Error(`series ${series.name} has ${n} ${intervalLabel(series.intervalMinutes)} periods: ` +
      'at least one week of history with open periods is needed to forecast');
  }
  const closedAhead = options.knownClosed?.(future);
  const openAhead = futureOpenMask(series.open, calendar.weekSlot.subarray(0, n), calendar.weekSlot.subarray(n),
    calendar.slotsPerWeek, options.calendarOpen?.(future)).map((o, k) => o && !closedAhead?.[k]);
  const values = new Float64Array(times.length);
  const open = new Uint8Array(times.length);
  for (let i = 0; i < n; i++) { values[i] = series.values[i]!; open[i] = series.open[i] ? 1 : 0; }
  openAhead.forEach((o, k) => { open[n + k] = o ? 1 : 0; });
  return {
    values, open, calendar, intervalMinutes: series.intervalMinutes,
    features: options.events ? calendarFeatures(calendar.dayIndex, options.events) : NO_FEATURES,
  };
}

/** Rolling-origin backtests of the models on the first `historyLength` periods of `input`. */
export function backtestModels(input: ModelInput, historyLength: number, horizon: number, options: ForecastSeriesOptions):
  { plan: BacktestPlan; backtests: ModelBacktest[] } {
  const periodsPerWeek = input.intervalMinutes >= DAILY_MINUTES ? 7 : input.calendar.slotsPerWeek;
  const plan = planBacktest(historyLength, horizon, periodsPerWeek, MIN_TRAINING_WEEKS * periodsPerWeek, options.backtestOrigins ?? 4);
  const names = options.models ?? (Object.keys(MODELS) as ModelName[]);
  return { plan, backtests: plan.origins.length > 0 ? names.map((name) => backtestModel(MODELS[name], input, plan)) : [] };
}

/**
 * Bands for the open periods `starts` (from `origin` on) around `point`, from a backtest of
 * `plan.horizon` periods (without one: Poisson-like).
 */
export function bandsFor(input: ModelInput, origin: number, starts: readonly number[], point: Float64Array,
  backtest: ModelBacktest | undefined, plan: BacktestPlan): ForecastInterval[] {
  const samples = backtest?.samples ?? [];
  const dispersion = backtest?.dispersion ?? 0;
  // Horizon days beyond the backtest's reuse its last day's residual quantiles.
  const lastBucket = plan.horizon > 0 ? horizonBucket(plan.horizon - 1, input.intervalMinutes) : 0;
  const q = residualQuantiles(samples, lastBucket + 1);
  const intervals: ForecastInterval[] = [];
  for (let h = 0; h < point.length; h++) {
    if (!input.open[origin + h]) continue;
    const b = Math.min(lastBucket, horizonBucket(h, input.intervalMinutes));
    intervals.push({ start: starts[h]!, minutes: input.intervalMinutes, ...band(point[h]!, q.q10[b]!, q.q90[b]!, dispersion) });
  }
  return intervals;
}

export interface SeriesForecastRun {
  forecast: SeriesForecast;
  input: ModelInput;
  plan: BacktestPlan;
  backtests: ModelBacktest[];
}

/** forecastSeries with what it computed on the way (model input, backtests), for evaluations. */
export function runSeriesForecast(series: Series, future: readonly number[], options: ForecastSeriesOptions): SeriesForecastRun {
  const n = series.times.length;
  const input = buildModelInput(series, future, options);
  const { plan, backtests } = backtestModels(input, n, future.length, options);
  const names = options.models ?? (Object.keys(MODELS) as ModelName[]);
  let model: ModelName;
  let explanation: string;
  // Windows without an open period (a weekend queue tested on weekends) cannot rank the models.
  if (backtests.some((b) => b.score.periods > 0)) {
    const choice = chooseModel(backtests.map((b) => b.score));
    model = choice.chosen.model;
    explanation = `${choice.explanation} (backtest: ${plan.origins.length} origins x ${plan.horizon} periods)`;
  } else {
    model = names.includes('holt-winters') ? 'holt-winters' : names[0]!;
    explanation = `${model} used without a backtest: ${backtests.length > 0 ? 'the backtest windows have no open periods'
      : `${n} periods of history are too few; ${MIN_TRAINING_WEEKS} weeks and at least one more day are needed to compare models`}`;
  }
  const point = MODELS[model].forecast(input, [n], future.length).forecasts[0]!;
  let intervals = bandsFor(input, n, future, point, backtests.find((b) => b.score.model === model), plan);
  const inHours = options.calendarOpen?.(intervals.map((i) => i.start));
  if (inHours) intervals = intervals.map((i, k) => ({ ...i, inCalendarHours: inHours[k]! }));
  const forecast: SeriesForecast = {
    name: series.name,
    zone: series.zone,
    intervalMinutes: series.intervalMinutes,
    historyStart: series.times[0]!,
    historyEnd: historyEnd(series),
    model,
    explanation,
    scores: backtests.map((b) => b.score),
    backtest: { origins: plan.origins.length, horizonPeriods: plan.horizon },
    intervals,
  };
  return { forecast, input, plan, backtests };
}

export function forecastSeries(series: Series, options: ForecastSeriesOptions): SeriesForecast {
  return runSeriesForecast(series, futurePeriodTimes(series, options.horizon), options).forecast;
}
