// The combination's ordinary-day members when nothing before an origin was an ordinary day (the
// default demo's first backtest week is National Day): never none, whose forecast is 0 everywhere.
import { describe, expect, it } from 'vitest';
import { chooseMembers } from '../../../forecasting/backtest/combination.ts';
import type { BacktestPoint, ModelBacktest } from '../../../forecasting/backtest/rolling-origin.ts';
import type { SingleModelName } from '../../../forecasting/models/model.ts';

/** 40 points before period 100 and 40 after, each with absolute error `error`. */
function backtest(model: SingleModelName, error: number): ModelBacktest {
  const points: BacktestPoint[] = Array.from({ length: 80 }, (_, k) => {
    const index = k < 40 ? 60 + k : 100 + k;
    return { origin: k < 40 ? 0 : 1, index, bucket: 0, part: 0, day: k % 2, actual: 50 + error, forecast: 50 };
  });
  return {
    score: { model, mase: error, day1Mase: error, wape: error, eventMase: Number.NaN, coverage: 0.8, pinball: 1, periods: points.length, note: null },
    forecasts: [], points, samples: [], dispersion: 0, eventDispersion: { holiday: 0, promotion: 0 },
  };
}

const singles = [backtest('holt-winters', 3), backtest('calendar-regression', 1), backtest('weekday-slot-mean', 2)];
const knows = (m: SingleModelName) => m === 'holt-winters' || m === 'calendar-regression';
const names = (ms: readonly { model: string }[]) => ms.map((m) => m.model);

describe('combination members before an origin with no ordinary day behind it', () => {
  it('are the best two on every day before it, holidays included', () => {
    const allHolidaysBefore100 = (index: number) => (index < 100 ? 'holiday' as const : null);
    const c = chooseMembers(singles, allHolidaysBefore100, knows, 100);
    expect(names(c.day1)).toEqual(['calendar-regression', 'weekday-slot-mean']);
    expect(names(c.later)).toEqual(['calendar-regression', 'weekday-slot-mean']);
  });

  it('are every model, equally weighted, when nothing at all came before it', () => {
    const c = chooseMembers(singles, () => null, knows, 0);
    expect(names(c.later)).toEqual(['holt-winters', 'calendar-regression', 'weekday-slot-mean']);
    expect(c.later.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
  });
});
