// Band width on arrivals of a known rate: an ordinary hour's p10-p90 is what a Poisson / negative
// binomial of that rate gives, whether or not a promotion week sits in the backtest windows.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { negativeBinomialQuantile } from '../../../forecasting/backtest/intervals.ts';
import { forecastSeries, type ForecastInterval } from '../../../forecasting/forecast-series.ts';
import type { Series } from '../../../forecasting/series/series.ts';
import { poisson, random } from '../fixtures/synthetic-series.ts';

const ZONE = 'Asia/Shanghai';
const RATE = 56;
const HORIZON = { days: 14, hours: 0 };

/** Hours open 08:00-22:00 every day at RATE arrivals, x4 for the week from `promotion` on. */
function knownRate(days: number, promotion?: string): Series {
  const next = random(7);
  const first = DateTime.fromISO('2026-01-05', { zone: ZONE });
  const promoStart = promotion ? DateTime.fromISO(promotion, { zone: ZONE }).toMillis() : Number.POSITIVE_INFINITY;
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let h = 0; h < days * 24; h++) {
    const local = first.plus({ hours: h });
    const isOpen = local.hour >= 8 && local.hour < 22;
    const inPromotion = local.toMillis() >= promoStart && local.toMillis() < promoStart + 7 * 86_400_000;
    times.push(local.toMillis());
    values.push(isOpen ? poisson(RATE * (inPromotion ? 4 : 1), next) : 0);
    open.push(isOpen);
  }
  return { name: 'known-rate', intervalMinutes: 60, zone: ZONE, times, values, open };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const width = (i: ForecastInterval) => i.p90 - i.p10;
const POISSON_WIDTH = negativeBinomialQuantile(RATE, 0, 0.9) - negativeBinomialQuantile(RATE, 0, 0.1);

describe('ordinary-day bands of a known Poisson rate', () => {
  const plain = forecastSeries(knownRate(70), { horizon: HORIZON, events: { holidays: [], promotions: [] } });

  it('are as wide as the Poisson quantiles of that rate (p50 56: p90 about 66, not 4x p50)', () => {
    expect(negativeBinomialQuantile(RATE, 0, 0.1)).toBe(47);
    expect(negativeBinomialQuantile(RATE, 0, 0.9)).toBe(66);
    expect(plain.backtest.origins).toBeGreaterThanOrEqual(7);
    const ratio = median(plain.intervals.map(width)) / POISSON_WIDTH;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.5);
    for (const i of plain.intervals) expect(i.p90 / i.p50).toBeLessThan(1.5);
  });

  it('are not widened by a promotion week in the backtest windows, which gets its own band', () => {
    // The promotion week falls inside the backtest windows, before any origin has seen one (as
    // 11.11 on a 4-month history); a second promotion falls 10 days into the horizon.
    const series = knownRate(70, '2026-02-16');
    const ahead = DateTime.fromMillis(series.times.at(-1)!, { zone: ZONE }).plus({ days: 10 }).toISODate()!;
    const events = { holidays: [], promotions: ['2026-02-16', ahead] };
    const f = forecastSeries(series, { horizon: HORIZON, events });
    // Promotion features start 3 days before the day.
    const ordinary = f.intervals.filter((i) => i.start < DateTime.fromISO(ahead, { zone: ZONE }).minus({ days: 3 }).toMillis());
    expect(ordinary.length).toBeGreaterThan(50);
    expect(median(ordinary.map(width))).toBeLessThan(1.2 * median(plain.intervals.map(width)));
    expect(median(ordinary.map(width)) / POISSON_WIDTH).toBeLessThan(1.5);
    // The backtest still covers 75-85% of the arrivals, the promotion week included.
    const chosen = f.scores.find((s) => s.model === f.model)!;
    expect(chosen.coverage).toBeGreaterThanOrEqual(0.75);
    expect(chosen.coverage).toBeLessThanOrEqual(0.85);
    // The model that knows promotions forecasts the week ahead at its level, with a band to match.
    const regression = forecastSeries(series, { horizon: HORIZON, events, models: ['calendar-regression'] });
    const promotionWeek = regression.intervals.filter((i) => i.start >= DateTime.fromISO(ahead, { zone: ZONE }).toMillis());
    expect(median(promotionWeek.map((i) => i.p50))).toBeGreaterThan(3 * RATE);
    const promotionWidth = median(promotionWeek.map(width));
    expect(promotionWidth).toBeGreaterThan(1.5 * median(ordinary.map(width)));
    expect(promotionWidth).toBeLessThan(4 * (negativeBinomialQuantile(4 * RATE, 0, 0.9) - negativeBinomialQuantile(4 * RATE, 0, 0.1)));
  });

  it('without history to backtest, are the negative binomial quantiles of the history\'s own dispersion', () => {
    const f = forecastSeries(knownRate(10), { horizon: { days: 3, hours: 0 } });
    expect(f.backtest.origins).toBe(0);
    const ratio = median(f.intervals.map(width)) / POISSON_WIDTH;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.3);
    for (const i of f.intervals) expect(Number.isInteger(i.p10) && Number.isInteger(i.p90)).toBe(true);
  });

  it('without history to backtest, widen a first promotion day by an unknown effect\'s spread', () => {
    // 10 days of history (2026-01-05..14), a promotion on 01-20 that nothing has seen (its features
    // run from 01-17). An unknown effect adds a dispersion of 1 (UNSEEN_EVENT_DISPERSION): at a
    // p50 near 56 that is about a geometric distribution, p10 5 and p90 130, i.e. 0.1x to 2.3x the
    // p50. It was the ordinary Poisson band (p90 about 1.2x the p50), as if the day were known.
    const promotion = DateTime.fromISO('2026-01-17', { zone: ZONE }).toMillis();
    const f = forecastSeries(knownRate(10), { horizon: { days: 7, hours: 0 }, events: { holidays: [], promotions: ['2026-01-20'] } });
    expect(f.backtest.origins).toBe(0);
    const ordinary = f.intervals.filter((i) => i.start < promotion);
    const event = f.intervals.filter((i) => i.start >= promotion);
    expect(ordinary.length).toBe(2 * 14);
    expect(event.length).toBe(5 * 14);
    for (const i of ordinary) expect(i.p90 / i.p50).toBeLessThan(1.5);
    for (const i of event) {
      expect(i.p10 / i.p50).toBeLessThan(0.2);
      expect(i.p90 / i.p50).toBeGreaterThan(2);
      expect(i.p90 / i.p50).toBeLessThan(2.6);
    }
  });
});
