// Backtest notes on a Chinese screen: the regression's features and Holt-Winters' parameters read
// in Chinese (and as α δ ω φ), with no English word left.
import { describe, expect, it } from 'vitest';
import { modelNote } from '../../../../web/ui/lib/i18n/model-labels.ts';
import { latinWords } from '../../../e2e/support/latin-words.ts';

describe('a backtest note in Chinese', () => {
  it('names regression features and smoothing parameters without English words', () => {
    const regression = modelNote('log1p effects: trend -0.242, holiday 0.1, holiday+1 0.2, promotion -0.3, promotion+1 -0.087, promotion-3 0.1, smearing x1.020', 'zh');
    expect(regression).toBe('对数到达量的效应：趋势 -0.242, 节假日 0.1, 节假日+1 0.2, 促销 -0.3, 促销+1 -0.087, 促销-3 0.1, 平滑偏差校正 ×1.020');
    const holtWinters = modelNote('alpha 0.046, delta 0.020, omega 0.934, phi 0.000', 'zh');
    expect(holtWinters).toBe('α 0.046, δ 0.020, ω 0.934, φ 0.000');
    expect(latinWords(regression + holtWinters)).toEqual([]);
    expect(modelNote('alpha 0.046', 'en')).toBe('alpha 0.046');
  });
});
