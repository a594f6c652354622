import { describe, expect, it } from 'vitest';
import { isoInZone, queueReport, reportCsv } from '../../forecasting/forecast-report.ts';
import type { SeriesForecast } from '../../forecasting/forecast-series.ts';
import { findPeaks } from '../../forecasting/peaks.ts';

const start = Date.UTC(2026, 10, 23, 1); // 09:00 in Shanghai
const forecast: SeriesForecast = {
  name: 'returns', zone: 'Asia/Shanghai', intervalMinutes: 60, historyStart: start - 86_400_000 * 7, historyEnd: start,
  model: 'holt-winters', explanation: 'holt-winters chosen: MASE 0.62 vs seasonal naive 1.00, WAPE 18%, 80% interval covers 78%',
  scores: [{ model: 'seasonal-naive', mase: 1, day1Mase: 1, wape: 0.3, eventMase: 2.5, coverage: 0.8, pinball: 3, periods: 10, note: null }, { model: 'holt-winters', mase: 0.62, day1Mase: 0.6, wape: 0.18, eventMase: Number.NaN, coverage: 0.78, pinball: 2, periods: 10, note: { id: 'holt-winters', alpha: 0.1, delta: null, omega: 0.2, phi: 0 } }],
  backtest: { origins: 4, horizonPeriods: 336 }, flaggedDays: [],
  intervals: [{ start, minutes: 60, p10: 120.123, p50: 132.456, p90: 150 }, { start: start + 3_600_000, minutes: 60, p10: 0, p50: 1.5, p90: 3 }],
};

describe('forecast reports', () => {
  const report = queueReport({ id: 'returns', name: '售后退换货', forecast, format: isoInZone('Asia/Shanghai'), peaks: findPeaks(forecast.intervals, { top: 1 }) });

  it('write timestamps with the zone offset and round to hundredths', () => {
    expect(report.intervals[0]).toEqual({ timestamp: '2026-11-23T09:00:00+08:00', p10: 120.12, p50: 132.46, p90: 150 });
    expect(report.peaks.map((p) => p.timestamp)).toEqual(['2026-11-23T09:00:00+08:00']);
    expect(report.backtest.scores[1]).toEqual({ model: 'holt-winters', mase: 0.62, day1Mase: 0.6, wape: 0.18, eventMase: null, coverage: 0.78, pinball: 2, periods: 10, note: { id: 'holt-winters', alpha: 0.1, delta: null, omega: 0.2, phi: 0 } });
  });

  it('write one CSV row per interval', () => {
    expect(reportCsv([report])).toBe('queue,timestamp,p10,p50,p90\nreturns,2026-11-23T09:00:00+08:00,120.12,132.46,150\nreturns,2026-11-23T10:00:00+08:00,0,1.5,3\n');
  });
});
