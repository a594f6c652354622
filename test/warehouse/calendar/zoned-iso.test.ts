import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoAt } from '../../../warehouse/calendar/zoned-iso.ts';

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Australia/Lord_Howe',
  'Europe/London', 'UTC', 'Etc/UTC', 'UTC+8', 'UTC-3:30', 'UTC+0'];

const luxon = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true });

describe('isoAt', () => {
  it('writes Z for the fixed zone UTC, +00:00 for a named zone at offset 0, and a Date as its milliseconds', () => {
    const t = Date.UTC(2026, 0, 5, 9);
    expect(isoAt(t, 'UTC')).toBe('2026-01-05T09:00:00Z');
    expect(isoAt(new Date(t), 'Europe/London')).toBe('2026-01-05T09:00:00+00:00');
    expect(isoAt(new Date(t + 250), 'Asia/Shanghai')).toBe('2026-01-05T17:00:00.250+08:00');
  });

  it('writes what luxon writes, in every zone, across DST changes, with and without milliseconds', () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...ZONES), fc.boolean(),
      (t, zone, whole) => {
        const instant = whole ? Math.floor(t / 60_000) * 60_000 : t;
        expect(isoAt(instant, zone)).toBe(luxon(instant, zone));
      },
    ), { numRuns: 5000 });
  });

  it('is right on the minutes around a DST change (Berlin, spring and autumn 2026)', () => {
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let t = change - 3 * 60_000; t <= change + 3 * 60_000; t += 30_000) expect(isoAt(t, 'Europe/Berlin')).toBe(luxon(t, 'Europe/Berlin'));
    }
    expect(isoAt(Date.UTC(2026, 2, 29, 1), 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
  });
});
