// Double-seasonal Holt-Winters (Taylor 2003, additive error-correction form): level, a daily and a
// weekly seasonal indexed by local slot, and an AR(1) adjustment of the last error; parameters by
// Nelder-Mead on the one-step-ahead SSE. Daily series have the weekly seasonal only. Holidays and
// promotion days are taken out (divided by the calendar regression's effects) and put back on.
import type { ForecastModel, ModelInput, ModelRun } from './model.ts';
import { eventMultipliers } from './calendar-regression.ts';
import { round3 } from './model-note.ts';
import { nelderMead } from './nelder-mead.ts';

export interface HoltWintersParams {
  /** Level smoothing. */
  alpha: number;
  /** Daily seasonal smoothing (0 for daily series). */
  delta: number;
  /** Weekly seasonal smoothing. */
  omega: number;
  /** AR(1) coefficient of the one-step error, decaying over the horizon. */
  phi: number;
}

/** Weeks used to initialise the states, and weeks of one-step errors the parameters are fitted on. */
const INIT_WEEKS = 3;
const FIT_WEEKS_INTRADAY = 20;
const FIT_WEEKS_DAILY = 52;
const PHI_MAX = 0.98;

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

function periodsPerWeek(input: ModelInput): number {
  return input.intervalMinutes >= 1440 ? 7 : input.calendar.slotsPerWeek;
}

interface Pass {
  sse: number;
  count: number;
  forecasts: Float64Array[];
}

/**
 * Runs the filter over [start, end): states initialised from the open periods of
 * [start, start + initPeriods), one-step errors summed from there on, and h-step forecasts taken
 * at each index in `origins` (ascending, within [start, end]).
 */
function pass(input: ModelInput, p: HoltWintersParams, start: number, end: number, initPeriods: number,
  origins: readonly number[] = [], horizon = 0): Pass {
  const { values, open, calendar } = input;
  const { daySlot, weekSlot, slotsPerDay, slotsPerWeek } = calendar;
  const daySeason = new Float64Array(slotsPerDay);
  const weekSeason = new Float64Array(slotsPerWeek);
  const initEnd = Math.min(end, start + initPeriods);

  // Initial states: level = mean, daily = mean deviation per time of day, weekly = the rest per slot.
  let sum = 0;
  let n = 0;
  for (let i = start; i < initEnd; i++) if (open[i]) { sum += values[i]!; n++; }
  let level = n > 0 ? sum / n : 0;
  const dayCount = new Float64Array(slotsPerDay);
  const weekCount = new Float64Array(slotsPerWeek);
  if (slotsPerDay > 1) {
    for (let i = start; i < initEnd; i++) {
      if (!open[i]) continue;
      daySeason[daySlot[i]!] = daySeason[daySlot[i]!]! + values[i]! - level;
      dayCount[daySlot[i]!] = dayCount[daySlot[i]!]! + 1;
    }
    for (let s = 0; s < slotsPerDay; s++) if (dayCount[s]! > 0) daySeason[s] = daySeason[s]! / dayCount[s]!;
  }
  for (let i = start; i < initEnd; i++) {
    if (!open[i]) continue;
    const w = weekSlot[i]!;
    weekSeason[w] = weekSeason[w]! + values[i]! - level - daySeason[daySlot[i]!]!;
    weekCount[w] = weekCount[w]! + 1;
  }
  for (let w = 0; w < slotsPerWeek; w++) if (weekCount[w]! > 0) weekSeason[w] = weekSeason[w]! / weekCount[w]!;

  const { alpha, phi } = p;
  const delta = slotsPerDay > 1 ? p.delta * (1 - alpha) : 0;
  const omega = p.omega * (1 - alpha);
  let lastError = 0;
  let lastOpen = -1;
  let sse = 0;
  let count = 0;
  const forecasts: Float64Array[] = [];
  let next = 0;

  const project = (o: number) => {
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const j = o + h;
      if (j >= values.length || !open[j]) continue;
      const ar = lastOpen >= 0 ? Math.pow(phi, j - lastOpen) * lastError : 0;
      out[h] = Math.max(0, level + daySeason[daySlot[j]!]! + weekSeason[weekSlot[j]!]! + ar);
    }
    return out;
  };

  for (let i = start; i < end; i++) {
    while (next < origins.length && origins[next] === i) { forecasts.push(project(i)); next++; }
    if (!open[i]) continue;
    const d = daySlot[i]!;
    const w = weekSlot[i]!;
    const base = level + daySeason[d]! + weekSeason[w]!;
    const y = values[i]!;
    if (i >= initEnd) {
      const gap = i - lastOpen;
      const f = base + (lastOpen < 0 ? 0 : gap === 1 ? phi * lastError : Math.pow(phi, gap) * lastError);
      sse += (y - f) * (y - f);
      count++;
    }
    const r = y - base;
    level += alpha * r;
    daySeason[d] = daySeason[d]! + delta * r;
    weekSeason[w] = weekSeason[w]! + omega * r;
    lastError = r;
    lastOpen = i;
  }
  while (next < origins.length && origins[next] === end) { forecasts.push(project(end)); next++; }
  return { sse, count, forecasts };
}

function toParams(u: readonly number[], daily: boolean): HoltWintersParams {
  return daily
    ? { alpha: sigmoid(u[0]!), delta: 0, omega: sigmoid(u[1]!), phi: PHI_MAX * sigmoid(u[2]!) }
    : { alpha: sigmoid(u[0]!), delta: sigmoid(u[1]!), omega: sigmoid(u[2]!), phi: PHI_MAX * sigmoid(u[3]!) };
}

/** The window [start, origin) the states are run over, and its initialisation length. */
function window(input: ModelInput, origin: number): { start: number; initPeriods: number } {
  const week = periodsPerWeek(input);
  const fitWeeks = input.intervalMinutes >= 1440 ? FIT_WEEKS_DAILY : FIT_WEEKS_INTRADAY;
  const start = Math.max(0, origin - (INIT_WEEKS + fitWeeks) * week);
  const available = origin - start;
  // Keep at least one week of one-step errors after the initialisation weeks.
  const initWeeks = Math.max(1, Math.min(INIT_WEEKS, Math.floor(available / week) - 1));
  return { start, initPeriods: initWeeks * week };
}

/** Fits the parameters on the one-step SSE of the window ending at `origin`. */
export function fitHoltWinters(input: ModelInput, origin: number): HoltWintersParams {
  const daily = input.intervalMinutes >= 1440;
  const { start, initPeriods } = window(input, origin);
  const start0 = daily ? [logit(0.1), logit(0.1), logit(0.3 / PHI_MAX)] : [logit(0.05), logit(0.15), logit(0.15), logit(0.5 / PHI_MAX)];
  if (origin - start <= initPeriods) return toParams(start0, daily);
  const objective = (u: number[]) => {
    const { sse, count } = pass(input, toParams(u, daily), start, origin, initPeriods);
    return count > 0 ? sse / count : 0;
  };
  const best = nelderMead(objective, start0, { step: 1, maxEvaluations: daily ? 200 : 300, tolerance: 1e-6 });
  return toParams(best.x, daily);
}

export const holtWinters: ForecastModel = {
  name: 'holt-winters',
  usesEvents: true,
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun {
    if (origins.length === 0) return { forecasts: [], note: null };
    const sorted = [...origins].sort((a, b) => a - b);
    const first = sorted[0]!;
    const adjustedAt = (o: number) => {
      const effects = eventMultipliers(input, o);
      return { effects, adjusted: effects ? { ...input, values: input.values.map((v, i) => v / effects[i]!) } : input };
    };
    // The parameters come from the history before the first origin; the event effects from the
    // history before each origin, as a forecast made then would know them: with the first
    // origin's, a first 11.11 between two origins raised the later ones' level, and their
    // ordinary week after it was forecast at twice its arrivals (bands calibrated on that, 70%).
    const params = fitHoltWinters(adjustedAt(first).adjusted, first);
    const { start, initPeriods } = window(input, first);
    const byOrigin = new Map(sorted.map((o) => {
      const { effects, adjusted } = adjustedAt(o);
      const forecast = pass(adjusted, params, start, o, initPeriods, [o], horizon).forecasts[0]!;
      if (effects) forecast.forEach((v, h) => { forecast[h] = v * (effects[o + h] ?? 1); });
      return [o, forecast];
    }));
    return {
      forecasts: origins.map((o) => byOrigin.get(o)!),
      note: {
        id: 'holt-winters', alpha: round3(params.alpha), delta: input.calendar.slotsPerDay > 1 ? round3(params.delta) : null,
        omega: round3(params.omega), phi: round3(params.phi),
      },
    };
  },
};
