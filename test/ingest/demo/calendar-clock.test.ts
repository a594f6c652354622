import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarClock } from '../../../ingest/demo/calendar-clock.ts';

const office = CalendarClock.build(
  { timezone: 'Asia/Shanghai', hours: { mon: ['09:00-12:00', '13:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'] }, holidays: ['2026-10-01'] },
  'Asia/Shanghai', '2026-09-28', '2026-10-12',
);
const at = (local: string) => Date.parse(`${local}+08:00`) / 1000;

describe('CalendarClock', () => {
  it('keeps an open instant and moves a closed one to the next opening', () => {
    expect(office.nextOpen(at('2026-09-29T10:00:00'))).toBe(at('2026-09-29T10:00:00'));
    expect(office.nextOpen(at('2026-09-28T12:30:00'))).toBe(at('2026-09-28T13:00:00')); // lunch break
    expect(office.nextOpen(at('2026-09-29T19:00:00'))).toBe(at('2026-09-30T09:00:00')); // evening
    expect(office.nextOpen(at('2026-09-30T18:00:00'))).toBe(at('2026-10-02T09:00:00')); // holiday 10-01
    expect(office.nextOpen(at('2026-10-03T11:00:00'))).toBe(at('2026-10-05T09:00:00')); // weekend
  });

  it('adds open seconds across breaks, nights, holidays and weekends', () => {
    expect(office.addBusiness(at('2026-09-28T11:00:00'), 2 * 3600)).toBe(at('2026-09-28T14:00:00'));
    expect(office.addBusiness(at('2026-09-30T17:00:00'), 2 * 3600)).toBe(at('2026-10-02T10:00:00'));
    expect(office.addBusiness(at('2026-10-02T17:30:00'), 3600)).toBe(at('2026-10-05T09:30:00'));
    expect(office.addBusiness(at('2026-10-04T03:00:00'), 0)).toBe(at('2026-10-05T09:00:00'));
  });

  it('answers isOpen like the configured hours', () => {
    expect(office.isOpen(at('2026-09-28T12:30:00'))).toBe(false);
    expect(office.isOpen(at('2026-09-28T09:00:00'))).toBe(true);
    expect(office.isOpen(at('2026-10-01T10:00:00'))).toBe(false);
  });

  it('is additive: adding a then b is adding a + b', () => {
    const start = at('2026-09-28T00:00:00');
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 7 * 86_400 }), fc.integer({ min: 0, max: 20 * 3600 }), fc.integer({ min: 0, max: 20 * 3600 }),
      (offset, a, b) => office.addBusiness(office.addBusiness(start + offset, a), b) === office.addBusiness(start + offset, a + b),
    ));
  });

  it('falls back to calendar time past the range it was built for', () => {
    const late = at('2026-12-01T03:00:00');
    expect(office.nextOpen(late)).toBe(late);
    expect(office.addBusiness(late, 60)).toBe(late + 60);
  });
});
