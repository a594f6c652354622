// The combination: a weighted mean of the models, the weights those that minimise the squared
// backtest error of the mean (non-negative, summing to 1: constrained least-squares stacking),
// fitted separately for the first day of the horizon and for the days after it (Taylor 2008:
// smoothing leads on day 1, averages and regression from day 2 on), and on holidays and promotion
// days the mean of the models that know them within 5% of the best. Stacking weighs a model by
// what it adds to the others, so the mix beats its best member where their errors differ, and
// gives that member (nearly) all the weight where they do not: an equal mean of near-equals only
// tied the best model.
import type { ModelInput, SingleModelName } from '../models/model.ts';
import { MODEL_LABELS } from './choose-model.ts';
import { eventKinds, type EventKind } from './event-days.ts';
import { stackingWeights } from './stacking.ts';
import { openDayNumbers, scoreBacktest, type BacktestPlan, type BacktestPoint, type BandContext, type ModelBacktest } from './rolling-origin.ts';

/** How much worse than the best (mean absolute error) an event-day member may be and still join. */
export const COMBINATION_TOLERANCE = 0.05;

/**
 * Backtest points per model a segment needs before its own weights are fitted (fewer: the weights
 * of every ordinary day, and with fewer ordinary days than that, the near-best mean): a daily
 * series' 8 origins hold about 100 ordinary days, on which five stacked weights fitted noise (the
 * held-out daily series forecast worse), an hourly series' thousands of periods do not.
 */
export const MIN_STACK_POINTS_PER_MODEL = 50;

export interface Member { model: SingleModelName; weight: number }

export interface Combination {
  weighting: Weighting;
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
 * Members within the tolerance of the best on the points of a segment, judged without origin
 * `leaveOut`; none when the segment holds fewer than `minPoints`.
 */
function membersOn(backtests: readonly ModelBacktest[], segment: Segment, leaveOut: number, minPoints = MIN_SEGMENT_POINTS): SingleModelName[] {
  const errors = backtests.map((b) => {
    let sum = 0;
    let n = 0;
    for (const p of b.points) {
      if (p.origin === leaveOut || !segment(p)) continue;
      sum += Math.abs(p.actual - p.forecast);
      n++;
    }
    return { model: b.score.model as SingleModelName, mae: n >= Math.max(1, minPoints) ? sum / n : Number.NaN };
  }).filter((e) => Number.isFinite(e.mae));
  if (errors.length === 0) return [];
  const best = Math.min(...errors.map((e) => e.mae));
  return errors.filter((e) => e.mae <= best * (1 + COMBINATION_TOLERANCE)).map((e) => e.model);
}

/**
 * Stacking weights on the points of a segment without origin `leaveOut` (every single model's
 * points are the same periods in the same order), or null when the segment holds too few points.
 */
function stackedOn(backtests: readonly ModelBacktest[], segment: Segment, leaveOut: number): Member[] | null {
  if (backtests.length === 0) return null;
  const keep = backtests[0]!.points.map((p, i) => (p.origin !== leaveOut && segment(p) ? i : -1)).filter((i) => i >= 0);
  if (keep.length < MIN_STACK_POINTS_PER_MODEL * backtests.length) return null;
  const actual = keep.map((i) => backtests[0]!.points[i]!.actual);
  const weights = stackingWeights(actual, backtests.map((b) => keep.map((i) => b.points[i]!.forecast)));
  return backtests.map((b, k) => ({ model: b.score.model as SingleModelName, weight: weights[k]! })).filter((m) => m.weight > 0);
}

const equalWeights = (models: readonly SingleModelName[]): Member[] => models.map((model) => ({ model, weight: 1 / models.length }));

/**
 * How ordinary days are weighted: `stacked` (constrained least squares), or `near-best mean` (the
 * equal mean of the models within COMBINATION_TOLERANCE of the best), which a segment with few
 * points or models whose ranking flips between origins forecasts better.
 */
export type Weighting = 'stacked' | 'near-best mean';
export const WEIGHTINGS: readonly Weighting[] = ['stacked', 'near-best mean'];

/**
 * Members per segment, judged without origin `leaveOut`. `kindOf(index)`: whether a period is a
 * holiday or promotion day (or around one), or null; `knowsEvents(model)`: whether the model
 * forecasts them.
 */
export function chooseMembers(backtests: readonly ModelBacktest[], kindOf: (index: number) => EventKind | null,
  knowsEvents: (model: SingleModelName) => boolean, leaveOut = -1, weighting: Weighting = 'stacked'): Combination {
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const nearBest = (segment: Segment, minPoints = MIN_SEGMENT_POINTS) => equalWeights(membersOn(singles, segment, leaveOut, minPoints));
  const ordinary: Segment = (p) => kindOf(p.index) === null;
  const firstDay: Segment = (p) => p.day === 0 && ordinary(p);
  const laterDays: Segment = (p) => p.day > 0 && ordinary(p);
  let day1: Member[];
  let later: Member[];
  const all = weighting === 'stacked' ? stackedOn(singles, ordinary, leaveOut) : null;
  if (all) {
    day1 = stackedOn(singles, firstDay, leaveOut) ?? all;
    later = stackedOn(singles, laterDays, leaveOut) ?? all;
  } else {
    // A segment too thin to judge (or absent: a horizon inside one day has no later days) takes
    // the members of every ordinary day.
    const base = nearBest(ordinary, 1);
    const d1 = nearBest(firstDay);
    const l = nearBest(laterDays);
    day1 = d1.length > 0 ? d1 : base;
    later = l.length > 0 ? l : base;
  }
  const aware = singles.filter((b) => knowsEvents(b.score.model as SingleModelName));
  const awareNames = aware.map((b) => b.score.model as SingleModelName);
  const onKind = (kind: EventKind): Member[] => {
    const members = membersOn(aware, (p) => kindOf(p.index) === kind, leaveOut);
    if (members.length > 0) return equalWeights(members);
    if (awareNames.includes(EVENT_ESTIMATOR)) return equalWeights([EVENT_ESTIMATOR]);
    return awareNames.length > 0 ? equalWeights(awareNames) : later;
  };
  return { weighting: all ? 'stacked' : 'near-best mean', day1, later, holidays: onKind('holiday'), promotions: onKind('promotion') };
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

export function describeCombination(c: Combination): string {
  const names = (ms: Member[]) => ms.map((m) => `${MODEL_LABELS[m.model]} ${m.weight.toFixed(2)}`).join(' + ');
  return `${c.weighting}: day 1: ${names(c.day1)}; day 2 on: ${names(c.later)}; holidays: ${names(c.holidays)}; promotion days: ${names(c.promotions)}`;
}

/**
 * The combination's backtest: each origin combined with members chosen on the other origins, so
 * the choice is scored on windows it did not see, like the models' bands; of the two weightings,
 * the one whose backtest error is lower (ties: the near-best mean).
 */
export function backtestCombination(backtests: readonly ModelBacktest[], input: ModelInput, plan: BacktestPlan, context: BandContext,
  knowsEvents: (model: SingleModelName) => boolean): { backtest: ModelBacktest; combination: Combination } {
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const kindOf = eventKinds(input);
  const runs = WEIGHTINGS.map((weighting) => {
    const forecasts = plan.origins.map((o, k) => {
      const members = chooseMembers(singles, kindOf, knowsEvents, plan.origins.length > 1 ? k : -1, weighting);
      const byModel = new Map(singles.map((b) => [b.score.model as SingleModelName, b.forecasts[k]!]));
      return combineForecasts(byModel, members, input, o);
    });
    const combination = chooseMembers(singles, kindOf, knowsEvents, -1, weighting);
    return { backtest: scoreBacktest('combination', forecasts, describeCombination(combination), input, plan, context), combination };
  });
  const error = (r: (typeof runs)[number]) => (Number.isFinite(r.backtest.score.mase) ? r.backtest.score.mase : r.backtest.score.wape);
  return runs.reduce((best, r) => (error(r) < error(best) ? r : best), runs[runs.length - 1]!);
}
