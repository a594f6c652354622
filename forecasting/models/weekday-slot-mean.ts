// Benchmark: each period gets the mean of its weekday x time-of-day slot over the last 4 open
// weeks before the origin (closed, flagged, holiday and promotion days skipped), a smoother
// seasonal naive.
import { ordinaryOpen } from './calendar-features.ts';
import type { ForecastModel, ModelInput, ModelRun } from './model.ts';

/** Open occurrences of a slot averaged. */
export const SLOT_MEAN_WEEKS = 4;
/** How far back to look for them, so a slot closed for months does not reach a year back. */
const LOOKBACK_WEEKS = 12;

export const weekdaySlotMean: ForecastModel = {
  name: 'weekday-slot-mean',
  usesEvents: false,
  forecast(input: ModelInput, origins: readonly number[], horizon: number): ModelRun {
    const { values, open, calendar } = input;
    const { weekSlot, daySlot, slotsPerWeek, slotsPerDay } = calendar;
    const periodsPerWeek = input.intervalMinutes >= 1440 ? 7 : slotsPerWeek;
    const usable = ordinaryOpen(input);
    const forecasts = origins.map((o) => {
      const weekSum = new Float64Array(slotsPerWeek);
      const weekCount = new Int32Array(slotsPerWeek);
      const daySum = new Float64Array(slotsPerDay);
      const dayCount = new Int32Array(slotsPerDay);
      const stop = Math.max(0, o - LOOKBACK_WEEKS * periodsPerWeek);
      for (let i = o - 1; i >= stop; i--) {
        if (!usable[i]) continue;
        const w = weekSlot[i]!;
        if (weekCount[w]! >= SLOT_MEAN_WEEKS) continue;
        weekSum[w] = weekSum[w]! + values[i]!;
        weekCount[w] = weekCount[w]! + 1;
        daySum[daySlot[i]!] = daySum[daySlot[i]!]! + values[i]!;
        dayCount[daySlot[i]!] = dayCount[daySlot[i]!]! + 1;
      }
      const out = new Float64Array(horizon);
      for (let h = 0; h < horizon; h++) {
        const j = o + h;
        if (j >= values.length || !open[j]) continue;
        const w = weekSlot[j]!;
        const d = daySlot[j]!;
        // A slot never seen open (newly opened hours) falls back on the same time of day.
        out[h] = weekCount[w]! > 0 ? weekSum[w]! / weekCount[w]! : dayCount[d]! > 0 ? daySum[d]! / dayCount[d]! : 0;
      }
      return out;
    });
    return { forecasts, note: { id: 'weekday-slot-mean', weeks: SLOT_MEAN_WEEKS } };
  },
};
