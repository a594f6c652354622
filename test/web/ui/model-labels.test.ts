import { describe, expect, it } from 'vitest';
import { modelChoice } from '../../../forecasting/backtest/choose-model.ts';
import { appliedModelsText, modelChoiceText } from '../../../web/ui/lib/i18n/model-labels.ts';
import { latinWords } from '../../e2e/support/latin-words.ts';

const scores = [
  { model: 'seasonal-naive', mase: 6.09, wape: 0.8, coverage: 0.8, periods: 2000 },
  { model: 'calendar-regression', mase: 3.45, wape: 0.45, coverage: 0.79, periods: 2000 },
  { model: 'day-type', mase: 3.53, wape: 0.46, coverage: 0.8, periods: 2000 },
  { model: 'combination', mase: null, wape: 0.47, coverage: 0.78, periods: 2000 },
  { model: 'weekday-slot-mean', mase: 3.5, wape: 0.46, coverage: 0.8, periods: 2000 },
];

describe('why a forecast uses its model, worded on the page', () => {
  it('is codes and figures from the API: the chosen model, seasonal naive, the others best first', () => {
    expect(modelChoice('calendar-regression', scores)).toEqual({
      code: 'backtest', model: 'calendar-regression', mase: 3.45, wape: 0.45, coverage: 0.79, seasonalNaiveMase: 6.09,
      others: [{ model: 'weekday-slot-mean', mase: 3.5 }, { model: 'day-type', mase: 3.53 }, { model: 'combination', mase: null }],
    });
    expect(modelChoice('holt-winters', [])).toEqual({ code: 'no-backtest', model: 'holt-winters' });
    expect(modelChoice('holt-winters', [{ model: 'holt-winters', mase: null, wape: null, coverage: null, periods: 0 }]).code).toBe('no-backtest');
  });

  it('reads in Chinese without English words but the metric names, and in English', () => {
    const choice = modelChoice('calendar-regression', scores);
    const zh = modelChoiceText(choice, 'zh');
    expect(zh).toBe('回测 MASE 3.45，季节性朴素 6.09（同星期同时段均值 3.50，日类型 3.53，组合 –），WAPE 45%，p10–p90 区间覆盖 79%');
    expect(zh.replace(/MASE|WAPE/g, '')).not.toMatch(/[a-z]{3,}/i);
    expect(modelChoiceText(choice, 'en')).toBe(
      'backtest MASE 3.45 vs seasonal naive 6.09 (weekday × time mean 3.50, day-type 3.53, combination –), WAPE 45%, p10–p90 band covers 79%');
    expect(modelChoiceText({ code: 'no-backtest', model: 'holt-winters' }, 'zh')).toMatch(/^未经回测/);
  });

  it('names the combination\'s members on each kind of day from their ids, in Chinese and English', () => {
    const members = { day1: ['holt-winters', 'weekday-slot-mean'], later: ['day-type', 'weekday-slot-mean'], holidays: ['calendar-regression'], promotions: ['calendar-regression'] };
    const choice = modelChoice('combination', [...scores.filter((s) => s.model !== 'combination'), { model: 'combination', mase: 3.1, wape: 0.4, coverage: 0.8, periods: 300, members }]);
    const zh = modelChoiceText(choice, 'zh');
    expect(zh).toMatch(/^回测 MASE 3\.10，季节性朴素 6\.09/);
    expect(zh).toMatch(/。组合成员（等权平均）：第 1 天 Holt-Winters \+ 同星期同时段均值；第 2 天起 日类型 \+ 同星期同时段均值；节假日 日历回归；促销日 日历回归$/);
    expect(latinWords(zh)).toEqual([]);
    expect(modelChoiceText(choice, 'en')).toMatch(
      /\. Averages day 1: Holt-Winters \+ weekday × time mean; day 2 on: day-type \+ weekday × time mean; holidays: calendar regression; promotion days: calendar regression$/);
    // A run stored before members were kept words its choice without them.
    expect(modelChoiceText(modelChoice('combination', [...scores.filter((s) => s.model !== 'combination'), { model: 'combination', mase: 3.1, wape: 0.4, coverage: 0.8, periods: 300 }]), 'zh')).not.toContain('组合成员');
  });

  it('names the models of a dispatch-rules version, not their ids', () => {
    expect(appliedModelsText('combination', 'zh')).toBe('组合');
    expect(appliedModelsText('returns=combination, quality=calendar-regression', 'zh')).toBe('returns: 组合，quality: 日历回归');
    expect(appliedModelsText('returns=weekday-slot-mean', 'en')).toBe('returns: weekday × time mean');
    expect(appliedModelsText('none', 'en')).toBe('—');
    // An id the page does not know is shown as recorded.
    expect(appliedModelsText('prophet', 'en')).toBe('prophet');
  });
});
