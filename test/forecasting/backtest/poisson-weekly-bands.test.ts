// Hourly bands of Poisson arrivals with a daily and weekly cycle, at a planner's low volume (4 an
// hour at the peak) and a busy one (56): as wide as count noise plus model error, calibrated on a
// held-out fortnight, and wider on a first promotion day than on the ordinary days around it.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluateHoldout } from '../../../forecasting/backtest/holdout.ts';
import { negativeBinomialQuantile, UNSEEN_EVENT_DISPERSION } from '../../../forecasting/backtest/intervals.ts';
import { calibrate, type BacktestPoint } from '../../../forecasting/backtest/rolling-origin.ts';
import { forecastSeries, type ForecastInterval } from '../../../forecasting/forecast-series.ts';
import type { Series } from '../../../forecasting/series/series.ts';
import { dayShape, poisson, random, weekShape } from '../fixtures/synthetic-series.ts';

const ZONE = 'Asia/Shanghai';
const FIRST = DateTime.fromISO('2026-01-05', { zone: ZONE });
const DAYS = 70;
const HOLDOUT_DAYS = 14;

/** Open 08:00-22:00 every day; the true mean of each hour is known. */
function weeklyPoisson(peak: number, seed: number): { series: Series; mean: Map<number, number> } {
  const next = random(seed);
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  const mean = new Map<number, number>();
  for (let h = 0; h < DAYS * 24; h++) {
    const local = FIRST.plus({ hours: h });
    const isOpen = local.hour >= 8 && local.hour < 22;
    const rate = peak * dayShape(local.hour + 0.5) * weekShape(local.weekday);
    times.push(local.toMillis());
    values.push(isOpen ? poisson(rate, next) : 0);
    open.push(isOpen);
    mean.set(local.toMillis(), rate);
  }
  return { series: { name: `poisson-${peak}`, intervalMinutes: 60, zone: ZONE, times, values, open }, mean };
}

/** p10-p90 width of a Poisson of mean m (at least 1 arrival, so quiet hours compare with something). */
const poissonWidth = (m: number) => Math.max(1, negativeBinomialQuantile(m, 0, 0.9) - negativeBinomialQuantile(m, 0, 0.1));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const width = (i: ForecastInterval) => i.p90 - i.p10;

/**
 * How much wider than the Poisson band of the true mean a band may be: model error adds to count
 * noise (a weekday x hour mean of 4 weeks has a variance of a quarter of the rate, x1.12 in width;
 * a combination of two models a little more), so the median hour stays within 1.5x and no more
 * than a tenth of the hours pass 2x. The p90 of a 4-an-hour peak is then about 7-8, never 34.
 */
const MEDIAN_FACTOR = 1.5;

describe('hourly bands of weekly-cycled Poisson arrivals', () => {
  it('are as wide as count noise and model error imply, and cover 75-85% of a held-out fortnight', () => {
    let inside = 0;
    let periods = 0;
    fc.assert(fc.property(fc.constantFrom(4, 56), fc.integer({ min: 1, max: 1_000_000 }), (peak, seed) => {
      const { series, mean } = weeklyPoisson(peak, seed);
      const e = evaluateHoldout(series, HOLDOUT_DAYS, { events: { holidays: [], promotions: [] } });
      const bands = e.forecast.intervals;
      expect(bands.length).toBe(HOLDOUT_DAYS * 14);
      const ratios = bands.map((b) => width(b) / poissonWidth(mean.get(b.start)!));
      expect(median(ratios)).toBeGreaterThan(0.7);
      expect(median(ratios)).toBeLessThan(MEDIAN_FACTOR);
      expect(ratios.filter((r) => r > 2).length).toBeLessThanOrEqual(bands.length / 10);
      // At the busiest hour of the fortnight, p90 against the Poisson p90 of the true mean.
      const peakBand = bands.reduce((a, b) => (mean.get(b.start)! > mean.get(a.start)! ? b : a));
      expect(peakBand.p90).toBeLessThan(negativeBinomialQuantile(mean.get(peakBand.start)!, 0, 0.9) * 1.35);
      inside += Math.round(e.chosen.coverage * e.chosen.periods);
      periods += e.chosen.periods;
    }), { numRuns: 6, seed: 20261204 });
    // One fortnight's coverage swings +-3 points by chance; six pooled pin it to about +-1.2.
    expect(inside / periods).toBeGreaterThanOrEqual(0.75);
    expect(inside / periods).toBeLessThanOrEqual(0.85);
  }, 120_000);

  it('are wider on a first promotion day, whose effect nothing has shown yet, than on the ordinary days before it', () => {
    const { series } = weeklyPoisson(56, 11);
    const promotion = DateTime.fromMillis(series.times.at(-1)!, { zone: ZONE }).plus({ days: 8 }).toISODate()!;
    const f = forecastSeries(series, { horizon: { days: 14, hours: 0 }, events: { holidays: [], promotions: [promotion] } });
    const promotionStart = DateTime.fromISO(promotion, { zone: ZONE });
    const onDay = f.intervals.filter((i) => i.start >= promotionStart.toMillis() && i.start < promotionStart.plus({ days: 1 }).toMillis());
    // The promotion's features begin 3 days before it: the days before those are ordinary.
    const ordinary = f.intervals.filter((i) => i.start < promotionStart.minus({ days: 3 }).toMillis());
    expect(onDay.length).toBe(14);
    expect(median(onDay.map(width))).toBeGreaterThan(2 * median(ordinary.map(width)));
    // About p50 x (1 + 1.28): the p90 of a relative spread of 100%.
    expect(median(onDay.map((i) => i.p90 / i.p50))).toBeGreaterThan(1.8);
  });

  it('take the unseen-effect spread for a kind of event day the backtest holds none of, and the backtest\'s own where it holds enough', () => {
    const ordinaryPoint = (index: number): BacktestPoint => ({ origin: 0, index, bucket: 0, part: 0, day: 0, actual: 50 + (index % 3) - 1, forecast: 50 });
    const points = Array.from({ length: 200 }, (_, i) => ordinaryPoint(i));
    const holiday = (i: number) => (i >= 100 && i < 140 ? 'holiday' as const : null);
    const c = calibrate(points, 1, 1, { eventVariance: null, eventKind: holiday });
    expect(c.eventDispersion.promotion).toBe(UNSEEN_EVENT_DISPERSION);
    // The holidays' own errors are Poisson-small: no extra spread beyond ordinary days'.
    expect(c.eventDispersion.holiday).toBe(0);
  });
});
