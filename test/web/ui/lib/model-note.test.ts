// Backtest notes are an id and figures worded per language: on a Chinese screen the regression's
// features and Holt-Winters' parameters (as α δ ω φ), every model's note, with no English word left.
import { describe, expect, it } from 'vitest';
import type { ModelNote } from '../../../../forecasting/models/model-note.ts';
import { regressionEffect, storedNote } from '../../../../forecasting/models/model-note.ts';
import { modelNote } from '../../../../web/ui/lib/i18n/model-labels.ts';
import { latinWords } from '../../../e2e/support/latin-words.ts';

const regression: ModelNote = {
  id: 'calendar-regression', smearing: 1.02,
  effects: [['trend', -0.242], ['holiday', 0.1], ['holiday+1', 0.2], ['promotion', -0.3], ['promotion+1', -0.087], ['promotion-3', 0.1]]
    .map(([name, effect]) => regressionEffect(name as string, effect as number)),
};
const holtWinters: ModelNote = { id: 'holt-winters', alpha: 0.046, delta: 0.02, omega: 0.934, phi: 0 };
const every: ModelNote[] = [
  { id: 'seasonal-naive' }, { id: 'weekday-slot-mean', weeks: 4 }, { id: 'day-type', levelDays: 5, profileWeeks: 8 }, holtWinters, regression,
  {
    id: 'combination', day1: [{ model: 'holt-winters', weight: 0.5 }, { model: 'day-type', weight: 0.5 }],
    later: [{ model: 'weekday-slot-mean', weight: 0.5 }, { model: 'calendar-regression', weight: 0.5 }],
    holidays: [{ model: 'calendar-regression', weight: 1 }], promotions: [{ model: 'seasonal-naive', weight: 1 }],
  },
];

describe('a backtest note in either language', () => {
  it('words the regression\'s features and the smoothing parameters from their figures', () => {
    expect(modelNote(regression, 'zh')).toBe('对数到达量的效应：趋势 -0.242，节假日 0.100，节假日+1 0.200，促销 -0.300，促销+1 -0.087，促销-3 0.100，平滑偏差校正 ×1.020');
    expect(modelNote(regression, 'en')).toBe('log1p effects: trend -0.242, holiday 0.100, holiday+1 0.200, promotion -0.300, promotion+1 -0.087, promotion-3 0.100, smearing x1.020');
    expect(modelNote(holtWinters, 'zh')).toBe('α 0.046，δ 0.020，ω 0.934，φ 0.000');
    expect(modelNote({ ...holtWinters, delta: null }, 'en')).toBe('alpha 0.046, omega 0.934, phi 0.000');
  });

  it('leaves no English word on a Chinese screen for any model, and says nothing for no note', () => {
    for (const note of every) {
      const zh = modelNote(note, 'zh');
      expect(zh.length).toBeGreaterThan(0);
      expect(latinWords(zh)).toEqual([]);
      expect(modelNote(note, 'en')).not.toBe(zh);
    }
    expect(modelNote(null, 'zh')).toBe('');
  });

  it('reads a stored run\'s note; an English sentence kept before notes had ids is not shown', () => {
    expect(storedNote(holtWinters)).toEqual(holtWinters);
    expect(storedNote('alpha 0.046, delta 0.020, omega 0.934, phi 0.000')).toBeNull();
    expect(storedNote({ id: 'something-else' })).toBeNull();
    expect(() => regressionEffect('weekday', 1)).toThrow('unknown feature "weekday"');
  });
});
