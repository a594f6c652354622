// Forecast accuracy: MASE (scaled by the in-sample seasonal-naive MAE), WAPE, and the share of
// actuals inside the p10-p90 interval; maseScale and pointAccuracy are the one definition the
// backtests, the holdout and the bench all use. Closed periods are not passed in.
import { ordinaryOpen } from '../models/calendar-features.ts';
import type { ModelInput } from '../models/model.ts';

/** Mean absolute error of the seasonal naive forecast in-sample: |y[i] - y[previous same slot]|. */
export function seasonalNaiveScale(values: ArrayLike<number>, open: ArrayLike<number | boolean>, weekSlot: ArrayLike<number>,
  slotsPerWeek: number, end = values.length): number {
  const last = new Float64Array(slotsPerWeek).fill(Number.NaN);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (!open[i]) continue;
    const s = weekSlot[i]!;
    const previous = last[s]!;
    if (!Number.isNaN(previous)) { sum += Math.abs(values[i]! - previous); n++; }
    last[s] = values[i]!;
  }
  return n > 0 ? sum / n : Number.NaN;
}

/**
 * What MASE is scaled by: the in-sample seasonal naive's MAE on the ordinary open periods before
 * `end`, holidays and promotion days (and the days around them) left out: with them in, a surge's
 * week-on-week jumps inflate it (the default demo's returns queue, 120 days: 23 with its 11.11
 * fortnight, 6.2 without), so the same forecast read better the more promotions its history held.
 */
export function maseScale(input: ModelInput, end: number): number {
  const { weekSlot, slotsPerWeek } = input.calendar;
  const ordinary = seasonalNaiveScale(input.values, ordinaryOpen(input), weekSlot, slotsPerWeek, end);
  // A history with no ordinary week-on-week pair (a promotion every fortnight: the days around one
  // reach the next) is scaled on every open period, as MASE is then judged on every day.
  return Number.isNaN(ordinary) ? seasonalNaiveScale(input.values, input.open, weekSlot, slotsPerWeek, end) : ordinary;
}

/** A scored period: its index in the model input, its open day after the origin (0: day 1), what came and what was forecast. */
export interface ScoredPeriod { index: number; day: number; actual: number; forecast: number }

export interface PointAccuracy {
  /** MASE on ordinary days (on every day when none was scored). */
  mase: number;
  /** MASE on the first open day after the origin, ordinary days only. */
  day1Mase: number;
  /** WAPE on ordinary days. */
  wape: number;
  /** MASE on holidays, promotion days and the days around them (same scale; NaN when none was scored). */
  eventMase: number;
}

/**
 * Point accuracy of a forecast, ordinary days and event days apart: a first promotion, whose effect
 * no model has seen, is 5-13x an ordinary week's naive error whatever the model, and pooled with
 * ordinary days it drowned them (MASE 4.5 for a forecast at 0.7 on ordinary days). `isEvent` says
 * which periods are event days (from the calendar: event-days.ts).
 */
/** The periods MASE judges: ordinary days, or every day when none was scored (every day an event or near one). */
function judgedPeriods(periods: readonly ScoredPeriod[], isEvent: (index: number) => boolean): readonly ScoredPeriod[] {
  const notEvents = periods.filter((p) => !isEvent(p.index));
  return notEvents.length > 0 ? notEvents : periods;
}

export function pointAccuracy(periods: readonly ScoredPeriod[], scale: number, isEvent: (index: number) => boolean): PointAccuracy {
  const ordinary = judgedPeriods(periods, isEvent);
  const events = periods.filter((p) => isEvent(p.index));
  const day1 = ordinary.filter((p) => p.day === 0);
  const on = (ps: readonly ScoredPeriod[]) => [ps.map((p) => p.actual), ps.map((p) => p.forecast)] as const;
  return { mase: mase(...on(ordinary), scale), day1Mase: mase(...on(day1), scale), wape: wape(...on(ordinary)), eventMase: mase(...on(events), scale) };
}

/**
 * Per open day, in order, the absolute errors scaled as MASE summed over the periods MASE judges:
 * the loss a Diebold-Mariano test compares (a day's sum, as hourly errors within a day are correlated).
 */
export function dailyScaledErrors(periods: readonly ScoredPeriod[], scale: number, isEvent: (index: number) => boolean): number[] {
  const byDay = new Map<number, number>();
  for (const p of judgedPeriods(periods, isEvent)) byDay.set(p.day, (byDay.get(p.day) ?? 0) + Math.abs(p.actual - p.forecast) / scale);
  return [...byDay.values()];
}

export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return actual.length > 0 ? sum / actual.length : Number.NaN;
}

/** MASE = MAE / scale; NaN when the scale is 0 or unknown (a constant history). */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  return scale > 0 ? meanAbsoluteError(actual, forecast) / scale : Number.NaN;
}

/** WAPE = sum |actual - forecast| / sum actual. */
export function wape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    error += Math.abs(actual[i]! - forecast[i]!);
    total += Math.abs(actual[i]!);
  }
  return total > 0 ? error / total : Number.NaN;
}

/** Share of actuals with lower <= actual <= upper. */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return actual.length > 0 ? inside / actual.length : Number.NaN;
}

/** Pinball (quantile) loss of forecasting quantile `q` as `predicted` when `actual` came. */
export function pinball(q: number, actual: number, predicted: number): number {
  return actual >= predicted ? q * (actual - predicted) : (1 - q) * (predicted - actual);
}

/** Mean pinball loss of the p10, p50 and p90 of each band. */
export function pinballLoss(actual: ArrayLike<number>, bands: readonly { p10: number; p50: number; p90: number }[]): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const b = bands[i]!;
    sum += (pinball(0.1, y, b.p10) + pinball(0.5, y, b.p50) + pinball(0.9, y, b.p90)) / 3;
  }
  return actual.length > 0 ? sum / actual.length : Number.NaN;
}
