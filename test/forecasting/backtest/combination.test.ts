import { describe, expect, it } from 'vitest';
import { chooseModel, COMBINATION_MARGIN } from '../../../forecasting/backtest/choose-model.ts';
import { chooseMembers, COMBINATION_TOLERANCE } from '../../../forecasting/backtest/combination.ts';
import type { BacktestPoint, ModelBacktest, ModelScore } from '../../../forecasting/backtest/rolling-origin.ts';
import type { ModelName, SingleModelName } from '../../../forecasting/models/model.ts';

const score = (model: ModelName, mase: number): ModelScore =>
  ({ model, mase, day1Mase: mase, wape: mase / 3, coverage: 0.8, pinball: 1, periods: 100, note: '' });

/**
 * A backtest whose absolute error is `day1` on the first open day, `later` after it and `event`
 * on period 99 (the event day), over two origins.
 */
function backtest(model: SingleModelName, day1: number, later: number, event = later): ModelBacktest {
  const points: BacktestPoint[] = [];
  for (const origin of [0, 1]) {
    for (let h = 0; h < 10; h++) {
      const index = origin * 50 + h + (h === 9 ? 40 : 0); // step 9 is period 49 or 99
      const error = index === 99 ? event : h < 3 ? day1 : later;
      points.push({ origin, index, bucket: 0, part: 0, day: h < 3 ? 0 : 1, actual: 10 + error, forecast: 10 });
    }
  }
  return { score: score(model, later), forecasts: [], points, samples: [], dispersion: 0, eventDispersion: 0 };
}

const knows = (m: SingleModelName) => m === 'holt-winters' || m === 'calendar-regression';
const kindOf = (index: number) => (index === 99 ? 'promotion' as const : null);

describe('the combination', () => {
  it('averages the models within 5% of the best, per horizon segment', () => {
    expect(COMBINATION_TOLERANCE).toBe(0.05);
    const c = chooseMembers([
      backtest('holt-winters', 1, 2.099), backtest('calendar-regression', 1.3, 2), backtest('day-type', 1.04, 2.09), backtest('seasonal-naive', 3, 4),
    ], kindOf, knows);
    // Day 1: holt-winters 1, day-type 1.04 (4% worse); regression is 30% worse.
    expect(c.day1).toEqual(['holt-winters', 'day-type']);
    // From day 2: regression 2, day-type 2.09, holt-winters 2.099 (just under 5% worse).
    expect(c.later).toEqual(['holt-winters', 'calendar-regression', 'day-type']);
  });

  it('forecasts event days only with models that know the calendar', () => {
    const c = chooseMembers([
      backtest('holt-winters', 1, 2, 20), backtest('calendar-regression', 1, 2, 9), backtest('weekday-slot-mean', 1, 2, 1),
    ], kindOf, knows);
    // The benchmark's lucky event day does not count: regression leads among the models that know events.
    expect(c.promotions).toEqual(['calendar-regression']);
    // No holiday in the backtest: the regression, which estimates every event effect, forecasts them.
    expect(c.holidays).toEqual(['calendar-regression']);
  });

  it('judges each origin on the other origins only', () => {
    const a = backtest('holt-winters', 1, 2);
    const b = backtest('calendar-regression', 1, 2);
    b.points.filter((p) => p.origin === 0).forEach((p) => { p.actual += 100; });
    expect(chooseMembers([a, b], kindOf, knows).later).toEqual(['holt-winters']);
    expect(chooseMembers([a, b], kindOf, knows, 0).later).toEqual(['holt-winters', 'calendar-regression']);
  });

  it('is chosen unless a single model beats it by more than the margin', () => {
    expect(COMBINATION_MARGIN).toBe(0.03);
    const near = chooseModel([score('holt-winters', 0.79), score('combination', 0.8), score('seasonal-naive', 1)]);
    expect(near.chosen.model).toBe('combination');
    expect(near.explanation).toMatch(/^combination chosen: MASE 0.80 vs seasonal naive 1.00 \(holt-winters 0.79\)/);
    const clear = chooseModel([score('holt-winters', 0.7), score('combination', 0.8), score('seasonal-naive', 1)]);
    expect(clear.chosen.model).toBe('holt-winters');
  });
});
