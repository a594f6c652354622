import { describe, expect, it } from 'vitest';
import { chooseModel } from '../../../forecasting/backtest/choose-model.ts';
import type { ModelScore } from '../../../forecasting/backtest/rolling-origin.ts';

const score = (model: ModelScore['model'], mase: number, wape: number, coverage = 0.8): ModelScore =>
  ({ model, mase, day1Mase: mase, wape, eventMase: Number.NaN, coverage, pinball: 1, periods: 100, note: null });

describe('chooseModel', () => {
  it('takes the lowest MASE and explains the choice against the baseline', () => {
    const { chosen, explanation } = chooseModel([
      score('seasonal-naive', 1, 0.3), score('holt-winters', 0.62, 0.18, 0.78), score('calendar-regression', 0.71, 0.2),
    ]);
    expect(chosen.model).toBe('holt-winters');
    expect(explanation).toBe('holt-winters chosen: MASE 0.62 vs seasonal naive 1.00 (calendar regression 0.71), WAPE 18%, 80% interval covers 78%');
  });

  it('breaks a MASE tie (to two decimals) by WAPE', () => {
    const { chosen } = chooseModel([score('holt-winters', 0.704, 0.25), score('calendar-regression', 0.701, 0.2), score('seasonal-naive', 1.1, 0.4)]);
    expect(chosen.model).toBe('calendar-regression');
    const other = chooseModel([score('holt-winters', 0.701, 0.19), score('calendar-regression', 0.704, 0.2)]);
    expect(other.chosen.model).toBe('holt-winters');
  });

  it('ranks an undefined MASE last and keeps the baseline when it is best', () => {
    const { chosen, explanation } = chooseModel([score('holt-winters', Number.NaN, 0.1), score('seasonal-naive', 0.9, 0.3)]);
    expect(chosen.model).toBe('seasonal-naive');
    expect(explanation).toMatch(/^seasonal naive chosen: MASE 0.90 \(holt-winters n\/a\)/);
  });
});
