import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarOpenPeriods, periodGrid, periodStart, queueSeries } from '../../../forecasting/series/queue-series.ts';

const zone = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('queue series from counts and a calendar', () => {
  // Two weeks of hours; the calendar opens 09:00-18:00 every day of the first 10 days.
  const from = at('2026-03-02T00:00');
  const to = at('2026-03-16T00:00');
  const intervals: [number, number][] = [];
  for (let d = 0; d < 10; d++) intervals.push([at('2026-03-02T09:00') + d * 86_400_000, at('2026-03-02T18:00') + d * 86_400_000]);
  const calendar = { intervals, from: at('2026-03-02T00:00'), to: at('2026-03-12T00:00') };

  it('marks periods open from the calendar, and unknown outside its span', () => {
    const times = periodGrid(from, to, 60, zone);
    expect(times.length).toBe(14 * 24);
    const open = calendarOpenPeriods(times, 60, zone, calendar);
    expect(open[8]).toBe(false);
    expect(open[9]).toBe(true);
    expect(open[17]).toBe(true);
    expect(open[18]).toBe(false);
    expect(open[10 * 24 + 9]).toBeNull();
  });

  it('fills gaps within open hours with zeros and opens night slots busy most weeks', () => {
    const counts = new Map<number, number>();
    // Arrivals at 10:00 on some days only, and at 03:00 every night (web tickets).
    for (let d = 0; d < 14; d++) {
      if (d % 3 === 0) counts.set(at('2026-03-02T10:00') + d * 86_400_000, 5);
      counts.set(at('2026-03-02T03:00') + d * 86_400_000, 1);
    }
    counts.set(at('2026-03-02T05:00'), 1); // a stray arrival
    const series = queueSeries({ name: 'q', zone, intervalMinutes: 60, from, to, counts, calendar });
    expect(series.values[10]).toBe(5);
    expect(series.values[24 + 10]).toBe(0);
    expect(series.open[24 + 10]).toBe(true);
    expect(series.open[3]).toBe(true);
    expect(series.open[5]).toBe(false);
    expect(series.open[22]).toBe(false);
    // Past the calendar's span nothing is known: every period counts as open.
    expect(series.open[11 * 24 + 22]).toBe(true);
  });

  it('keeps the calendar\'s holidays closed even in slots busy every other week', () => {
    // The calendar closes 2026-03-04 (a holiday): no open interval that day.
    const holidayCalendar = { ...calendar, intervals: intervals.filter((_, d) => d !== 2) };
    const counts = new Map<number, number>();
    for (let d = 0; d < 14; d++) counts.set(at('2026-03-02T10:00') + d * 86_400_000, 4);
    const withHoliday = queueSeries({ name: 'q', zone, intervalMinutes: 60, from, to, counts, calendar: holidayCalendar, holidays: ['2026-03-04'] });
    expect(withHoliday.open[2 * 24 + 10]).toBe(false);
    expect(withHoliday.open[2 * 24 + 10 + 7 * 24]).toBe(true);
    // Without the holiday declared, the busy slot opens the closed day.
    const without = queueSeries({ name: 'q', zone, intervalMinutes: 60, from, to, counts, calendar: holidayCalendar });
    expect(without.open[2 * 24 + 10]).toBe(true);
  });

  it('finds the local period holding an instant, hourly and daily', () => {
    expect(periodStart(at('2026-03-02T10:42'), 60, zone)).toBe(at('2026-03-02T10:00'));
    expect(periodStart(at('2026-03-02T10:42'), 15, zone)).toBe(at('2026-03-02T10:30'));
    expect(periodStart(at('2026-03-02T00:10'), 1440, zone)).toBe(at('2026-03-02T00:00'));
    expect(periodGrid(at('2026-03-02T00:00'), at('2026-03-05T00:00'), 1440, zone)).toEqual([0, 1, 2].map((d) => at('2026-03-02T00:00') + d * 86_400_000));
  });
});
