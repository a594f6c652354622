import { describe, expect, it } from 'vitest';
import { chooseModel, COMBINATION_MARGIN } from '../../../forecasting/backtest/choose-model.ts';
import { backtestCombination, chooseMembers, combineForecasts, COMBINATION_TOLERANCE, type Member } from '../../../forecasting/backtest/combination.ts';
import { eventKinds } from '../../../forecasting/backtest/event-days.ts';
import type { BacktestPoint, ModelBacktest, ModelScore } from '../../../forecasting/backtest/rolling-origin.ts';
import { backtestModels, bandContext, buildModelInput, MODELS } from '../../../forecasting/forecast-series.ts';
import type { ModelName, SingleModelName } from '../../../forecasting/models/model.ts';
import { syntheticSeries } from '../fixtures/synthetic-series.ts';

const score = (model: ModelName, mase: number): ModelScore =>
  ({ model, mase, day1Mase: mase, wape: mase / 3, eventMase: Number.NaN, coverage: 0.8, pinball: 1, periods: 100, note: null });

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
const SYNTHETIC = syntheticSeries({ start: '2026-01-05', days: 84, intervalMinutes: 60, zone: 'Asia/Shanghai', seed: 5, peakPerHour: 20,
  openHours: [8, 22], promotions: ['2026-02-20'] });

describe('the combination', () => {
  it('averages the two models with the lowest backtest error on ordinary days, per horizon segment, benchmarks included', () => {
    const c = chooseMembers([
      backtest('holt-winters', 1, 2.3), backtest('calendar-regression', 1.3, 2), backtest('day-type', 1.04, 2.09), backtest('seasonal-naive', 3, 4),
    ], kindOf, knows);
    // Day 1: holt-winters 1, day-type 1.04; from day 2: regression 2, day-type 2.09 (holt-winters 15% worse stays out).
    expect(models(c.day1)).toEqual(['holt-winters', 'day-type']);
    expect(models(c.later)).toEqual(['calendar-regression', 'day-type']);
    expect([...c.day1, ...c.later].map((m) => m.weight)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('lets a segment too thin to judge take the members of every ordinary day, not a lucky benchmark', () => {
    // 4 origins: 12 day-1 points, where the benchmark leads; over every ordinary day holt-winters and the regression are far better.
    const c = chooseMembers([
      backtest('holt-winters', 1.2, 1, 1, 4), backtest('weekday-slot-mean', 1, 3, 3, 4), backtest('calendar-regression', 2, 2, 5, 4),
    ], kindOf, knows);
    expect(models(c.day1)).toEqual(['holt-winters', 'calendar-regression']);
    expect(models(c.later)).toEqual(['holt-winters', 'calendar-regression']);
    // 4 event points are no evidence (holt-winters led on them): the regression that estimates the effects.
    expect(models(c.promotions)).toEqual(['calendar-regression']);
  });

  it('forecasts event days only with models that know the calendar, those within 5% of the best', () => {
    expect(COMBINATION_TOLERANCE).toBe(0.05);
    const c = chooseMembers([
      backtest('holt-winters', 1, 2, 9.4), backtest('calendar-regression', 1, 2, 9), backtest('weekday-slot-mean', 1, 2, 1),
    ], kindOf, knows);
    // The benchmark's lucky event days do not count; holt-winters is 4% behind the regression on them.
    expect(models(c.promotions)).toEqual(['calendar-regression', 'holt-winters']);
    // No holiday in the backtest: the regression, which estimates every event effect, forecasts them.
    expect(models(c.holidays)).toEqual(['calendar-regression']);
  });

  it('chooses members on the backtest points before the period it forecasts from', () => {
    const hw = backtest('holt-winters', 2, 2);
    const regression = backtest('calendar-regression', 2, 2);
    const dayType = backtest('day-type', 2.5, 2.5);
    // From period 250 (origin 5) on the regression misses by 100.
    regression.points.filter((p) => p.index >= 250).forEach((p) => { p.actual += 100; });
    expect(models(chooseMembers([hw, regression, dayType], kindOf, knows).later)).toEqual(['holt-winters', 'day-type']);
    expect(models(chooseMembers([hw, regression, dayType], kindOf, knows, 250).later)).toEqual(['holt-winters', 'calendar-regression']);
  });

  it('backtests each origin with members chosen on what came before it: later actuals change nothing', () => {
    // 14 days ahead from origins a week apart: each window overlaps the next origin's first week.
    const cut = SYNTHETIC.times.length - 14 * 24;
    const options = { horizon: { days: 14, hours: 0 }, events: { holidays: [], promotions: ['2026-02-20'] } };
    const input = buildModelInput({ ...SYNTHETIC, times: SYNTHETIC.times.slice(0, cut), values: SYNTHETIC.values.slice(0, cut), open: SYNTHETIC.open.slice(0, cut) },
      SYNTHETIC.times.slice(cut), options);
    const { plan, backtests, choiceScores } = backtestModels(input, cut, 14 * 24, options);
    const singles = backtests.filter((b) => b.score.model !== 'combination');
    const combined = backtests.find((b) => b.score.model === 'combination')!;
    const knowsEvents = (m: SingleModelName) => MODELS[m].usesEvents;
    expect(plan.origins.length).toBeGreaterThanOrEqual(4);
    expect(plan.origins[1]! - plan.origins[0]!).toBeLessThan(plan.horizon);
    // The first origin has nothing before it: the combination is scored from the second, and so are the models it is chosen against.
    expect(combined.forecasts).toHaveLength(plan.origins.length - 1);
    expect(new Set(combined.points.map((p) => p.origin)).size).toBe(plan.origins.length - 1);
    expect(choiceScores.map((s) => s.periods)).toEqual(choiceScores.map(() => combined.score.periods));
    // Origin 1 combined with members chosen on origin 0's first week only.
    const members = chooseMembers(singles, eventKinds(input), knowsEvents, plan.origins[1]!);
    const byModel = new Map(singles.map((b) => [b.score.model as SingleModelName, b.forecasts[1]!]));
    expect(Array.from(combined.forecasts[0]!)).toEqual(Array.from(combineForecasts(byModel, members, input, plan.origins[1]!)));
    // Spoil every model's errors but one's from origin 2 on, earlier windows' tails included: origins 1 and 2 are combined as before.
    const from = plan.origins[2]!;
    const spoiled = singles.map((b, k) => ({ ...b, points: b.points.map((p) => (p.index >= from && k > 0 ? { ...p, actual: p.actual + 1000 } : p)) }));
    const again = backtestCombination(spoiled, input, plan, bandContext(input, plan.origins[0]!), knowsEvents)!;
    for (const i of [0, 1]) expect(Array.from(again.backtest.forecasts[i]!)).toEqual(Array.from(combined.forecasts[i]!));
    // ... while the later origins, and the forecast's own members chosen on every origin, see the spoiled actuals.
    expect(Array.from(again.backtest.forecasts[2]!)).not.toEqual(Array.from(combined.forecasts[2]!));
    expect(models(again.combination.later)[0]).toBe(singles[0]!.score.model);
  });

  it('is chosen unless a single model beats it by more than the margin', () => {
    expect(COMBINATION_MARGIN).toBe(0.1);
    const near = chooseModel([score('holt-winters', 0.73), score('combination', 0.8), score('seasonal-naive', 1)]);
    expect(near.chosen.model).toBe('combination');
    expect(near.explanation).toMatch(/^combination chosen: MASE 0.80 vs seasonal naive 1.00 \(holt-winters 0.73\)/);
    const clear = chooseModel([score('holt-winters', 0.71), score('combination', 0.8), score('seasonal-naive', 1)]);
    expect(clear.chosen.model).toBe('holt-winters');
  });
});
