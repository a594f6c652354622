import { describe, expect, it } from 'vitest';
import { forecastErrors } from '../../../forecasting/backtest/forecast-errors.ts';

const H = 3_600_000;

describe('forecastErrors', () => {
  it('groups by day after the origin and computes MAE, WAPE, bias and coverage by hand', () => {
    const origin = 0;
    const rows = [
      { start: 1 * H, p10: 5, p50: 10, p90: 15, actual: 12 },
      { start: 2 * H, p10: 5, p50: 10, p90: 15, actual: 20 },
      { start: 25 * H, p10: 1, p50: 4, p90: 6, actual: 4 },
    ];
    const { byDay, total } = forecastErrors(rows, origin);
    expect(byDay.map((d) => d.day)).toEqual([1, 2]);
    expect(byDay[0]).toEqual({ day: 1, periods: 2, actual: 32, forecast: 20, mae: 6, wape: 12 / 32, bias: -12 / 32, coverage: 0.5 });
    expect(total).toMatchObject({ day: 0, periods: 3, actual: 36, forecast: 24, mae: 4, wape: 12 / 36, coverage: 2 / 3 });
  });
});
