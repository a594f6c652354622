import { describe, expect, it } from 'vitest';
import { coverage, dailyScaledErrors, mase, maseScale, meanAbsoluteError, pointAccuracy, seasonalNaiveScale, wape } from '../../../forecasting/backtest/metrics.ts';
import { scoreBacktest } from '../../../forecasting/backtest/rolling-origin.ts';
import { calendarFeatures } from '../../../forecasting/models/calendar-features.ts';
import type { ModelInput } from '../../../forecasting/models/model.ts';
import { describePeriods } from '../../../forecasting/series/series.ts';

describe('accuracy metrics on hand-computed arrays', () => {
  it('scales MASE by the in-sample seasonal naive MAE over open periods', () => {
    // Season of 3 slots: naive errors |11-10| + |14-12| + |9-8| = 4 over 3 pairs.
    const values = [10, 12, 8, 11, 14, 9];
    const slots = Int32Array.from([0, 1, 2, 0, 1, 2]);
    expect(seasonalNaiveScale(values, [1, 1, 1, 1, 1, 1], slots, 3)).toBeCloseTo(4 / 3, 12);
    // Forecast errors 2 and 3: MAE 2.5, MASE 2.5 / (4/3).
    expect(mase([10, 20], [12, 17], 4 / 3)).toBeCloseTo(1.875, 12);
  });

  it('skips closed periods when scaling: the pair is the previous open period of the same slot', () => {
    // Slot 0 at indices 0, 2 (closed, 99 ignored), 4: the pair is (10, 13) -> 3; slot 1: (5, 7) -> 2.
    const values = [10, 5, 99, 6, 13, 7];
    const open = [true, true, false, false, true, true];
    const slots = Int32Array.from([0, 1, 0, 1, 0, 1]);
    expect(seasonalNaiveScale(values, open, slots, 2)).toBeCloseTo(2.5, 12);
    // Only the first `end` periods are in-sample.
    expect(seasonalNaiveScale(values, open, slots, 2, 5)).toBeCloseTo(3, 12);
  });

  it('computes WAPE, MAE and the p10-p90 coverage', () => {
    expect(wape([10, 20], [12, 17])).toBeCloseTo(5 / 30, 12);
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBeCloseTo(1, 12);
    // 10 in [9, 11], 20 not in [21, 25], 30 in [25, 30] (bounds included).
    expect(coverage([10, 20, 30], [9, 21, 25], [11, 25, 30])).toBeCloseTo(2 / 3, 12);
  });

  it('is undefined (NaN) where the scale or the total is zero', () => {
    expect(mase([1], [2], 0)).toBeNaN();
    expect(wape([0, 0], [1, 2])).toBeNaN();
    expect(seasonalNaiveScale([1, 2], [1, 1], Int32Array.from([0, 1]), 2)).toBeNaN();
  });
});

describe('one MASE for backtests, holdouts and the bench: ordinary days, event days apart', () => {
  // Three weeks of daily arrivals from Monday 2026-11-02 in Shanghai; `holiday` is a holiday (it and
  // the two days after it are event days).
  const days = (values: number[], holiday: string): ModelInput => {
    const times = values.map((_, k) => Date.parse('2026-11-02T00:00:00+08:00') + k * 86_400_000);
    const calendar = describePeriods(times, 'Asia/Shanghai', 1440);
    return {
      values: Float64Array.from(values), open: new Uint8Array(values.length).fill(1), calendar, intervalMinutes: 1440,
      features: calendarFeatures(calendar.dayIndex, { holidays: [holiday], promotions: [] }),
    };
  };
  const week = (...v: number[]) => v;

  it('scales by the seasonal naive in-sample on ordinary days only: a surge in the history does not shrink every error', () => {
    // Thu 11-12 holiday: 11-12, 11-13, 11-14 (50, 40, 30) are event days.
    const input = days([...week(10, 10, 10, 10, 10, 10, 10), ...week(12, 12, 12, 50, 40, 30, 12), ...week(11, 11, 11, 11, 11, 11, 11)], '2026-11-12');
    // Mon, Tue, Wed, Sun: |12-10| + |11-12| = 3 each over 2 pairs; Thu, Fri, Sat skip week 2: |11-10| = 1 over 1 pair.
    expect(maseScale(input, 21)).toBeCloseTo(15 / 11, 12);
    // With the event days in, the same history's scale: 4 x 3 + (40+39) + (30+29) + (20+19) = 189 over 14 pairs.
    expect(seasonalNaiveScale(input.values, input.open, input.calendar.weekSlot, 7, 21)).toBeCloseTo(13.5, 12);
  });

  it('scores MASE, day-1 MASE and WAPE on ordinary days, event days as their own MASE on the same scale', () => {
    const periods = [
      { index: 0, day: 0, actual: 10, forecast: 12 },
      { index: 1, day: 1, actual: 20, forecast: 17 },
      { index: 2, day: 2, actual: 50, forecast: 20 },
    ];
    const a = pointAccuracy(periods, 2, (i) => i === 2);
    expect(a.mase).toBeCloseTo(2.5 / 2, 12);
    expect(a.day1Mase).toBeCloseTo(1, 12);
    expect(a.wape).toBeCloseTo(5 / 30, 12);
    expect(a.eventMase).toBeCloseTo(15, 12);
    // No event day scored: not available (NaN, null once stored), never 0.
    expect(pointAccuracy(periods.slice(0, 2), 2, () => false).eventMase).toBeNaN();
  });

  it('sums the scaled absolute errors per day on the days MASE judges (the Diebold-Mariano loss)', () => {
    // Day 0: |10-12| + |20-17| = 5; day 1: |8-8| + |4-5| = 1; day 2 is an event (left out). Scale 2.
    const periods = [
      { index: 0, day: 0, actual: 10, forecast: 12 }, { index: 1, day: 0, actual: 20, forecast: 17 },
      { index: 2, day: 1, actual: 8, forecast: 8 }, { index: 3, day: 1, actual: 4, forecast: 5 },
      { index: 4, day: 2, actual: 50, forecast: 20 },
    ];
    expect(dailyScaledErrors(periods, 2, (i) => i === 4)).toEqual([2.5, 0.5]);
    // Every day an event: every day judged, as MASE does.
    expect(dailyScaledErrors(periods, 2, () => true)).toEqual([2.5, 0.5, 15]);
  });

  it('judges every day where no day is ordinary (events so close that the days around them meet), never not available', () => {
    // Holidays every third day from Monday 11-02: each and the two days after it are event days, so all 14 are.
    const input = days([10, 11, 12, 13, 14, 15, 16, 12, 11, 15, 13, 18, 15, 19], '2026-11-02');
    const holidays = ['2026-11-02', '2026-11-05', '2026-11-08', '2026-11-11', '2026-11-14'];
    const allEvents = { ...input, features: calendarFeatures(input.calendar.dayIndex, { holidays, promotions: [] }) };
    // Week-on-week pairs: |12-10| + |11-11| + |15-12| + |13-13| + |18-14| + |15-15| + |19-16| = 12 over 7.
    expect(maseScale(allEvents, 14)).toBeCloseTo(12 / 7, 12);
    const periods = [{ index: 0, day: 0, actual: 10, forecast: 12 }, { index: 1, day: 1, actual: 20, forecast: 17 }];
    const a = pointAccuracy(periods, 2, () => true);
    expect([a.mase, a.day1Mase, a.wape, a.eventMase]).toEqual([2.5 / 2, 1, 5 / 30, 2.5 / 2]);
  });

  it('a backtest whose window holds an unforeseen holiday reads 0.63 on ordinary days, not 4.2 pooled', () => {
    // Weeks 1-2 at 10 then 12 (scale |12-10| = 2); week 3 forecast flat at 12 from Monday 11-16; Thu 11-19 a holiday.
    const input = days([...week(10, 10, 10, 10, 10, 10, 10), ...week(12, 12, 12, 12, 12, 12, 12), ...week(11, 13, 12, 40, 30, 20, 15)], '2026-11-19');
    const { score } = scoreBacktest('seasonal-naive', [new Float64Array(7).fill(12)], null, input, { origins: [14], horizon: 7 });
    // Ordinary Mon, Tue, Wed, Sun: errors 1, 1, 0, 3 -> MAE 1.25 / 2; day 1 is Monday: 1 / 2.
    expect(score.mase).toBeCloseTo(0.625, 12);
    expect(score.day1Mase).toBeCloseTo(0.5, 12);
    expect(score.wape).toBeCloseTo(5 / 51, 12);
    // Thu, Fri, Sat: 28, 18, 8 -> MAE 18 / 2. Pooled, the week would read (5 + 54) / 7 / 2 = 4.21.
    expect(score.eventMase).toBeCloseTo(9, 12);
    expect(score.periods).toBe(7);
  });
});
