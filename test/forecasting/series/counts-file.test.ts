import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readCountsCsv } from '../../../forecasting/series/counts-file.ts';
import { SeriesInputError } from '../../../forecasting/series/series-input-error.ts';

/** Rows every `minutes` from a local start, Monday-Friday 09:00-17:00 only (the rest is closed). */
function officeHoursCsv(minutes: number, days: number, format: (d: DateTime) => string, zone = 'Asia/Shanghai'): string {
  const lines = ['timestamp,count'];
  const start = DateTime.fromISO('2026-03-02T00:00', { zone });
  for (let t = start; t < start.plus({ days }); t = t.plus({ minutes })) {
    if (t.weekday <= 5 && t.hour >= 9 && t.hour < 17) lines.push(`${format(t)},${(t.hour * 7 + t.minute) % 11}`);
  }
  return lines.join('\n');
}

const naive = (d: DateTime) => d.toFormat('yyyy-MM-dd HH:mm');

describe('readCountsCsv', () => {
  it.each([5, 6, 10, 15, 30, 60])('detects a %i-minute interval from a file without nights and weekends', (minutes) => {
    const file = readCountsCsv(officeHoursCsv(minutes, 9, naive), { source: 'acd.csv', defaultZone: 'Asia/Shanghai' });
    expect(file.series.intervalMinutes).toBe(minutes);
    const perDay = (8 * 60) / minutes;
    expect(file.series.open.filter(Boolean).length).toBe(7 * perDay); // Mon 2 .. Tue 10 March: 7 weekdays
    // Absent periods are closed, not zero demand, and the grid is contiguous.
    expect(file.series.open.length).toBeGreaterThan(7 * perDay);
    expect(file.series.times[1]! - file.series.times[0]!).toBe(minutes * 60_000);
    expect(file.warnings.map((w) => w.en).join()).toMatch(/absent from the file and taken as closed/);
  });

  it('detects daily data from dates, and from timestamps at midnight', () => {
    const dates = 'date,calls\n2026-03-02,120\n2026-03-03,98\n2026-03-05,101\n';
    const byDate = readCountsCsv(dates, { source: 'd.csv', defaultZone: 'Asia/Shanghai' });
    expect(byDate.series.intervalMinutes).toBe(1440);
    expect(byDate.series.values).toEqual([120, 98, 0, 101]);
    expect(byDate.series.open).toEqual([true, true, false, true]);
    expect(byDate.format(byDate.series.times[2]!)).toBe('2026-03-04');
    const midnights = readCountsCsv('t,n\n2026-03-02 00:00,1\n2026-03-03 00:00,2\n2026-03-04 00:00,3\n', { source: 'm.csv', defaultZone: 'Europe/Berlin' });
    expect(midnights.series.intervalMinutes).toBe(1440);
    expect(midnights.format(midnights.series.times[1]!)).toBe('2026-03-03 00:00');
  });

  it('keeps the file notation for output: naive local, day-first with dots, offsets, Z', () => {
    const dmy = readCountsCsv('interval_start;calls_offered\n02.03.2026 09:00;4\n02.03.2026 09:30;6\n', { source: 'a.csv', defaultZone: 'Europe/Berlin' });
    expect(dmy.format(dmy.series.times[1]! + 30 * 60_000)).toBe('02.03.2026 10:00');
    expect(dmy.series.values).toEqual([4, 6]);
    const iso = readCountsCsv('ts,count\n2026-03-02T09:00:00+08:00,1\n2026-03-02T10:00:00+08:00,2\n', { source: 'b.csv', defaultZone: 'Asia/Shanghai' });
    expect(iso.format(iso.series.times[1]! + 3_600_000)).toBe('2026-03-02T11:00:00+08:00');
    const utc = readCountsCsv('ts,count\n2026-03-02T01:00:00Z,1\n2026-03-02T02:00:00Z,2\n', { source: 'c.csv', defaultZone: 'Asia/Shanghai' });
    expect(utc.format(utc.series.times[0]!)).toBe('2026-03-02T01:00:00Z');
    expect(utc.series.zone).toBe('Asia/Shanghai');
  });

  it('infers a DST zone from offsets that change and writes future offsets from it', () => {
    const rows = ['time,count'];
    const zone = 'Europe/Berlin';
    for (let t = DateTime.fromISO('2026-03-27T09:00', { zone }); t < DateTime.fromISO('2026-03-31T00:00', { zone }); t = t.plus({ hours: 1 })) {
      rows.push(`${t.toISO({ suppressMilliseconds: true })},3`);
    }
    const file = readCountsCsv(rows.join('\n'), { source: 'x.csv', defaultZone: 'Asia/Shanghai' });
    expect(file.series.intervalMinutes).toBe(60);
    const offsets = new Set(file.series.times.map((t) => file.format(t).slice(-6)));
    expect(offsets).toEqual(new Set(['+01:00', '+02:00']));
    expect(file.zoneNote.en).toMatch(/inferred/);
  });

  it('reads the repeated naive fall-back hour as two periods, the second one later', () => {
    const csv = 'time,count\n2026-10-25 01:00,1\n2026-10-25 02:00,2\n2026-10-25 02:00,3\n2026-10-25 03:00,4\n';
    const file = readCountsCsv(csv, { source: 'fall.csv', defaultZone: 'Europe/Berlin' });
    expect(file.series.values).toEqual([1, 2, 3, 4]);
    expect(file.series.open.every(Boolean)).toBe(true);
    expect(file.series.times.map(file.format)).toEqual(['2026-10-25 01:00', '2026-10-25 02:00', '2026-10-25 02:00', '2026-10-25 03:00']);
  });

  it('picks columns by name and says where a value is wrong', () => {
    const csv = 'queue,start,offered,answered\nq1,2026-03-02 09:00,5,4\nq1,2026-03-02 10:00,x,4\n';
    const read = () => readCountsCsv(csv, { source: 'acd.csv', defaultZone: 'UTC', timeColumn: 'start', valueColumn: 'offered' });
    expect(read).toThrow(SeriesInputError);
    expect(read).toThrow('acd.csv, line 3, column "offered": "x" is not a count');
    const ok = readCountsCsv(csv.replace(',x,', ',7,'), { source: 'acd.csv', defaultZone: 'UTC', timeColumn: 'start', valueColumn: 'answered' });
    expect(ok.series.values).toEqual([4, 4]);
    expect(() => readCountsCsv(csv, { source: 'acd.csv', defaultZone: 'UTC', valueColumn: 'handled' }))
      .toThrow('no value column "handled"; the header has "queue", "start", "offered", "answered"');
  });

  it('refuses repeated periods, off-grid rows and unsupported steps with the line', () => {
    expect(() => readCountsCsv('t,n\n2026-03-02 09:00,1\n2026-03-02 09:00,2\n', { source: 'f', defaultZone: 'UTC' }))
      .toThrow('f, line 3, column "t": the same period as line 2');
    expect(() => readCountsCsv('t,n\n2026-03-02 09:00,1\n2026-03-02 09:15,1\n2026-03-02 09:30,1\n2026-03-02 09:50,1\n', { source: 'f', defaultZone: 'UTC' }))
      .toThrow('f, line 5, column "t": not on the 15-minute grid');
    expect(() => readCountsCsv('t,n\n2026-03-02 09:00,1\n2026-03-02 09:07,1\n2026-03-02 09:14,1\n', { source: 'f', defaultZone: 'UTC' }))
      .toThrow('most common step between timestamps is 7 minutes');
    expect(() => readCountsCsv('t,n\n2026-03-02 09:00,\n2026-03-02 10:00,1\n', { source: 'f', defaultZone: 'UTC' }))
      .toThrow('f, line 2, column "n": empty count');
  });

  it('refuses a naive time that does not exist in the zone', () => {
    expect(() => readCountsCsv('t,n\n2026-03-29 01:00,1\n2026-03-29 02:00,1\n', { source: 'g', defaultZone: 'Europe/Berlin' }))
      .toThrow(/line 3.*does not exist in Europe\/Berlin/);
  });
});
