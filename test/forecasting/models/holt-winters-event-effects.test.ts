// Holt-Winters in a backtest knows the event effects a forecast made at each origin would know:
// a first promotion between two origins does not lift the later origin's ordinary weeks.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildModelInput } from '../../../forecasting/forecast-series.ts';
import { holtWinters } from '../../../forecasting/models/holt-winters.ts';
import type { Series } from '../../../forecasting/series/series.ts';
import { poisson, random } from '../fixtures/synthetic-series.ts';

const ZONE = 'Asia/Shanghai';
const RATE = 30;
const PROMOTION_DAY = 42;

/** 10 weeks open 08:00-22:00 at RATE an hour, x4 for the week from day 42 (a first promotion). */
function series(): Series {
  const next = random(3);
  const first = DateTime.fromISO('2026-01-05', { zone: ZONE });
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let h = 0; h < 70 * 24; h++) {
    const local = first.plus({ hours: h });
    const day = Math.floor(h / 24);
    const isOpen = local.hour >= 8 && local.hour < 22;
    const lift = day >= PROMOTION_DAY && day < PROMOTION_DAY + 7 ? 4 : 1;
    times.push(local.toMillis());
    values.push(isOpen ? poisson(RATE * lift, next) : 0);
    open.push(isOpen);
  }
  return { name: 'first-promotion', intervalMinutes: 60, zone: ZONE, times, values, open };
}

describe('holt-winters backtest origins after a first promotion', () => {
  it('forecast the ordinary week after it at its level, as a forecast made then would', () => {
    const s = series();
    const promotion = DateTime.fromISO('2026-01-05', { zone: ZONE }).plus({ days: PROMOTION_DAY }).toISODate()!;
    const input = buildModelInput(s, [], { horizon: { days: 0, hours: 0 }, events: { holidays: [], promotions: [promotion] } });
    // The first origin is before the promotion; the second two days after its 13-day window.
    const before = 35 * 24;
    const after = (PROMOTION_DAY + 16) * 24;
    const week = 7 * 24;
    const run = holtWinters.forecast(input, [before, after], week);
    const alone = holtWinters.forecast(input, [after], week).forecasts[0]!;
    const openMean = (f: Float64Array) => {
      let sum = 0;
      let n = 0;
      f.forEach((v, h) => { if (input.open[after + h]) { sum += v; n++; } });
      return sum / n;
    };
    expect(openMean(run.forecasts[1]!)).toBeGreaterThan(0.85 * RATE);
    expect(openMean(run.forecasts[1]!)).toBeLessThan(1.15 * RATE);
    // Within a few % of the forecast made from that origin alone (only the parameters differ).
    expect(Math.abs(openMean(run.forecasts[1]!) / openMean(alone) - 1)).toBeLessThan(0.05);
  });
});
