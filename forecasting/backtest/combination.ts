// The combination: the mean of the models whose backtest error is within 5% of the best, chosen
// separately for the first day of the horizon and for the days after it (Taylor 2008: smoothing
// leads on day 1, averages and regression from day 2 on), and on holidays and on promotion days
// among the models that know them. Averaging near-equals removes the flip between models that differ by
// 0.01 of MASE and usually beats each of them.
import type { ModelInput, SingleModelName } from '../models/model.ts';
import { MODEL_LABELS } from './choose-model.ts';
import { openDayNumbers, scoreBacktest, type BacktestPlan, type BacktestPoint, type BandContext, type ModelBacktest } from './rolling-origin.ts';

/** How much worse than the best (mean absolute error) a model may be and still join. */
export const COMBINATION_TOLERANCE = 0.05;

export interface Combination {
  /** Models averaged for the first open day after the origin. */
  day1: SingleModelName[];
  /** Models averaged from the second day on. */
  later: SingleModelName[];
  /** Models averaged on holidays (and the days after them): only models that know them. */
  holidays: SingleModelName[];
  /** Models averaged on promotion days (and the days around them): only models that know them. */
  promotions: SingleModelName[];
}

export type EventKind = 'holiday' | 'promotion';

/**
 * Where the backtest saw no day of an event kind: the calendar regression alone, the model that
 * estimates every event effect (Holt-Winters borrows its multipliers).
 */
const EVENT_ESTIMATOR: SingleModelName = 'calendar-regression';

type Segment = (p: BacktestPoint) => boolean;

/** Members within the tolerance of the best on the points of a segment, judged without origin `leaveOut`. */
function membersOn(backtests: readonly ModelBacktest[], segment: Segment, leaveOut: number): SingleModelName[] {
  const errors = backtests.map((b) => {
    let sum = 0;
    let n = 0;
    for (const p of b.points) {
      if (p.origin === leaveOut || !segment(p)) continue;
      sum += Math.abs(p.actual - p.forecast);
      n++;
    }
    return { model: b.score.model as SingleModelName, mae: n > 0 ? sum / n : Number.NaN };
  }).filter((e) => Number.isFinite(e.mae));
  if (errors.length === 0) return [];
  const best = Math.min(...errors.map((e) => e.mae));
  return errors.filter((e) => e.mae <= best * (1 + COMBINATION_TOLERANCE)).map((e) => e.model);
}

/**
 * Members per segment, judged without origin `leaveOut`. `kindOf(index)`: whether a period is a
 * holiday or promotion day (or around one), or null; `knowsEvents(model)`: whether the model
 * forecasts them.
 */
export function chooseMembers(backtests: readonly ModelBacktest[], kindOf: (index: number) => EventKind | null,
  knowsEvents: (model: SingleModelName) => boolean, leaveOut = -1): Combination {
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const day1 = membersOn(singles, (p) => p.day === 0 && kindOf(p.index) === null, leaveOut);
  const later = membersOn(singles, (p) => p.day > 0 && kindOf(p.index) === null, leaveOut);
  // A horizon inside one day has no later segment (and the reverse cannot happen): reuse the other.
  const d1 = day1.length > 0 ? day1 : later;
  const l = later.length > 0 ? later : day1;
  const aware = singles.filter((b) => knowsEvents(b.score.model as SingleModelName));
  const awareNames = aware.map((b) => b.score.model as SingleModelName);
  const onKind = (kind: EventKind): SingleModelName[] => {
    const members = membersOn(aware, (p) => kindOf(p.index) === kind, leaveOut);
    if (members.length > 0) return members;
    if (awareNames.includes(EVENT_ESTIMATOR)) return [EVENT_ESTIMATOR];
    return awareNames.length > 0 ? awareNames : l;
  };
  return { day1: d1, later: l, holidays: onKind('holiday'), promotions: onKind('promotion') };
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
    for (const m of members) sum += byModel.get(m)?.[h] ?? 0;
    out[h] = members.length > 0 ? sum / members.length : 0;
  }
  return out;
}

export function describeCombination(c: Combination): string {
  const names = (ms: SingleModelName[]) => ms.map((m) => MODEL_LABELS[m]).join(' + ');
  return `day 1: mean of ${names(c.day1)}; day 2 on: mean of ${names(c.later)}; holidays: mean of ${names(c.holidays)}; ` +
    `promotion days: mean of ${names(c.promotions)}`;
}

/** Which event feature period `index` carries (a promotion wins over a holiday), or null. */
export function eventKinds(input: ModelInput): (index: number) => EventKind | null {
  const used = input.features.columns.map((c, k) => ({ c, promotion: input.features.names[k]!.startsWith('promotion') }))
    .filter(({ c }) => c.some((v) => v !== 0));
  const promotions = used.filter((u) => u.promotion).map((u) => u.c);
  const holidays = used.filter((u) => !u.promotion).map((u) => u.c);
  return (index) => (promotions.some((c) => c[index] !== 0) ? 'promotion' : holidays.some((c) => c[index] !== 0) ? 'holiday' : null);
}

/**
 * The combination's backtest: each origin combined with members chosen on the other origins, so
 * the choice is scored on windows it did not see, like the models' bands.
 */
export function backtestCombination(backtests: readonly ModelBacktest[], input: ModelInput, plan: BacktestPlan, context: BandContext,
  knowsEvents: (model: SingleModelName) => boolean): { backtest: ModelBacktest; combination: Combination } {
  const singles = backtests.filter((b) => b.score.model !== 'combination');
  const kindOf = eventKinds(input);
  const forecasts = plan.origins.map((o, k) => {
    const members = chooseMembers(singles, kindOf, knowsEvents, plan.origins.length > 1 ? k : -1);
    const byModel = new Map(singles.map((b) => [b.score.model as SingleModelName, b.forecasts[k]!]));
    return combineForecasts(byModel, members, input, o);
  });
  const combination = chooseMembers(singles, kindOf, knowsEvents);
  return { backtest: scoreBacktest('combination', forecasts, describeCombination(combination), input, plan, context), combination };
}
