// Counts and plain numbers are formatted by one kept Intl formatter per language and precision: the
// text must stay what toLocaleString wrote, in both languages, on every call.
import { describe, expect, it } from 'vitest';
import { columnDecimals, formatValue } from '../../../warehouse/metrics/format-value.ts';

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

describe('a column of plain numbers shows one number of decimals', () => {
  const column = (values: (number | null)[], lang: 'en' | 'zh') => values.map((v) => formatValue(v, 'number', lang, columnDecimals(values)));

  it('as many as its most precise value needs, up to two, in en and zh', () => {
    expect(column([1.5, 1.25, 2, null], 'en')).toEqual(['1.50', '1.25', '2.00', '—']);
    expect(column([1.5, 1.25, 2, null], 'zh')).toEqual(['1.50', '1.25', '2.00', '—']);
    expect(column([0.62, 1, 0.7], 'en')).toEqual(['0.62', '1.00', '0.70']);
    expect(column([1_234.5, 3, -0.25], 'en')).toEqual(['1,234.50', '3.00', '-0.25']);
    expect(column([12.5, 3, 1_000], 'zh')).toEqual(['12.5', '3.0', '1,000.0']);
    expect(column([3, 12, 1_000], 'en')).toEqual(['3', '12', '1,000']);
  });

  it('counts a value by the decimals it shows: rounded away, a decimal is not needed', () => {
    expect(columnDecimals([1.004, 2])).toBe(0);
    expect(columnDecimals([1.004, 2.1])).toBe(1);
    expect(columnDecimals([2.996])).toBe(0); // shown as 3
    expect(columnDecimals([Number.NaN, null, 'a', 1.333])).toBe(2);
    expect(columnDecimals([])).toBe(0);
  });
});
