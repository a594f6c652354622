import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluateHoldout } from '../../../forecasting/backtest/holdout.ts';
import { forecastSeries } from '../../../forecasting/forecast-series.ts';
import { syntheticSeries } from '../fixtures/synthetic-series.ts';

describe('p10-p90 bands calibrated on backtest errors', () => {
  // 20 weeks of hours, open 08:00-22:00, growing, with two promotion days (x3, decaying) in the backtest windows.
  const promotions = ['2026-04-15', '2026-05-06'];
  const series = syntheticSeries({
    start: '2026-01-05', days: 20 * 7, intervalMinutes: 60, zone: 'Asia/Shanghai', seed: 17, peakPerHour: 25, openHours: [8, 22],
    growthPerYear: 0.3, promotions,
  });
  const events = { holidays: [], promotions };

  it('cover 70-90% of the arrivals in the backtest, promotion days included', () => {
    const f = forecastSeries(series, { horizon: { days: 14, hours: 0 }, events });
    expect(f.backtest.origins).toBe(8);
    const chosen = f.scores.find((s) => s.model === f.model)!;
    expect(chosen.coverage).toBeGreaterThanOrEqual(0.7);
    expect(chosen.coverage).toBeLessThanOrEqual(0.9);
    // The pinball loss of the bands is reported beside every model's.
    expect(chosen.pinball).toBeGreaterThan(0);
  });

  it('cover 70-90% of the held-out weeks, and beat seasonal naive with empirical quantiles on pinball loss', () => {
    const e = evaluateHoldout(series, 14, { events });
    expect(e.chosen.coverage).toBeGreaterThanOrEqual(0.7);
    expect(e.chosen.coverage).toBeLessThanOrEqual(0.9);
    expect(e.chosen.pinball).toBeLessThan(e.intervalBaseline.pinball);
  });

  it('estimate over-dispersion from history too short to backtest, so the band is wider than Poisson', () => {
    // Ten days at about 200 a day, swinging +-30% from day to day: far more than Poisson's +-7%.
    const start = DateTime.fromISO('2026-03-02', { zone: 'UTC' });
    const times = Array.from({ length: 10 }, (_, d) => start.plus({ days: d }).toMillis());
    const values = times.map((_, d) => (d % 2 === 0 ? 260 : 140));
    const f = forecastSeries({ name: 'short', intervalMinutes: 1440, zone: 'UTC', times, values, open: times.map(() => true) }, { horizon: { days: 3, hours: 0 } });
    expect(f.backtest.origins).toBe(0);
    const poissonWidth = 2 * 1.2816 * Math.sqrt(200);
    for (const i of f.intervals) expect(i.p90 - i.p10).toBeGreaterThan(2 * poissonWidth);
  });
});
