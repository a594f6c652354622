import { describe, expect, it } from 'vitest';
import { intervalLabel, parseHorizon, parseInterval } from '../../../forecasting/series/interval.ts';

describe('interval and horizon specs', () => {
  it('reads minutes, hours and daily', () => {
    expect(parseInterval('15m')).toBe(15);
    expect(parseInterval('30min')).toBe(30);
    expect(parseInterval('1h')).toBe(60);
    expect(parseInterval('60m')).toBe(60);
    expect(parseInterval('daily')).toBe(1440);
    expect(parseInterval('1d')).toBe(1440);
    expect(() => parseInterval('45m')).toThrow('interval "45m" is not supported: use 5m, 6m, 10m, 15m, 30m, 60m (or 1h) or daily');
    expect(intervalLabel(1440)).toBe('daily');
    expect(intervalLabel(15)).toBe('15m');
  });

  it('reads horizons in days, weeks and hours', () => {
    expect(parseHorizon('14d')).toEqual({ days: 14, hours: 0 });
    expect(parseHorizon('2w')).toEqual({ days: 14, hours: 0 });
    expect(parseHorizon('48h')).toEqual({ days: 0, hours: 48 });
    expect(() => parseHorizon('soon')).toThrow('write e.g. 14d, 2w or 48h');
  });
});
