import { describe, expect, it } from 'vitest';
import { aggregateSeries } from '../../../forecasting/series/aggregate.ts';
import { readCountsCsv } from '../../../forecasting/series/counts-file.ts';

describe('aggregateSeries', () => {
  const csv = ['t,n', '2026-03-02 08:50,1', '2026-03-02 09:00,2', '2026-03-02 09:10,3', '2026-03-02 09:50,4', '2026-03-03 09:00,5'].join('\n');
  const file = readCountsCsv(csv, { source: 'ten.csv', defaultZone: 'Asia/Shanghai' });

  it('sums parts into local hours; an hour is open when any part was', () => {
    const hourly = aggregateSeries(file.series, 60);
    expect(hourly.intervalMinutes).toBe(60);
    expect(file.format(hourly.times[0]!)).toBe('2026-03-02 08:00');
    expect(hourly.values.slice(0, 3)).toEqual([1, 9, 0]);
    expect(hourly.open.slice(0, 3)).toEqual([true, true, false]);
    expect(hourly.values.reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('sums into local days', () => {
    const daily = aggregateSeries(file.series, 1440);
    expect(daily.values).toEqual([10, 5]);
    expect(daily.times.map(file.format)).toEqual(['2026-03-02 00:00', '2026-03-03 00:00']);
  });

  it('refuses an interval that the source does not divide', () => {
    expect(() => aggregateSeries(file.series, 15)).toThrow('cannot turn a 10m series into 15m periods');
    expect(() => aggregateSeries(aggregateSeries(file.series, 60), 30)).toThrow(/cannot turn a 60m series into 30m/);
  });
});
