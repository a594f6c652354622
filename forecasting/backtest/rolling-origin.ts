// Rolling-origin backtests: forecast the horizon from several origins before the history's end,
// score each model by MASE (overall and on day 1), WAPE, the coverage of its p10-p90 band and the
// pinball loss (band built from the other origins' residuals, so a band is not judged on its own
// errors), and keep the forecasts (for the combination) and residuals (for the intervals).
import type { ForecastModel, ModelInput, ModelName } from '../models/model.ts';
import type { ModelNote } from '../models/model-note.ts';
import {
  band, dayPart, DAY_PARTS, estimateDispersion, horizonBucket, residualQuantiles, standardisedResidual, UNSEEN_EVENT_DISPERSION, type Band, type ResidualSample,
} from './intervals.ts';
import { EVENT_KINDS, eventKinds, type EventKind } from './event-days.ts';
import { coverage, maseScale, pinballLoss, pointAccuracy } from './metrics.ts';

export interface BacktestPlan {
  /** Indices of the first forecast period of each run, ascending. */
  origins: number[];
  /** Periods forecast from each origin. */
  horizon: number;
}

/** Point accuracy as metrics.ts defines it (MASE, day-1 MASE and WAPE on ordinary days, event days' MASE apart); bands over every day. */
export interface ModelScore {
  model: ModelName;
  mase: number;
  /** MASE of the first open day after each origin (the next working day). */
  day1Mase: number;
  wape: number;
  /** MASE on holidays, promotion days and the days around them. */
  eventMase: number;
  /** Share of actuals within p10-p90. */
  coverage: number;
  /** Mean pinball loss of p10, p50 and p90 (arrivals per period). */
  pinball: number;
  /** Open periods scored. */
  periods: number;
  /** What was fitted, as an id and figures (null: nothing). */
  note: ModelNote | null;
  /** The combination's members (model ids) per kind of day. */
  members?: CombinationMembers;
}

/** Which models the combination averages on each kind of day (equal weights). */
export interface CombinationMembers { day1: string[]; later: string[]; holidays: string[]; promotions: string[] }

/**
 * One scored period of a backtest: `bucket` its horizon day, `part` its part of the day, `day` its
 * open day (0: the first after the origin).
 */
export interface BacktestPoint { origin: number; index: number; bucket: number; part: number; day: number; actual: number; forecast: number }

/**
 * For each step after `origin`, how many local days with open periods come before its own: 0 on
 * the next working day, which is "day 1" whether the origin is a Friday night or a Monday morning.
 */
export function openDayNumbers(input: ModelInput, origin: number, length: number): Int32Array {
  const out = new Int32Array(length);
  let count = -1;
  let lastDay = Number.NaN;
  for (let h = 0; h < length; h++) {
    const j = origin + h;
    if (j < input.open.length && input.open[j] && input.calendar.dayIndex[j] !== lastDay) { count++; lastDay = input.calendar.dayIndex[j]!; }
    out[h] = Math.max(0, count);
  }
  return out;
}

export interface ModelBacktest {
  score: ModelScore;
  /** forecasts[k][h]: the model's forecast from origin k. */
  forecasts: Float64Array[];
  points: BacktestPoint[];
  /** Ordinary-day residuals of all origins, scaled with `dispersion`: what the forecast's bands are built from. */
  samples: ResidualSample[];
  dispersion: number;
  /** Extra dispersion of holidays and promotion days seen in the backtest (UNSEEN_EVENT_DISPERSION for a kind it holds none of). */
  eventDispersion: EventDispersion;
}

/** Extra dispersion (beyond ordinary days') per event kind. */
export type EventDispersion = Record<EventKind, number>;

/** What a forecast without a backtest knows of every kind of event day: no day of its own, so an unknown effect's spread. */
export const UNSEEN_EVENTS: EventDispersion = { holiday: UNSEEN_EVENT_DISPERSION, promotion: UNSEEN_EVENT_DISPERSION };

/**
 * What sets a period apart from ordinary days: its event kind from the calendar (known ahead,
 * whether or not a model has seen one), and the log-variance of its event effects as fitted.
 */
export interface BandContext { eventVariance: Float64Array | null; eventKind: (index: number) => EventKind | null }

export const NO_EVENT_BANDS: BandContext = { eventVariance: null, eventKind: () => null };

function scaled(points: readonly BacktestPoint[], dispersion: number): ResidualSample[] {
  return points.map((p) => ({ bucket: p.bucket, part: p.part, origin: p.origin, z: standardisedResidual(p.actual, p.forecast, dispersion) }));
}

/** Day parts the bands of `input` are calibrated by: DAY_PARTS intraday, 1 for daily series. */
export const partsOf = (input: ModelInput) => (input.calendar.slotsPerDay > 1 ? DAY_PARTS : 1);

/**
 * Origins from the end of history backwards, the last one leaving exactly `horizon` periods after
 * it, each with `minTraining` periods before it. Long horizons: `origins` origins a week apart.
 * Horizons under a week: origins one horizon apart (at least a day) until two weeks are covered,
 * so that every weekday is tested, not just the one the history ends on. A history too short for
 * `origins` origins that far apart gets them closer (whole days apart, at least one): 8 origins of
 * a full 14-day horizon need 2 weeks of training + 14 days + 7 days = 35 days, not 11 weeks.
 */
export function planBacktest(historyLength: number, horizon: number, periodsPerWeek: number, minTraining: number,
  origins = 4): BacktestPlan {
  const h = Math.min(horizon, historyLength - minTraining);
  if (h <= 0) return { origins: [], horizon: 0 };
  const periodsPerDay = periodsPerWeek / 7;
  const preferred = Math.min(periodsPerWeek, Math.max(periodsPerDay, h));
  // Periods between the earliest origin the training allows and the last one.
  const room = historyLength - h - minTraining;
  const roomy = (origins - 1) * preferred <= room;
  const spacing = roomy ? preferred : periodsPerDay * Math.max(1, Math.floor(room / (origins - 1) / periodsPerDay));
  const count = roomy ? Math.max(origins, Math.min(14, Math.ceil((2 * periodsPerWeek) / spacing))) : origins;
  const planned: number[] = [];
  for (let o = historyLength - h; o >= minTraining && planned.length < count; o -= spacing) planned.unshift(o);
  return { origins: planned, horizon: h };
}

/** The open periods of every backtest window with the forecast made for them. */
export function backtestPoints(input: ModelInput, plan: BacktestPlan, forecasts: readonly Float64Array[]): BacktestPoint[] {
  const points: BacktestPoint[] = [];
  plan.origins.forEach((o, k) => {
    const f = forecasts[k]!;
    const days = openDayNumbers(input, o, plan.horizon);
    for (let h = 0; h < plan.horizon; h++) {
      const j = o + h;
      if (!input.open[j]) continue;
      points.push({
        origin: k, index: j, bucket: horizonBucket(h, input.intervalMinutes), part: dayPart(input.calendar.daySlot[j]!, input.calendar.slotsPerDay),
        day: days[h]!, actual: input.values[j]!, forecast: f[h]!,
      });
    }
  });
  return points;
}

/** Event days the backtest must hold before their own errors widen event bands. */
const MIN_EVENT_POINTS = 20;

export interface Calibration {
  dispersion: number;
  /** Extra dispersion per event kind, from their backtest errors (UNSEEN_EVENT_DISPERSION when the backtest holds none). */
  eventDispersion: EventDispersion;
  parts: number;
  q: { q10: number[]; q90: number[] };
  samples: ResidualSample[];
}

/**
 * Residual quantiles and dispersion of ordinary days, and the extra dispersion each event kind
 * showed beyond that. Event days are told by the calendar, not by whether a model fitted their
 * effect: a first 11.11 in the backtest (days at 3-7x the forecast) counted as ordinary made every
 * band of the page 4-9x its p50.
 */
export function calibrate(points: readonly BacktestPoint[], buckets: number, parts: number, context: BandContext): Calibration {
  const ordinary = points.filter((p) => context.eventKind(p.index) === null);
  const basis = ordinary.length > 0 ? ordinary : points;
  const dispersion = estimateDispersion(basis);
  const samples = scaled(basis, dispersion);
  const extra = (events: readonly BacktestPoint[]) => (events.length >= MIN_EVENT_POINTS ? estimateDispersion(events, dispersion) : Number.NaN);
  const allEvents = extra(points.filter((p) => context.eventKind(p.index) !== null));
  // A kind with too few days of its own takes what all event days showed; one with none at all,
  // the spread of an unknown effect: a holiday's dip says nothing of a first promotion's surge.
  const byKind = (kind: EventKind) => {
    const days = points.filter((p) => context.eventKind(p.index) === kind);
    const own = extra(days);
    return Number.isFinite(own) ? own : days.length > 0 && Number.isFinite(allEvents) ? allEvents : UNSEEN_EVENT_DISPERSION;
  };
  const eventDispersion = Object.fromEntries(EVENT_KINDS.map((k) => [k, byKind(k)])) as EventDispersion;
  return { dispersion, eventDispersion, parts, q: residualQuantiles(samples, buckets, parts), samples };
}

/**
 * The band of one period: ordinary-day quantiles of its horizon day and part of the day, widened on
 * event days by their effect's uncertainty: the regression's where it has seen such a day, else what
 * the backtest's days of that kind showed (a first promotion, whose effect nobody knows yet).
 */
export function pointBand(forecast: number, index: number, bucket: number, part: number, calibration: Omit<Calibration, 'samples'>,
  context: BandContext): Band {
  const k = bucket * calibration.parts + part;
  return band(forecast, calibration.q.q10[k]!, calibration.q.q90[k]!, calibration.dispersion + eventExtraDispersion(index, context, calibration.eventDispersion));
}

/**
 * The dispersion period `index` adds to an ordinary day's: none on ordinary days; on an event day the
 * variance of its effect as the regression fitted it, else what days of its kind showed (`shown`).
 */
export function eventExtraDispersion(index: number, context: BandContext, shown: EventDispersion): number {
  const kind = context.eventKind(index);
  if (kind === null) return 0;
  const effect = context.eventVariance?.[index] ?? 0;
  return effect > 0 ? effect : shown[kind];
}

/** Scores a model's forecasts from the plan's origins. */
export function scoreBacktest(model: ModelName, forecasts: Float64Array[], note: ModelNote | null, input: ModelInput, plan: BacktestPlan,
  context: BandContext = NO_EVENT_BANDS): ModelBacktest {
  const scale = maseScale(input, plan.origins[0]!);
  const buckets = horizonBucket(plan.horizon - 1, input.intervalMinutes) + 1;
  const points = backtestPoints(input, plan, forecasts);

  // Each origin's band comes from the other origins' residuals (all of them when there is one).
  const parts = partsOf(input);
  const calibrations = plan.origins.map((_, k) =>
    calibrate(plan.origins.length > 1 ? points.filter((p) => p.origin !== k) : points, buckets, parts, context));
  const bands = points.map((p) => pointBand(p.forecast, p.index, p.bucket, p.part, calibrations[p.origin]!, context));
  const all = calibrate(points, buckets, parts, context);
  const actual = points.map((p) => p.actual);
  const kind = eventKinds(input);
  return {
    score: {
      model,
      ...pointAccuracy(points, scale, (i) => kind(i) !== null),
      coverage: coverage(actual, bands.map((b) => b.p10), bands.map((b) => b.p90)),
      pinball: pinballLoss(actual, bands),
      periods: points.length,
      note,
    },
    forecasts,
    points,
    samples: all.samples,
    dispersion: all.dispersion,
    eventDispersion: all.eventDispersion,
  };
}

export function backtestModel(model: ForecastModel, input: ModelInput, plan: BacktestPlan, context: BandContext = NO_EVENT_BANDS): ModelBacktest {
  const run = model.forecast(input, plan.origins, plan.horizon);
  return scoreBacktest(model.name, run.forecasts, run.note, input, plan, context);
}
