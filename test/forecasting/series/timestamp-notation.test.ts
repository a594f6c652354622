import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectNotation, formatTimestamp, parseTimestamp } from '../../../forecasting/series/timestamp-notation.ts';

describe('timestamp notations', () => {
  it('detects order, separators, padding, seconds and offset style', () => {
    expect(detectNotation(['2026-03-02T09:00:00+08:00'])?.notation).toEqual({
      order: 'ymd', dateSep: '-', padDate: true,
      time: { sep: 'T', padHour: true, seconds: true, fractionDigits: 0 }, offset: 'colon',
    });
    expect(detectNotation(['3/2/2026 9:00', '3/14/2026 9:00'])?.notation).toMatchObject({ order: 'mdy', padDate: false, time: { padHour: false } });
    expect(detectNotation(['14.03.2026 09:00'])?.notation).toMatchObject({ order: 'dmy', dateSep: '.' });
    expect(detectNotation(['02/03/2026 09:00'])).toMatchObject({ ambiguousOrder: true, notation: { order: 'mdy' } });
    expect(detectNotation(['2026-03-02'])?.notation.time).toBeNull();
    expect(detectNotation(['hello'])).toBeNull();
  });

  it('round-trips every wall-clock time and offset through parse and format', () => {
    const notations = ['2026-03-02 09:00', '2026-03-02T09:00:00.000+0530', '02.03.2026 09:00:00', '2026/3/2 9:00Z', '2026-03-02T09:00-03']
      .map((s) => detectNotation([s])!.notation);
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(1990, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 }),
      fc.integer({ min: -12, max: 14 }),
      fc.constantFrom(...notations),
      (minute, hours, notation) => {
        const wallMs = minute * 60_000;
        const offset = notation.offset === 'Z' || notation.offset === null ? 0 : hours * 60 + (notation.offset === 'compact' ? 30 : 0);
        const text = formatTimestamp(wallMs, offset, notation);
        const parsed = parseTimestamp(text, notation);
        return 'wallMs' in parsed && parsed.wallMs === wallMs
          && parsed.offsetMinutes === (notation.offset === null ? null : offset);
      },
    ));
  });

  it('says what is wrong with an impossible date or a mixed notation', () => {
    const notation = detectNotation(['2026-03-02 09:00'])!.notation;
    expect(parseTimestamp('2026-02-30 09:00', notation)).toEqual({ en: '"2026-02-30 09:00" is not a valid date and time', zh: '“2026-02-30 09:00”不是有效的日期和时间' });
    expect(parseTimestamp('2026-02-03 09:00+01:00', notation)).toMatchObject({ en: expect.stringMatching(/has an offset, unlike/), zh: expect.stringMatching(/带时区偏移/) });
  });
});
