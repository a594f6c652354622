// The overview tile's words for a compared period it cannot compare with (no data, or only part of
// it in the data), in English and Chinese, and the day the dashed compared line starts from.
import { describe, expect, it } from 'vitest';
import { comparedDataFrom, noComparisonText } from '../../../../web/ui/lib/format/comparison-note.ts';

describe('comparison note', () => {
  it('says the previous period is only partly in the data, with its covered days, in en and zh', () => {
    const partial = { kind: 'previous' as const, unavailable: 'partial' as const, covered_days: 17, days: 28 };
    expect(noComparisonText(partial, 'en')).toBe('not available: the previous period is only partly in the data (17 of 28 days)');
    expect(noComparisonText(partial, 'zh')).toBe('不可用：上一周期只有部分在数据中（28 天中的 17 天）');
    expect(noComparisonText({ kind: 'year', unavailable: 'no_data' }, 'en')).toBe('not available: no data a year ago');
    expect(noComparisonText({ kind: 'previous', unavailable: null }, 'en')).toBeNull();
    expect(noComparisonText(undefined, 'zh')).toBeNull();
  });

  it('starts the compared line on its first day with data: its covered days are its last ones', () => {
    const previous = { from: '2026-10-09', to: '2026-11-05' };
    expect(comparedDataFrom(previous, { kind: 'previous', unavailable: 'partial', covered_days: 17, days: 28 })).toBe('2026-10-20');
    expect(comparedDataFrom(previous, { kind: 'previous', unavailable: null })).toBe('2026-10-09');
  });
});
