// Regression on calendar features: log1p(arrivals) = weekday x time-of-day effect + holiday and
// promotion-day effects + local trend, by weighted least squares (recent weeks weigh more); back
// from logs with Duan's smearing factor, so the forecast is a mean, not a median.
import type { ForecastModel, ModelInput, ModelRun } from './model.ts';
import { regressionEffect, round3 } from './model-note.ts';

/** Weights halve every HALF_LIFE_WEEKS weeks back from the origin, so the level stays current. */
const HALF_LIFE_WEEKS = 6;
/** Longest history used: a year and a bit, so last year's promotion days are seen. */
const MAX_WEEKS = 56;
/**
 * Ridge penalty per coefficient, relative to its column's own weight: only keeps the solve stable,
 * since promotion days of last year carry little recency weight and must still be estimated.
 */
const RIDGE = 1e-3;

function solve(a: number[][], b: number[]): number[] {
  // Gaussian elimination with partial pivoting on a small (<= 8 x 8) system.
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / p;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

interface Fit {
  slot: Float64Array;
  beta: number[];
  columns: Float64Array[];
  names: string[];
  /** Variance of each coefficient on the log scale (0 for the trend): how uncertain an event's effect is. */
  variance: number[];
  /** Weighted mean of exp(residual): exp(fitted) x smear is the mean of 1 + arrivals. */
  smear: number;
}

function fit(input: ModelInput, origin: number): Fit {
  const { values, open, calendar, features } = input;
  const { weekSlot, slotsPerWeek } = calendar;
  const week = input.intervalMinutes >= 1440 ? 7 : slotsPerWeek;
  const start = Math.max(0, origin - MAX_WEEKS * week);
  const decay = Math.pow(0.5, 1 / (HALF_LIFE_WEEKS * week));

  // The trend column counts weeks from the origin; feature columns are kept only if they occur.
  const trend = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) trend[i] = (i - origin) / week;
  const columns: Float64Array[] = [trend];
  const names = ['trend'];
  features.columns.forEach((col, k) => {
    for (let i = start; i < origin; i++) if (open[i] && col[i] !== 0) { columns.push(col); names.push(features.names[k]!); return; }
  });

  // Weighted means per weekly slot of log1p(y) and of every column.
  const p = columns.length;
  const slotWeight = new Float64Array(slotsPerWeek);
  const zMean = new Float64Array(slotsPerWeek);
  const xMean = columns.map(() => new Float64Array(slotsPerWeek));
  const z = new Float64Array(origin - start);
  const w = new Float64Array(origin - start);
  let totalWeight = 0;
  for (let i = origin - 1, weight = 1; i >= start; i--, weight *= decay) {
    if (!open[i]) continue;
    const k = i - start;
    z[k] = Math.log1p(values[i]!);
    w[k] = weight;
    totalWeight += weight;
    const s = weekSlot[i]!;
    slotWeight[s] = slotWeight[s]! + weight;
    zMean[s] = zMean[s]! + weight * z[k]!;
    for (let c = 0; c < p; c++) xMean[c]![s] = xMean[c]![s]! + weight * columns[c]![i]!;
  }
  for (let s = 0; s < slotsPerWeek; s++) {
    if (slotWeight[s] === 0) continue;
    zMean[s] = zMean[s]! / slotWeight[s]!;
    for (let c = 0; c < p; c++) xMean[c]![s] = xMean[c]![s]! / slotWeight[s]!;
  }
  // Slot effects as fixed effects (Frisch-Waugh-Lovell): regress the within-slot deviations of
  // log1p(y) on those of the columns, then the slot effect is what the columns leave of its mean.
  const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  const x = new Float64Array(p);
  for (let i = start; i < origin; i++) {
    const wi = w[i - start]!;
    if (wi === 0) continue;
    const s = weekSlot[i]!;
    const r = z[i - start]! - zMean[s]!;
    for (let c = 0; c < p; c++) x[c] = columns[c]![i]! - xMean[c]![s]!;
    for (let c = 0; c < p; c++) {
      const xc = x[c]!;
      if (xc === 0) continue;
      b[c] = b[c]! + wi * xc * r;
      for (let d = c; d < p; d++) a[c]![d] = a[c]![d]! + wi * xc * x[d]!;
    }
  }
  for (let c = 0; c < p; c++) {
    for (let d = 0; d < c; d++) a[c]![d] = a[d]![c]!;
    a[c]![c] = a[c]![c]! * (1 + RIDGE) + 1e-12 * totalWeight;
  }
  const beta = solve(a, b);
  const variance = shrinkEventEffects(input, start, origin, w, z, zMean, xMean, columns, beta);
  const slot = new Float64Array(slotsPerWeek);
  for (let s = 0; s < slotsPerWeek; s++) {
    let v = zMean[s]!;
    for (let c = 0; c < p; c++) v -= beta[c]! * xMean[c]![s]!;
    slot[s] = slotWeight[s]! > 0 ? v : 0;
  }
  // Duan's smearing: exp of a mean of logs is a median; the mean of exp(residual) puts the mean back.
  let smearSum = 0;
  for (let i = start; i < origin; i++) {
    const wi = w[i - start]!;
    if (wi === 0) continue;
    let e = z[i - start]! - slot[weekSlot[i]!]!;
    for (let c = 0; c < p; c++) e -= beta[c]! * columns[c]![i]!;
    smearSum += wi * Math.exp(e);
  }
  return { slot, beta, columns, names, variance, smear: totalWeight > 0 ? smearSum / totalWeight : 1 };
}

/**
 * A promotion day seen once in history is one noisy day: each event coefficient is shrunk toward 0
 * by the positive-part James-Stein factor 1 - var/beta^2, with var the day-to-day variance of the
 * residuals over the days the event covers. Strong effects stay; a day of noise mostly goes.
 * Returns each coefficient's uncertainty: that variance plus the square of what the shrinking took.
 */
function shrinkEventEffects(input: ModelInput, start: number, origin: number, w: Float64Array, z: Float64Array,
  zMean: Float64Array, xMean: Float64Array[], columns: Float64Array[], beta: number[]): number[] {
  const { weekSlot, dayIndex } = input.calendar;
  const p = columns.length;
  const dayError = new Map<number, { sum: number; weight: number }>();
  for (let i = start; i < origin; i++) {
    const wi = w[i - start]!;
    if (wi === 0) continue;
    const s = weekSlot[i]!;
    let e = z[i - start]! - zMean[s]!;
    for (let c = 0; c < p; c++) e -= beta[c]! * (columns[c]![i]! - xMean[c]![s]!);
    const day = dayError.get(dayIndex[i]!) ?? { sum: 0, weight: 0 };
    day.sum += wi * e;
    day.weight += wi;
    dayError.set(dayIndex[i]!, day);
  }
  let squares = 0;
  let weight = 0;
  for (const d of dayError.values()) {
    squares += d.weight * (d.sum / d.weight) ** 2;
    weight += d.weight;
  }
  const dayVariance = weight > 0 ? squares / weight : 0;
  const uncertainty = new Array<number>(p).fill(0);
  for (let c = 1; c < p; c++) {
    const days = new Set<number>();
    for (let i = start; i < origin; i++) if (w[i - start]! > 0 && columns[c]![i] !== 0) days.add(dayIndex[i]!);
    const variance = dayVariance / Math.max(1, days.size);
    const b2 = beta[c]! * beta[c]!;
    const raw = beta[c]!;
    beta[c] = b2 > 0 ? raw * Math.max(0, 1 - variance / b2) : 0;
    uncertainty[c] = variance + (raw - beta[c]!) ** 2;
  }
  return uncertainty;
}

/**
 * Multiplicative effect of the calendar events (holidays, promotion days) on every period, as
 * the regression fitted before `origin` sees it; null when no event occurs in that history. Lets
 * the smoothing models forecast a promotion they cannot learn from their own states.
 */
export function eventMultipliers(input: ModelInput, origin: number): Float64Array | null {
  const f = fit(input, origin);
  const events = f.names.map((name, k) => (name === 'trend' ? -1 : k)).filter((k) => k >= 0);
  if (events.length === 0) return null;
  const m = new Float64Array(input.values.length).fill(1);
  for (const k of events) {
    const column = f.columns[k]!;
    const factor = Math.exp(f.beta[k]!);
    for (let i = 0; i < m.length; i++) if (column[i] !== 0) m[i] = m[i]! * factor;
  }
  return m;
}

/**
 * Per period, the variance on the log scale of the event effects it carries (0 on ordinary days),
 * as fitted before `origin`; null when no event occurs in that history. Widens event-day bands.
 */
export function eventLogVariance(input: ModelInput, origin: number): Float64Array | null {
  if (input.features.columns.length === 0) return null;
  const f = fit(input, origin);
  if (!f.names.some((name) => name !== 'trend')) return null;
  const v = new Float64Array(input.values.length);
  f.names.forEach((name, k) => {
    if (name === 'trend') return;
    const column = f.columns[k]!;
    for (let i = 0; i < v.length; i++) if (column[i] !== 0) v[i] = v[i]! + f.variance[k]!;
  });
  return v;
}

export const calendarRegression: ForecastModel = {
  name: 'calendar-regression',
  usesEvents: true,
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun {
    const { open, calendar, values } = input;
    let last: Fit | null = null;
    const forecasts = origins.map((o) => {
      const f = fit(input, o);
      last = f;
      const out = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        const j = o + h;
        if (j >= values.length || !open[j]) continue;
        let z = f.slot[calendar.weekSlot[j]!]!;
        for (let k = 0; k < f.beta.length; k++) z += f.beta[k]! * f.columns[k]![j]!;
        out[h] = Math.max(0, Math.exp(z) * f.smear - 1);
      }
      return out;
    });
    const fitted = last as Fit | null;
    const effects = fitted === null ? [] : fitted.names.map((name, k) => regressionEffect(name, round3(fitted.beta[k]!)));
    return { forecasts, note: { id: 'calendar-regression', effects, smearing: fitted === null ? null : round3(fitted.smear) } };
  },
};
