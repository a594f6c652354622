// Forecasts one series, pure: flags outages and spikes, backtests every model and their combination
// from rolling origins, chooses the best, and forecasts the open periods of the horizon with
// p10/p50/p90 calibrated on the chosen forecast's backtest residuals.
import { backtestCombination, combinationModels, combineForecasts, type Combination } from './backtest/combination.ts';
import { dayPart, dispersionFromPairs, horizonBucket, negativeBinomialBand, residualQuantiles } from './backtest/intervals.ts';
import { chooseModel } from './backtest/choose-model.ts';
import { eventKinds } from './backtest/event-days.ts';
import {
  backtestModel, eventExtraDispersion, NO_EVENT_BANDS, partsOf, planBacktest, pointBand, UNSEEN_EVENTS, type BacktestPlan, type BandContext, type ModelBacktest,
  type ModelScore,
} from './backtest/rolling-origin.ts';
import { calendarFeatures, NO_FEATURES, type CalendarEvents } from './models/calendar-features.ts';
import { calendarRegression, eventLogVariance } from './models/calendar-regression.ts';
import { dayType } from './models/day-type.ts';
import { holtWinters } from './models/holt-winters.ts';
import type { ForecastModel, ModelInput, ModelName, SingleModelName } from './models/model.ts';
import { seasonalNaive } from './models/seasonal-naive.ts';
import { weekdaySlotMean } from './models/weekday-slot-mean.ts';
import { flagAnomalies, type AnomalyKind } from './series/anomalies.ts';
import { futurePeriodTimes, historyEnd } from './series/future-periods.ts';
import { BilingualError } from './bilingual-error.ts';
import { DAILY_MINUTES, intervalLabel, periodsZh } from './series/interval.ts';
import { futureOpenMask, RECENT_WEEKS } from './series/open-periods.ts';
import { describePeriods, isoDateOfDay, type Series } from './series/series.ts';

export const MODELS: Record<SingleModelName, ForecastModel> = {
  'seasonal-naive': seasonalNaive,
  'holt-winters': holtWinters,
  'calendar-regression': calendarRegression,
  'weekday-slot-mean': weekdaySlotMean,
  'day-type': dayType,
};

export interface ForecastSeriesOptions {
  horizon: { days: number; hours: number };
  /** Holidays and promotion days, for the calendar regression. */
  events?: CalendarEvents;
  /** Whether the calendar opens each future period (ORed with what the history says). */
  calendarOpen?: (times: readonly number[]) => boolean[];
  /** Future periods known closed whatever the history says (the calendar's holidays). */
  knownClosed?: (times: readonly number[]) => boolean[];
  /** Rolling origins of the backtest (default 8 a week apart; more, closer, for horizons under a week). */
  backtestOrigins?: number;
  /** Models to compare (default all); with two or more, their combination is compared too. */
  models?: readonly SingleModelName[];
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
  /** History days left out of fitting as outages or one-off spikes. */
  flaggedDays: { date: string; kind: AnomalyKind }[];
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
    throw new BilingualError({
      en: `series ${series.name} has ${n} ${intervalLabel(series.intervalMinutes)} periods: at least one week of history with open periods is needed to forecast`,
      zh: `序列 ${series.name} 只有 ${periodsZh(n, series.intervalMinutes)}：至少要有一周含营业时段的历史才能预测`,
    });
  }
  const closedAhead = options.knownClosed?.(future);
  const openAhead = futureOpenMask(series.open, calendar.weekSlot.subarray(0, n), calendar.weekSlot.subarray(n),
    calendar.slotsPerWeek, options.calendarOpen?.(future)).map((o, k) => o && !closedAhead?.[k]);
  const values = new Float64Array(times.length);
  const open = new Uint8Array(times.length);
  for (let i = 0; i < n; i++) { values[i] = series.values[i]!; open[i] = series.open[i] ? 1 : 0; }
  openAhead.forEach((o, k) => { open[n + k] = o ? 1 : 0; });
  const features = options.events ? calendarFeatures(calendar.dayIndex, options.events) : NO_FEATURES;
  const eventDays = new Set<number>();
  for (const column of features.columns) for (let i = 0; i < n; i++) if (column[i] !== 0) eventDays.add(calendar.dayIndex[i]!);
  const { missing, days } = flagAnomalies(values, open, calendar, n, periodsPerWeek, (day) => eventDays.has(day));
  for (let i = 0; i < n; i++) if (missing[i]) open[i] = 0;
  return { values, open, calendar, intervalMinutes: series.intervalMinutes, features, flagged: days };
}

/** Event days (from the calendar) and their band widening as the calendar regression fitted before `origin` sees their effects. */
export function bandContext(input: ModelInput, origin: number): BandContext {
  return { eventVariance: eventLogVariance(input, origin), eventKind: eventKinds(input) };
}

export interface ModelBacktests {
  plan: BacktestPlan;
  /** Every model's backtest, then the combination's (with two or more models and origins). */
  backtests: ModelBacktest[];
  combination: Combination | null;
  /** The scores the choice compares: with a combination, every model's on the origins it was scored on. */
  choiceScores: ModelScore[];
}

/** Rolling-origin backtests of the models on the first `historyLength` periods of `input`. */
export function backtestModels(input: ModelInput, historyLength: number, horizon: number, options: ForecastSeriesOptions): ModelBacktests {
  const periodsPerWeek = input.intervalMinutes >= DAILY_MINUTES ? 7 : input.calendar.slotsPerWeek;
  const plan = planBacktest(historyLength, horizon, periodsPerWeek, MIN_TRAINING_WEEKS * periodsPerWeek, options.backtestOrigins ?? 8);
  if (plan.origins.length === 0) return { plan, backtests: [], combination: null, choiceScores: [] };
  const context = bandContext(input, plan.origins[0]!);
  const singles = modelNames(options).map((name) => backtestModel(MODELS[name], input, plan, context));
  const combined = singles.length < 2 ? null : backtestCombination(singles, input, plan, context, (m) => MODELS[m].usesEvents);
  if (!combined) return { plan, backtests: singles, combination: null, choiceScores: singles.map((b) => b.score) };
  return {
    plan, backtests: [...singles, combined.backtest], combination: combined.combination, choiceScores: [...combined.compared, combined.backtest.score],
  };
}

const modelNames = (options: ForecastSeriesOptions): SingleModelName[] => [...(options.models ?? (Object.keys(MODELS) as SingleModelName[]))];

/** Point forecasts from `origin` of the named model, or of the combination of its members. */
export function pointForecast(input: ModelInput, origin: number, length: number, model: ModelName, combination: Combination | null,
  cache = new Map<SingleModelName, Float64Array>()): Float64Array {
  const single = (name: SingleModelName) => {
    if (!cache.has(name)) cache.set(name, MODELS[name].forecast(input, [origin], length).forecasts[0]!);
    return cache.get(name)!;
  };
  if (model !== 'combination') return single(model);
  if (!combination) throw new Error('the combination was not backtested: compare at least two models');
  return combineForecasts(new Map(combinationModels(combination).map((m) => [m, single(m)])), combination, input, origin);
}

/** Over-dispersion of history too short to backtest: pairs of the same slot a week (else a day) apart. */
function historyDispersion(input: ModelInput, end: number): number {
  const week = input.intervalMinutes >= DAILY_MINUTES ? 7 : input.calendar.slotsPerWeek;
  for (const lag of [week, input.calendar.slotsPerDay]) {
    const pairs: [number, number][] = [];
    for (let i = lag; i < end; i++) if (input.open[i] && input.open[i - lag]) pairs.push([input.values[i]!, input.values[i - lag]!]);
    if (pairs.length >= 7) return dispersionFromPairs(pairs);
  }
  return 0;
}

/**
 * Bands for the open periods `starts` (from `origin` on) around `point`, from a backtest of
 * `plan.horizon` periods (without one: negative binomial).
 */
export function bandsFor(input: ModelInput, origin: number, starts: readonly number[], point: Float64Array,
  backtest: ModelBacktest | undefined, plan: BacktestPlan, context: BandContext = NO_EVENT_BANDS): ForecastInterval[] {
  // Without a backtest: negative binomial quantiles with the history's own over-dispersion, an event
  // day's widened as a backtest that held none of its kind widens it (a first 11.11's unknown effect).
  const fitted = backtest
    ? { dispersion: backtest.dispersion, eventDispersion: backtest.eventDispersion, samples: backtest.samples }
    : { dispersion: historyDispersion(input, origin), eventDispersion: UNSEEN_EVENTS, samples: [] };
  // Horizon days beyond the backtest's reuse its last day's residual quantiles.
  const lastBucket = plan.horizon > 0 ? horizonBucket(plan.horizon - 1, input.intervalMinutes) : 0;
  const parts = partsOf(input);
  const calibration = { ...fitted, parts, q: residualQuantiles(fitted.samples, lastBucket + 1, parts) };
  const intervals: ForecastInterval[] = [];
  for (let h = 0; h < point.length; h++) {
    const j = origin + h;
    if (!input.open[j]) continue;
    const b = Math.min(lastBucket, horizonBucket(h, input.intervalMinutes));
    const part = dayPart(input.calendar.daySlot[j]!, input.calendar.slotsPerDay);
    const periodBand = backtest ? pointBand(point[h]!, j, b, part, calibration, context)
      : negativeBinomialBand(point[h]!, fitted.dispersion + eventExtraDispersion(j, context, fitted.eventDispersion));
    intervals.push({ start: starts[h]!, minutes: input.intervalMinutes, ...periodBand });
  }
  return intervals;
}

export interface SeriesForecastRun extends ModelBacktests {
  forecast: SeriesForecast;
  input: ModelInput;
  /** Band widening of the horizon's event days. */
  context: BandContext;
}

/** Why no period of the horizon is open: the error a planner sees instead of an empty forecast. */
function noOpenPeriods(series: Series, options: ForecastSeriesOptions): Error {
  let last = -1;
  for (let i = series.values.length - 1; i >= 0 && last < 0; i--) if (series.open[i] && series.values[i]! > 0) last = i;
  const lastDay = last < 0 ? null : isoDateOfDay(describePeriods([series.times[last]!], series.zone, series.intervalMinutes).dayIndex[0]!);
  const { days, hours } = options.horizon;
  const ahead = `${days}d${hours > 0 ? ` ${hours}h` : ''}`;
  const aheadZh = `${days > 0 ? `${days} 天` : ''}${hours > 0 ? `${hours} 小时` : ''}`;
  return new BilingualError({
    en: `series ${series.name}: no period of the ${ahead} ahead is open: ` +
      `a weekday x time-of-day slot is forecast when it was open in at least half of its last ${RECENT_WEEKS} weeks` +
      `${options.calendarOpen ? ' or the calendar opens it' : ''}, and ` +
      `${lastDay === null ? 'the history has no open period with arrivals' : `its last arrivals were on ${lastDay}`}; ` +
      'give a longer or more recent history (or the queue\'s calendar)',
    zh: `序列 ${series.name}：未来 ${aheadZh}内没有营业时段：某星期某时段在最近 ${RECENT_WEEKS} 周里至少一半营业` +
      `${options.calendarOpen ? '或日历规定营业' : ''}才会预测，而${lastDay === null ? '历史中没有有进线的营业时段' : `它最后一次进线在 ${lastDay}`}；` +
      '请提供更长或更近的历史（或队列的日历）',
  });
}

/** forecastSeries with what it computed on the way (model input, backtests), for evaluations. */
export function runSeriesForecast(series: Series, future: readonly number[], options: ForecastSeriesOptions): SeriesForecastRun {
  const n = series.times.length;
  const input = buildModelInput(series, future, options);
  const { plan, backtests, combination, choiceScores } = backtestModels(input, n, future.length, options);
  const names = modelNames(options);
  let model: ModelName;
  let explanation: string;
  // Windows without an open period (a weekend queue tested on weekends) cannot rank the models.
  if (backtests.some((b) => b.score.periods > 0)) {
    const choice = chooseModel(choiceScores);
    model = choice.chosen.model;
    // The combination's members are chosen on earlier origins, so it (and the models beside it) is scored from the second origin on.
    const scored = combination ? `${plan.origins.length - 1} origins after the first` : `${plan.origins.length} origins`;
    explanation = `${choice.explanation} (backtest: ${scored} x ${plan.horizon} periods)`;
  } else {
    model = names.includes('holt-winters') ? 'holt-winters' : names[0]!;
    explanation = `${model} used without a backtest: ${backtests.length > 0 ? 'the backtest windows have no open periods'
      : `${n} periods of history are too few; ${MIN_TRAINING_WEEKS} weeks and at least one more day are needed to compare models`}`;
  }
  const flagged = (input.flagged ?? []).map((d) => ({ date: isoDateOfDay(d.day), kind: d.kind }));
  if (flagged.length > 0) {
    const count = (kind: AnomalyKind) => flagged.filter((d) => d.kind === kind).length;
    explanation += `; left out of fitting: ${count('outage')} outage and ${count('spike')} spike day(s)`;
  }
  const point = pointForecast(input, n, future.length, model, combination);
  const context = bandContext(input, n);
  let intervals = bandsFor(input, n, future, point, backtests.find((b) => b.score.model === model), plan, context);
  if (future.length > 0 && intervals.length === 0) throw noOpenPeriods(series, options);
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
    scores: choiceScores,
    backtest: { origins: plan.origins.length, horizonPeriods: plan.horizon },
    flaggedDays: flagged,
    intervals,
  };
  return { forecast, input, plan, backtests, combination, choiceScores, context };
}

export function forecastSeries(series: Series, options: ForecastSeriesOptions): SeriesForecast {
  return runSeriesForecast(series, futurePeriodTimes(series, options.horizon), options).forecast;
}
