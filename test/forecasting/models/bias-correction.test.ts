import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildModelInput } from '../../../forecasting/forecast-series.ts';
import { calendarRegression } from '../../../forecasting/models/calendar-regression.ts';
import { random } from '../fixtures/synthetic-series.ts';

const LEVEL = [100, 90, 80, 80, 70, 50, 40];
const TRUE_MEAN = LEVEL.reduce((a, b) => a + b, 0) / 7;

/** Mean forecast over a week from each of the last 40 weeks, and the smearing factor, for one seed. */
function run(seed: number): { mean: number; smear: number } {
  // Daily, weekday levels 40..100, multiplicative lognormal noise with sigma 0.6 and mean 1: the
  // median is exp(-0.18) = 84% of the mean, so a plain exp() back-transform forecasts 16% low.
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
  const start = DateTime.fromISO('2026-01-05', { zone: 'UTC' });
  const days = 52 * 7;
  const times = Array.from({ length: days }, (_, d) => start.plus({ days: d }).toMillis());
  const values = times.map((_, d) => Math.round(LEVEL[d % 7]! * Math.exp(0.6 * normal() - 0.18)));
  const input = buildModelInput({ name: 'lognormal', intervalMinutes: 1440, zone: 'UTC', times, values, open: times.map(() => true) },
    [], { horizon: { days: 0, hours: 0 } });
  const origins = Array.from({ length: 40 }, (_, k) => days - 7 - 7 * k);
  const r = calendarRegression.forecast(input, origins, 7);
  const mean = r.forecasts.reduce((s, f) => s + f.reduce((a, b) => a + b, 0), 0) / (7 * origins.length);
  return { mean, smear: r.note?.id === 'calendar-regression' ? r.note.smearing ?? Number.NaN : Number.NaN };
}

describe('calendar regression back from logs', () => {
  it('forecasts the mean, not the median, of a lognormal series (smearing)', () => {
    const runs = [1, 2, 3, 4, 5].map(run);
    const ratio = runs.reduce((s, r) => s + r.mean, 0) / runs.length / TRUE_MEAN;
    expect(ratio).toBeGreaterThan(0.93);
    expect(ratio).toBeLessThan(1.05);
    // Without smearing it would be about 0.84; the factor is about exp(sigma^2 / 2) = 1.2.
    const unsmeared = runs.reduce((s, r) => s + r.mean / r.smear, 0) / runs.length / TRUE_MEAN;
    expect(unsmeared).toBeLessThan(0.88);
    for (const r of runs) expect(r.smear).toBeGreaterThan(1.1);
  });
});
