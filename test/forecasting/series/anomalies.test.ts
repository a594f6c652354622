import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildModelInput } from '../../../forecasting/forecast-series.ts';
import { seasonalNaive } from '../../../forecasting/models/seasonal-naive.ts';
import { syntheticSeries } from '../fixtures/synthetic-series.ts';

const zone = 'Asia/Shanghai';
const local = (t: number) => DateTime.fromMillis(t, { zone });

describe('outage and spike flagging', () => {
  // Six weeks, 08:00-22:00 every day, about 20 an hour at the peak.
  const clean = syntheticSeries({ start: '2026-01-05', days: 42, intervalMinutes: 60, zone, seed: 5, peakPerHour: 20, openHours: [8, 22] });
  const values = clean.values.slice();
  clean.times.forEach((t, i) => {
    const d = local(t);
    if (d.toISODate() === '2026-01-28' && d.hour >= 10 && d.hour < 15) values[i] = 0; // an outage: zeros in open hours
    if (d.toISODate() === '2026-02-04' && clean.open[i]) values[i] = values[i]! * 4; // a one-off spike
    if (d.toISODate() === '2026-02-11' && clean.open[i]) values[i] = values[i]! * 4; // a promotion day: explained, kept
  });
  const series = { ...clean, values };
  const events = { holidays: [], promotions: ['2026-02-11'] };
  const input = buildModelInput(series, [], { horizon: { days: 0, hours: 0 }, events });
  const flagged = new Map((input.flagged ?? []).map((d) => [new Date(d.day * 86_400_000).toISOString().slice(0, 10), d.kind]));

  it('flags the outage and the spike, not the promotion day or ordinary noise', () => {
    expect([...flagged]).toEqual([['2026-01-28', 'outage'], ['2026-02-04', 'spike']]);
  });

  it('treats flagged periods as missing when fitting: only the outage hours and the spike day', () => {
    const missing = clean.times.filter((_, i) => clean.open[i] && !input.open[i]).map((t) => local(t));
    expect(missing.filter((d) => d.toISODate() === '2026-01-28').map((d) => d.hour)).toEqual([10, 11, 12, 13, 14]);
    expect(missing.filter((d) => d.toISODate() === '2026-02-04').length).toBe(14);
    expect(missing.length).toBe(5 + 14);
  });

  it('does not copy an outage into next week', () => {
    // Forecast the week after the outage Wednesday from just after it.
    const origin = clean.times.findIndex((t) => local(t).toISODate() === '2026-01-29');
    const wednesdayAhead = (h: number) => local(clean.times[origin + h]!).weekday === 3 && local(clean.times[origin + h]!).hour === 12;
    const flaggedInput = buildModelInput({ ...series, times: series.times.slice(0, origin), values: values.slice(0, origin), open: series.open.slice(0, origin) },
      clean.times.slice(origin, origin + 7 * 24), { horizon: { days: 7, hours: 0 }, events });
    // Seasonal naive copies last week: without the flag it would forecast the outage's zero.
    const [f] = seasonalNaive.forecast(flaggedInput, [origin], 7 * 24).forecasts;
    const h = Array.from({ length: 7 * 24 }, (_, k) => k).find(wednesdayAhead)!;
    expect(f![h]).toBeGreaterThan(10);
  });

  it('leaves a lasting level change alone: the new level is not a string of spikes', () => {
    const shifted = { ...clean, values: clean.values.map((v, i) => (local(clean.times[i]!).toISODate()! >= '2026-02-09' ? v * 3 : v)) };
    expect(buildModelInput(shifted, [], { horizon: { days: 0, hours: 0 } }).flagged).toEqual([]);
  });
});
