// Counts and plain numbers are formatted by one kept Intl formatter per language and precision: the
// text must stay what toLocaleString wrote, in both languages, on every call.
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../warehouse/metrics/format-value.ts';

describe('formatValue of counts and numbers', () => {
  it('groups digits and rounds as written by hand', () => {
    expect(formatValue(1_234_567.891, 'number', 'en')).toBe('1,234,567.89');
    expect(formatValue(1_234.5, 'count', 'en')).toBe('1,235');
    expect(formatValue(0.005, 'number', 'en')).toBe('0.01');
    expect(formatValue(-42.125, 'number', 'zh')).toBe('-42.13');
    expect(formatValue(1_234_567, 'count', 'zh')).toBe('1,234,567');
  });

  it('writes what toLocaleString writes, for generated values, again and again', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647 - 0.5) * 10 ** (seed % 9);
    for (let i = 0; i < 300; i++) {
      const value = next();
      for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']] as const) {
        expect(formatValue(value, 'count', lang)).toBe(Math.round(value).toLocaleString(locale));
        expect(formatValue(value, 'number', lang)).toBe(value.toLocaleString(locale, { maximumFractionDigits: 2 }));
      }
    }
  });
});
