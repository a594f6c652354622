// The combination: on ordinary days the equal mean of the two single models (benchmarks included)
// with the lowest backtest error, chosen separately for the first open day after the origin and for
// the days after it (Taylor 2008: smoothing leads on day 1, averages and regression from day 2 on);
// on holidays and promotion days the mean of the models that know them within 5% of the best.
// Why the best two, equally weighted: on the forecast bench (15 series x 4 held-out windows) it beats
// the best single model on 10 series, least-squares stacking or the mean of the models within 5% of
// the best (whichever backtested better) on 8: a second model whose errors differ helps even when it
// is 5-10% worse in backtest, and equal weights fit no noise. Weights fitted in hindsight on the
// held-out days themselves gain only 0.2-2% over the best single model on these series: no
// weighting of these members can beat it by more.
import type { ModelInput, SingleModelName } from '../models/model.ts';
import { round3, type ModelNote } from '../models/model-note.ts';
import { eventKinds, type EventKind } from './event-days.ts';
import { maseScale, pointAccuracy } from './metrics.ts';
import { openDayNumbers, scoreBacktest, type BacktestPlan, type CombinationMembers, type BacktestPoint, type BandContext, type ModelBacktest, type ModelScore } from './rolling-origin.ts';

/** How much worse than the best (mean absolute error) an event-day member may be and still join. */
export const COMBINATION_TOLERANCE = 0.05;

/** Models averaged on ordinary days. */
export const ORDINARY_MEMBERS = 2;

export interface Member { model: SingleModelName; weight: number }

export interface Combination {
  /** Members for the first open day after the origin. */
  day1: Member[];
  /** Members from the second day on. */
  later: Member[];
  /** Members on holidays (and the days after them): only models that know them. */
  holidays: Member[];
  /** Members on promotion days (and the days around them): only models that know them. */
  promotions: Member[];
}

/**
 * Where the backtest saw no day of an event kind: the calendar regression alone, the model that
 * estimates every event effect (Holt-Winters borrows its multipliers).
 */
const EVENT_ESTIMATOR: SingleModelName = 'calendar-regression';

type Segment = (p: BacktestPoint) => boolean;

/**
 * Points a segment (day 1, holidays, ...) needs to choose its own members; fewer (a daily series'
 * day 1 is one point per origin) and a benchmark 3x worse overall can lead by luck, so the segment
 * takes the members of every ordinary day (event days: the event estimator).
 */
export const MIN_SEGMENT_POINTS = 30;

/**
 * Each model's mean absolute error on the points of a segment before period `before`, best first;
 * none when the segment holds fewer than `minPoints` there.
 */
function ranked(backtests: readonly ModelBacktest[], segment: Segment, before: number, minPoints: number): { model: SingleModelName; mae: number }[] {
  return backtests.map((b) => {
    let sum = 0;
    let n = 0;
    for (const p of b.points) {
      if (p.index >= before || !segment(p)) continue;
      sum += Math.abs(p.actual - p.forecast);
      n++;
    }
    return { model: b.score.model as SingleModelName, mae: n >= Math.max(1, minPoints) ? sum / n : Number.NaN };
  }).filter((e) => Number.isFinite(e.mae)).sort((a, b) => a.mae - b.mae);
}

const equalWeights = (models: readonly SingleModelName[]): Member[] => models.map((model) => ({ model, weight: 1 / models.length }));

/**
 * Members per segment, judged on the backtest points before period `before` (all by default): a
 * forecast from `before` knows no later actual, not even those of an earlier origin's window.
 * `kindOf(index)`: whether a period is a holiday or promotion day (or around one), or null;
 * `knowsEvents(model)`: whether the model forecasts them.
 */
export function chooseMembers(backtests: readonly ModelBacktest[], kindOf: (index: number) => EventKind | null,
  knowsEvents: (model: SingleModelName) => boolean, before = Number.POSITIVE_INFINITY): Combination {
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const ordinary: Segment = (p) => kindOf(p.index) === null;
  const bestOn = (segment: Segment, minPoints = MIN_SEGMENT_POINTS) =>
    equalWeights(ranked(singles, segment, before, minPoints).slice(0, ORDINARY_MEMBERS).map((e) => e.model));
  // A segment too thin to judge (or absent: a horizon inside one day has no later days) takes the
  // members of every ordinary day; with no ordinary day before `before` (a first window that was
  // all National Day holidays), those of every day, else all models: never no member, whose
  // forecast of 0 for a 70-an-hour slot made every band of the combination many times its p50.
  const base = [bestOn(ordinary, 1), bestOn(() => true, 1)].find((m) => m.length > 0)
    ?? equalWeights(singles.map((b) => b.score.model as SingleModelName));
  const d1 = bestOn((p) => p.day === 0 && ordinary(p));
  const l = bestOn((p) => p.day > 0 && ordinary(p));
  const aware = singles.filter((b) => knowsEvents(b.score.model as SingleModelName));
  const awareNames = aware.map((b) => b.score.model as SingleModelName);
  const later = l.length > 0 ? l : base;
  const onKind = (kind: EventKind): Member[] => {
    const errors = ranked(aware, (p) => kindOf(p.index) === kind, before, MIN_SEGMENT_POINTS);
    if (errors.length > 0) return equalWeights(errors.filter((e) => e.mae <= errors[0]!.mae * (1 + COMBINATION_TOLERANCE)).map((e) => e.model));
    if (awareNames.includes(EVENT_ESTIMATOR)) return equalWeights([EVENT_ESTIMATOR]);
    return awareNames.length > 0 ? equalWeights(awareNames) : later;
  };
  return { day1: d1.length > 0 ? d1 : base, later, holidays: onKind('holiday'), promotions: onKind('promotion') };
}

/** Every model with a weight somewhere in the combination. */
export function combinationModels(c: Combination): SingleModelName[] {
  return [...new Set([c.day1, c.later, c.holidays, c.promotions].flat().map((m) => m.model))];
}

/** The combined forecast from the members' forecasts from `origin` of `input`. */
export function combineForecasts(byModel: ReadonlyMap<SingleModelName, Float64Array>, combination: Combination, input: ModelInput,
  origin: number): Float64Array {
  const length = Math.max(0, ...[...byModel.values()].map((f) => f.length));
  const kindOf = eventKinds(input);
  const days = openDayNumbers(input, origin, length);
  const out = new Float64Array(length);
  for (let h = 0; h < length; h++) {
    const kind = kindOf(origin + h);
    const members = kind === 'promotion' ? combination.promotions : kind === 'holiday' ? combination.holidays
      : days[h] === 0 ? combination.day1 : combination.later;
    let sum = 0;
    for (const m of members) sum += m.weight * (byModel.get(m.model)?.[h] ?? 0);
    out[h] = Math.max(0, sum);
  }
  return out;
}

/** The members' model ids per kind of day. */
export function combinationMembers(c: Combination): CombinationMembers {
  const ids = (ms: Member[]) => ms.map((m) => m.model);
  return { day1: ids(c.day1), later: ids(c.later), holidays: ids(c.holidays), promotions: ids(c.promotions) };
}

/** The members and their weights per kind of day, as the combination's backtest note. */
export function describeCombination(c: Combination): ModelNote {
  const weights = (ms: Member[]) => ms.map((m) => ({ model: m.model, weight: round3(m.weight) }));
  return { id: 'combination', day1: weights(c.day1), later: weights(c.later), holidays: weights(c.holidays), promotions: weights(c.promotions) };
}

/** A single model's point accuracy restated on the backtest points of origins `from` on (scaled as a plan starting there). */
function restated(b: ModelBacktest, input: ModelInput, plan: BacktestPlan, from: number): ModelScore {
  const points = b.points.filter((p) => p.origin >= from);
  const kind = eventKinds(input);
  return { ...b.score, ...pointAccuracy(points, maseScale(input, plan.origins[from]!), (i) => kind(i) !== null), periods: points.length };
}

export interface CombinationBacktest {
  /** The combination's backtest over the origins after the first (each combined with members chosen on what came before it). */
  backtest: ModelBacktest;
  /** Members chosen on every origin: what the forecast combines. */
  combination: Combination;
  /** The single models' scores on the same origins as the combination's, for choosing between them. */
  compared: ModelScore[];
}

/**
 * The combination's backtest: each origin combined with members chosen on the backtest points
 * before it only (the earlier origins' windows up to it), as a forecast made then would have been;
 * the first origin has none before it and is not scored. Null with fewer than two origins.
 */
export function backtestCombination(backtests: readonly ModelBacktest[], input: ModelInput, plan: BacktestPlan, context: BandContext,
  knowsEvents: (model: SingleModelName) => boolean): CombinationBacktest | null {
  if (plan.origins.length < 2) return null;
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const kindOf = eventKinds(input);
  const forecasts = plan.origins.slice(1).map((o, i) => {
    const members = chooseMembers(singles, kindOf, knowsEvents, o);
    const byModel = new Map(singles.map((b) => [b.score.model as SingleModelName, b.forecasts[i + 1]!]));
    return combineForecasts(byModel, members, input, o);
  });
  const combination = chooseMembers(singles, kindOf, knowsEvents);
  const scored = { origins: plan.origins.slice(1), horizon: plan.horizon };
  const backtest = scoreBacktest('combination', forecasts, describeCombination(combination), input, scored, context);
  return {
    backtest: { ...backtest, score: { ...backtest.score, members: combinationMembers(combination) } },
    combination,
    compared: singles.map((b) => restated(b, input, plan, 1)),
  };
}
