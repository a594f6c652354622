// Seasonal naive (weekly) baseline: each period gets the value of the latest open period with the
// same weekday and time of day before the origin (closed weeks such as holidays are skipped).
import type { ForecastModel, ModelInput, ModelRun } from './model.ts';

/** How far back to look for an open period of the same weekly slot. */
const LOOKBACK_WEEKS = 8;

export const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  usesEvents: false,
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun {
    const { values, open, calendar } = input;
    const { weekSlot, daySlot, slotsPerWeek, slotsPerDay } = calendar;
    const periodsPerWeek = input.intervalMinutes >= 1440 ? 7 : slotsPerWeek;
    const forecasts = origins.map((o) => {
      const byWeekSlot = new Float64Array(slotsPerWeek).fill(Number.NaN);
      const byDaySlot = new Float64Array(slotsPerDay).fill(Number.NaN);
      let filled = 0;
      const stop = Math.max(0, o - LOOKBACK_WEEKS * periodsPerWeek);
      for (let i = o - 1; i >= stop && filled < slotsPerWeek; i--) {
        if (!open[i]) continue;
        const w = weekSlot[i]!;
        if (Number.isNaN(byWeekSlot[w]!)) { byWeekSlot[w] = values[i]!; filled++; }
        const d = daySlot[i]!;
        if (Number.isNaN(byDaySlot[d]!)) byDaySlot[d] = values[i]!;
      }
      const out = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        const j = o + h;
        if (j >= values.length || !open[j]) continue;
        // A slot never seen open (newly opened hours) falls back on the same time of day.
        const v = byWeekSlot[weekSlot[j]!]!;
        out[h] = Number.isNaN(v) ? (Number.isNaN(byDaySlot[daySlot[j]!]!) ? 0 : byDaySlot[daySlot[j]!]!) : v;
      }
      return out;
    });
    return { forecasts, note: { id: 'seasonal-naive' } };
  },
};
