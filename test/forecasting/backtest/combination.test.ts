import { describe, expect, it } from 'vitest';
import { chooseModel, COMBINATION_MARGIN } from '../../../forecasting/backtest/choose-model.ts';
import { chooseMembers, COMBINATION_TOLERANCE, type Member } from '../../../forecasting/backtest/combination.ts';
import { stackingWeights } from '../../../forecasting/backtest/stacking.ts';
import type { BacktestPoint, ModelBacktest, ModelScore } from '../../../forecasting/backtest/rolling-origin.ts';
import type { ModelName, SingleModelName } from '../../../forecasting/models/model.ts';

const score = (model: ModelName, mase: number): ModelScore =>
  ({ model, mase, day1Mase: mase, wape: mase / 3, coverage: 0.8, pinball: 1, periods: 100, note: '' });

/**
 * A backtest whose absolute error is `day1` on the first open day, `later` after it and `event`
 * on the event days (periods 49, 99, ...: step 9 of each origin), over `origins` origins (30: every
 * segment holds at least MIN_SEGMENT_POINTS).
 */
function backtest(model: SingleModelName, day1: number, later: number, event = later, origins = 30): ModelBacktest {
  const points: BacktestPoint[] = [];
  for (let origin = 0; origin < origins; origin++) {
    for (let h = 0; h < 10; h++) {
      const index = origin * 50 + h + (h === 9 ? 40 : 0);
      const error = h === 9 ? event : h < 3 ? day1 : later;
      points.push({ origin, index, bucket: 0, part: 0, day: h < 3 ? 0 : 1, actual: 10 + error, forecast: 10 });
    }
  }
  return { score: score(model, later), forecasts: [], points, samples: [], dispersion: 0, eventDispersion: { holiday: 0, promotion: 0 } };
}

const knows = (m: SingleModelName) => m === 'holt-winters' || m === 'calendar-regression';
const kindOf = (index: number) => (index % 50 === 49 ? 'promotion' as const : null);
const models = (members: Member[]) => members.map((m) => m.model);
const MEAN = 'near-best mean' as const;

describe('the combination', () => {
  it('near-best mean: averages the models within 5% of the best, per horizon segment', () => {
    expect(COMBINATION_TOLERANCE).toBe(0.05);
    const c = chooseMembers([
      backtest('holt-winters', 1, 2.099), backtest('calendar-regression', 1.3, 2), backtest('day-type', 1.04, 2.09), backtest('seasonal-naive', 3, 4),
    ], kindOf, knows, -1, MEAN);
    // Day 1: holt-winters 1, day-type 1.04 (4% worse); regression is 30% worse.
    expect(models(c.day1)).toEqual(['holt-winters', 'day-type']);
    expect(c.day1.map((m) => m.weight)).toEqual([0.5, 0.5]);
    // From day 2: regression 2, day-type 2.09, holt-winters 2.099 (just under 5% worse).
    expect(models(c.later)).toEqual(['holt-winters', 'calendar-regression', 'day-type']);
  });

  it('stacking weighs models by what they add: two opposite biases cancel, a model that only adds error gets no weight', () => {
    // y = 10 + noise; one model 2 too high, the other 2 too low, a third forecasts 0.
    const actual = Array.from({ length: 200 }, (_, i) => 10 + Math.sin(i));
    const high = actual.map((y) => y + 2);
    const low = actual.map((y) => y - 2);
    const zero = actual.map(() => 0);
    const w = stackingWeights(actual, [high, low, zero]);
    expect(w[0]).toBeCloseTo(0.5, 6);
    expect(w[1]).toBeCloseTo(0.5, 6);
    expect(w[2]).toBeCloseTo(0, 6);
    // The best model alone when the others only add error; weights stay non-negative and sum to 1.
    const noisy = actual.map((y, i) => y + (i % 2 === 0 ? 3 : -3));
    const alone = stackingWeights(actual, [noisy, actual, actual.map((y) => y + 5)]);
    expect(alone[1]).toBeCloseTo(1, 6);
    expect(alone.every((x) => x >= 0)).toBe(true);
    expect(alone.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('stacks ordinary days only with enough backtest points per weight, else takes the near-best mean', () => {
    // 2 origins x 9 ordinary steps: 18 points, far below 50 per model.
    const few = [backtest('holt-winters', 1, 2, 2, 2), backtest('calendar-regression', 1.5, 3, 3, 2)];
    const c = chooseMembers(few, kindOf, knows);
    expect(c.weighting).toBe('near-best mean');
    expect(models(c.later)).toEqual(['holt-winters']);
  });

  it('lets a segment too thin to judge take the members of every ordinary day, not a lucky benchmark', () => {
    // 4 origins: 12 day-1 points, where the benchmark leads; overall holt-winters is far better.
    const c = chooseMembers([
      backtest('holt-winters', 1.2, 1, 1, 4), backtest('weekday-slot-mean', 1, 3, 3, 4), backtest('calendar-regression', 2, 2, 5, 4),
    ], kindOf, knows, -1, MEAN);
    expect(models(c.day1)).toEqual(['holt-winters']);
    expect(models(c.later)).toEqual(['holt-winters']);
    // 4 event points are no evidence (holt-winters led on them): the regression that estimates the effects.
    expect(models(c.promotions)).toEqual(['calendar-regression']);
  });

  it('forecasts event days only with models that know the calendar', () => {
    const c = chooseMembers([
      backtest('holt-winters', 1, 2, 20), backtest('calendar-regression', 1, 2, 9), backtest('weekday-slot-mean', 1, 2, 1),
    ], kindOf, knows);
    // The benchmark's lucky event day does not count: regression leads among the models that know events.
    expect(models(c.promotions)).toEqual(['calendar-regression']);
    // No holiday in the backtest: the regression, which estimates every event effect, forecasts them.
    expect(models(c.holidays)).toEqual(['calendar-regression']);
  });

  it('judges each origin on the other origins only', () => {
    const a = backtest('holt-winters', 1, 2);
    const b = backtest('calendar-regression', 1, 2);
    b.points.filter((p) => p.origin === 0).forEach((p) => { p.actual += 100; });
    expect(models(chooseMembers([a, b], kindOf, knows, -1, MEAN).later)).toEqual(['holt-winters']);
    expect(models(chooseMembers([a, b], kindOf, knows, 0, MEAN).later)).toEqual(['holt-winters', 'calendar-regression']);
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
