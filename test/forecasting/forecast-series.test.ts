import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../forecasting/forecast-series.ts';
import { readCountsCsv } from '../../forecasting/series/counts-file.ts';
import { dayShape, syntheticSeries, weekShape } from './fixtures/synthetic-series.ts';

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0; let saa = 0; let sbb = 0;
  a.forEach((v, i) => { sab += (v - ma) * (b[i]! - mb); saa += (v - ma) ** 2; sbb += (b[i]! - mb) ** 2; });
  return sab / Math.sqrt(saa * sbb);
}

describe('forecastSeries with closed periods', () => {
  // Mon-Fri 09:00-18:00 only; the file leaves nights and weekends out.
  const zone = 'Asia/Shanghai';
  const office = syntheticSeries({ start: '2026-01-05', days: 10 * 7, intervalMinutes: 60, zone, seed: 9, peakPerHour: 20, openHours: [9, 18], closedWeekdays: [6, 7] });
  const rows = ['timestamp,count'];
  const zeros = ['timestamp,count'];
  office.times.forEach((t, i) => {
    const text = DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm');
    if (office.open[i]) rows.push(`${text},${office.values[i]}`);
    zeros.push(`${text},${office.values[i]}`);
  });
  const gapped = readCountsCsv(rows.join('\n'), { source: 'office.csv', defaultZone: zone });
  const complete = readCountsCsv(zeros.join('\n'), { source: 'zeros.csv', defaultZone: zone });
  const horizon = { days: 14, hours: 0 };
  const fromGaps = forecastSeries(gapped.series, { horizon });
  const fromZeros = forecastSeries(complete.series, { horizon });

  it('forecasts only the periods the history says are open', () => {
    expect(fromGaps.intervals.length).toBe(10 * 9);
    for (const i of fromGaps.intervals) {
      const d = DateTime.fromMillis(i.start, { zone });
      expect(d.weekday).toBeLessThanOrEqual(5);
      expect(d.hour).toBeGreaterThanOrEqual(9);
      expect(d.hour).toBeLessThan(18);
    }
    // The same data written with explicit zeros is forecast around the clock.
    expect(fromZeros.intervals.length).toBe(14 * 24);
  });

  it('keeps the daily and weekly seasonality: the same forecast as the series with the nights written out', () => {
    const zerosByStart = new Map(fromZeros.intervals.map((i) => [i.start, i.p50]));
    const a = fromGaps.intervals.map((i) => i.p50);
    const b = fromGaps.intervals.map((i) => zerosByStart.get(i.start)!);
    expect(correlation(a, b)).toBeGreaterThan(0.9);
    const total = (x: number[]) => x.reduce((s, v) => s + v, 0);
    expect(Math.abs(total(a) / total(b) - 1)).toBeLessThan(0.1);
    // And both follow the true profile of the open hours.
    const truth = fromGaps.intervals.map((i) => {
      const d = DateTime.fromMillis(i.start, { zone });
      return dayShape(d.hour + 0.5) * weekShape(d.weekday);
    });
    expect(correlation(a, truth)).toBeGreaterThan(0.9);
  });

  it('writes future timestamps in the file notation', () => {
    expect(gapped.format(fromGaps.intervals[0]!.start)).toBe('2026-03-16 09:00');
  });
});

describe('forecastSeries across a DST change (Europe/Berlin, 29 March 2026)', () => {
  const zone = 'Europe/Berlin';
  /** How a day's forecast matches the true local-time profile, and the profile one hour off. */
  const dayFit = (intervals: { start: number; p50: number }[], date: string) => {
    const day = intervals.filter((i) => DateTime.fromMillis(i.start, { zone }).toISODate() === date);
    const p50 = day.map((i) => i.p50);
    const hourOf = (i: { start: number }) => DateTime.fromMillis(i.start, { zone }).hour;
    return {
      hours: day.length,
      local: correlation(p50, day.map((i) => dayShape(hourOf(i) + 0.5))),
      shifted: correlation(p50, day.map((i) => dayShape(hourOf(i) - 0.5))),
    };
  };

  it('keeps the local profile in a horizon that crosses the change', () => {
    const series = syntheticSeries({ start: '2026-01-05', days: 11 * 7, intervalMinutes: 60, zone, seed: 1, peakPerHour: 40 });
    const f = forecastSeries(series, { horizon: { days: 14, hours: 0 } });
    for (const [date, hours] of [['2026-03-27', 24], ['2026-03-29', 23], ['2026-03-31', 24]] as const) {
      const fit = dayFit(f.intervals, date);
      expect(fit.hours).toBe(hours);
      expect(fit.local).toBeGreaterThan(0.97);
      expect(fit.local).toBeGreaterThan(fit.shifted + 0.03);
    }
    const local = f.intervals.map((i) => DateTime.fromMillis(i.start, { zone }).toFormat('yyyy-MM-dd HH:mm'));
    expect(local).toContain('2026-03-29 01:00');
    expect(local).not.toContain('2026-03-29 02:00');
    expect(local).toContain('2026-03-29 03:00');
  });

  it('learns the local profile from a history that crosses the change', () => {
    // History 2 February .. 12 April: six weeks in winter time, two in summer time.
    const series = syntheticSeries({ start: '2026-02-02', days: 10 * 7, intervalMinutes: 60, zone, seed: 2, peakPerHour: 40 });
    const f = forecastSeries(series, { horizon: { days: 7, hours: 0 } });
    for (const date of ['2026-04-13', '2026-04-15']) {
      const fit = dayFit(f.intervals, date);
      expect(fit.local).toBeGreaterThan(0.97);
      expect(fit.local).toBeGreaterThan(fit.shifted + 0.03);
    }
  });
});

describe('forecast intervals', () => {
  it('are non-negative and ordered, even for a sparse series, and the same on every run', () => {
    const options = { start: '2026-01-05', days: 6 * 7, intervalMinutes: 30, zone: 'America/New_York', seed: 4, peakPerHour: 0.8, openHours: [8, 20] as [number, number] };
    const a = forecastSeries(syntheticSeries(options), { horizon: { days: 7, hours: 0 } });
    const b = forecastSeries(syntheticSeries(options), { horizon: { days: 7, hours: 0 } });
    expect(a.intervals.length).toBe(7 * 24);
    for (const i of a.intervals) {
      expect(i.p10).toBeGreaterThanOrEqual(0);
      expect(i.p10).toBeLessThanOrEqual(i.p50);
      expect(i.p50).toBeLessThanOrEqual(i.p90);
    }
    expect(a.intervals.some((i) => i.p90 > i.p10)).toBe(true);
    expect(b).toEqual(a);
  });

  it('explains the choice and reports every model with a short history', () => {
    const f = forecastSeries(syntheticSeries({ start: '2026-01-05', days: 20, intervalMinutes: 1440, zone: 'UTC', seed: 3, peakPerHour: 5 }), { horizon: { days: 7, hours: 0 } });
    expect(f.backtest).toEqual({ origins: 1, horizonPeriods: 6 });
    // One origin: no combination, whose members could only be judged on the window they forecast.
    expect(f.scores.map((s) => s.model)).toEqual(['seasonal-naive', 'holt-winters', 'calendar-regression', 'weekday-slot-mean', 'day-type']);
    expect(f.explanation).toMatch(/chosen: MASE \d\.\d\d .*\(backtest: 1 origins x 6 periods\)/);
    expect(() => forecastSeries(syntheticSeries({ start: '2026-01-05', days: 5, intervalMinutes: 1440, zone: 'UTC', seed: 3, peakPerHour: 5 }), { horizon: { days: 7, hours: 0 } }))
      .toThrow('at least one week of history');
  });
});
