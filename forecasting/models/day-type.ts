// Benchmark "day-type" model: a forecast of each day's total (the last 7 open days' level, with
// weekday factors from the last 8 weeks) times that weekday's intraday profile (share of the day's
// arrivals per time of day, over the same 8 weeks). Daily series: the day's total alone. Holiday
// and promotion days are left out of the history, as flagged and closed ones.
import { ordinaryOpen } from './calendar-features.ts';
import type { ForecastModel, ModelInput, ModelRun } from './model.ts';

/** Weeks the weekday factors and intraday profiles are averaged over. */
const PROFILE_WEEKS = 8;
/** Open days whose (de-seasonalised) totals make the level. */
const LEVEL_DAYS = 7;

interface DayTotal { weekday: number; total: number }

/** Usable days of [start, origin), latest first, with their weekday and total arrivals. */
function dayTotals(input: ModelInput, usable: Uint8Array, start: number, origin: number): DayTotal[] {
  const { values, calendar } = input;
  const days: DayTotal[] = [];
  let current = Number.NaN;
  for (let i = origin - 1; i >= start; i--) {
    if (!usable[i]) continue;
    if (calendar.dayIndex[i] !== current) {
      current = calendar.dayIndex[i]!;
      days.push({ weekday: Math.floor(calendar.weekSlot[i]! / calendar.slotsPerDay), total: 0 });
    }
    days[days.length - 1]!.total += values[i]!;
  }
  return days;
}

export const dayType: ForecastModel = {
  name: 'day-type',
  usesEvents: false,
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun {
    const { values, open, calendar } = input;
    const { slotsPerDay, slotsPerWeek, weekSlot } = calendar;
    const periodsPerWeek = input.intervalMinutes >= 1440 ? 7 : slotsPerWeek;
    const usable = ordinaryOpen(input);
    const forecasts = origins.map((o) => {
      const start = Math.max(0, o - PROFILE_WEEKS * periodsPerWeek);
      const days = dayTotals(input, usable, start, o);
      const out = new Float64Array(horizon);
      if (days.length === 0) return out;
      const weekdaySum = new Float64Array(7);
      const weekdayDays = new Int32Array(7);
      for (const d of days) { weekdaySum[d.weekday] = weekdaySum[d.weekday]! + d.total; weekdayDays[d.weekday] = weekdayDays[d.weekday]! + 1; }
      const grand = days.reduce((s, d) => s + d.total, 0) / days.length;
      const factor = Array.from(weekdaySum, (sum, w) => (weekdayDays[w]! > 0 && grand > 0 ? sum / weekdayDays[w]! / grand : 0));
      const recent = days.slice(0, LEVEL_DAYS).filter((d) => factor[d.weekday]! > 0);
      const level = recent.length > 0 ? recent.reduce((s, d) => s + d.total / factor[d.weekday]!, 0) / recent.length : grand;
      // Intraday profile per weekday: each weekly slot's share of its weekday's arrivals.
      const slotSum = new Float64Array(slotsPerWeek);
      for (let i = start; i < o; i++) if (usable[i]) slotSum[weekSlot[i]!] = slotSum[weekSlot[i]!]! + values[i]!;
      for (let h = 0; h < horizon; h++) {
        const j = o + h;
        if (j >= values.length || !open[j]) continue;
        const w = Math.floor(weekSlot[j]! / slotsPerDay);
        const share = slotsPerDay === 1 ? 1 : weekdaySum[w]! > 0 ? slotSum[weekSlot[j]!]! / weekdaySum[w]! : 1 / slotsPerDay;
        out[h] = level * factor[w]! * share;
      }
      return out;
    });
    return { forecasts, note: { id: 'day-type', levelDays: LEVEL_DAYS, profileWeeks: PROFILE_WEEKS } };
  },
};
