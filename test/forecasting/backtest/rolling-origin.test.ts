import { describe, expect, it } from 'vitest';
import { backtestModel, planBacktest } from '../../../forecasting/backtest/rolling-origin.ts';
import { seasonalNaive } from '../../../forecasting/models/seasonal-naive.ts';
import { NO_FEATURES } from '../../../forecasting/models/calendar-features.ts';
import type { ModelInput } from '../../../forecasting/models/model.ts';

describe('rolling-origin backtests', () => {
  it('gives 8 origins of the full horizon whenever the history holds them: 35 days for 14 days ahead', () => {
    // Hourly, 14 days ahead, 2 weeks of training: a week apart needed 11 weeks; 8.5 weeks gave 5.
    const week = 168;
    expect(planBacktest(Math.round(8.5 * week), 14 * 24, week, 2 * week, 8).origins).toHaveLength(8);
    const plan = planBacktest(35 * 24, 14 * 24, week, 2 * week, 8);
    expect(plan).toEqual({ origins: Array.from({ length: 8 }, (_, k) => 2 * week + k * 24), horizon: 14 * 24 });
    // A day less and 8 whole-day origins no longer fit: 7.
    expect(planBacktest(34 * 24, 14 * 24, week, 2 * week, 8).origins).toHaveLength(7);
    // Room for 8 a week apart: a week apart, as before.
    const long = planBacktest(20 * week, 14 * 24, week, 2 * week, 8);
    expect(long.origins[1]! - long.origins[0]!).toBe(week);
  });

  it('plans origins one week apart, the last leaving exactly the horizon', () => {
    expect(planBacktest(100, 14, 7, 14)).toEqual({ origins: [65, 72, 79, 86], horizon: 14 });
    // A one-day horizon: origins a day apart over two weeks, so every weekday is tested.
    expect(planBacktest(100, 1, 7, 14).origins).toEqual(Array.from({ length: 14 }, (_, k) => 86 + k));
    // Hourly, a two-day horizon: 7 origins two days apart.
    expect(planBacktest(5000, 48, 168, 336)).toEqual({ origins: [4616, 4664, 4712, 4760, 4808, 4856, 4904, 4952].slice(1), horizon: 48 });
    // Short history: origins closer (whole days apart), then fewer, then a shorter horizon, then none.
    expect(planBacktest(30, 14, 7, 14)).toEqual({ origins: [14, 15, 16], horizon: 14 });
    expect(planBacktest(20, 14, 7, 14)).toEqual({ origins: [14], horizon: 6 });
    expect(planBacktest(14, 14, 7, 14)).toEqual({ origins: [], horizon: 0 });
  });

  it('scores the seasonal naive model on a series that repeats exactly with MASE 0', () => {
    // Daily series, weekly pattern repeated 6 weeks.
    const week = [5, 9, 8, 7, 6, 2, 1];
    const n = 42;
    const dayIndex = Int32Array.from({ length: n }, (_, i) => 20457 + i); // 2026-01-05 is a Monday
    const weekSlot = Int32Array.from({ length: n }, (_, i) => i % 7);
    const input: ModelInput = {
      values: Float64Array.from({ length: n }, (_, i) => week[i % 7]!),
      open: new Uint8Array(n).fill(1),
      calendar: { slotsPerDay: 1, slotsPerWeek: 7, daySlot: new Int32Array(n), weekSlot, dayIndex },
      intervalMinutes: 1440,
      features: NO_FEATURES,
    };
    // An in-sample scale needs some variation: change one week.
    input.values[3] = 10;
    const { score, samples } = backtestModel(seasonalNaive, input, planBacktest(n, 14, 7, 14));
    expect(score.mase).toBe(0);
    expect(score.wape).toBe(0);
    expect(score.coverage).toBe(1);
    expect(score.periods).toBe(4 * 14); // origins 16, 20, 24, 28: four days apart, as 6 weeks hold no 4 a week apart
    expect(samples.every((s) => s.z === 0)).toBe(true);
  });
});
