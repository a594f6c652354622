import { describe, expect, it } from 'vitest';
import { dayType } from '../../../forecasting/models/day-type.ts';
import { NO_FEATURES } from '../../../forecasting/models/calendar-features.ts';
import type { ModelInput } from '../../../forecasting/models/model.ts';
import { weekdaySlotMean } from '../../../forecasting/models/weekday-slot-mean.ts';

const MONDAY = 20457; // 2026-01-05

/** A hand-made input: `perDay` periods a day, day d's slot s valued value(d, s); all open unless closed(d, s). */
function input(days: number, perDay: number, value: (day: number, slot: number) => number, closed = (_d: number, _s: number) => false): ModelInput {
  const n = days * perDay;
  const at = (f: (d: number, s: number) => number) => Int32Array.from({ length: n }, (_, i) => f(Math.floor(i / perDay), i % perDay));
  return {
    values: Float64Array.from({ length: n }, (_, i) => value(Math.floor(i / perDay), i % perDay)),
    open: Uint8Array.from({ length: n }, (_, i) => (closed(Math.floor(i / perDay), i % perDay) ? 0 : 1)),
    calendar: {
      slotsPerDay: perDay, slotsPerWeek: 7 * perDay,
      daySlot: at((_d, s) => s), weekSlot: at((d, s) => (d % 7) * perDay + s), dayIndex: at((d) => MONDAY + d),
    },
    intervalMinutes: 1440 / perDay,
    features: NO_FEATURES,
  };
}

describe('weekday x slot mean benchmark', () => {
  it('averages the same weekday over the last 4 open weeks', () => {
    // Day d of week k: (weekday + 1) x 10 + k. Weeks 1..4 precede the origin at day 35: mean k = 2.5.
    const x = input(42, 1, (d) => ((d % 7) + 1) * 10 + Math.floor(d / 7));
    const [f] = weekdaySlotMean.forecast(x, [35], 7).forecasts;
    expect(Array.from(f!)).toEqual([12.5, 22.5, 32.5, 42.5, 52.5, 62.5, 72.5]);
  });

  it('skips closed (and flagged) periods: a closed Monday reaches one week further back', () => {
    const x = input(42, 1, (d) => ((d % 7) + 1) * 10 + Math.floor(d / 7), (d) => d === 28);
    const [f] = weekdaySlotMean.forecast(x, [35], 7).forecasts;
    expect(f![0]).toBe(10 + (0 + 1 + 2 + 3) / 4);
    expect(f![1]).toBe(22.5);
  });
});

describe('day-type benchmark', () => {
  const factor = [1.4, 1.2, 1, 1, 0.9, 0.5, 0.4];
  const share = [[0.25, 0.75], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.6, 0.4], [0.8, 0.2], [0.9, 0.1]];

  it('forecasts the recent level x weekday factor x that weekday\'s intraday profile', () => {
    // Seven weeks at 100 x factor a day, then a week at 200 x factor: the level doubles, the shape stays.
    const x = input(8 * 7 + 7, 2, (d, s) => (d < 49 ? 100 : 200) * factor[d % 7]! * share[d % 7]![s]!);
    const [f] = dayType.forecast(x, [56 * 2], 14).forecasts;
    const expected = Array.from({ length: 14 }, (_, h) => 200 * factor[Math.floor(h / 2)]! * share[Math.floor(h / 2)]![h % 2]!);
    Array.from(f!).forEach((v, h) => expect(v).toBeCloseTo(expected[h]!, 9));
  });

  it('forecasts daily totals alone on a daily series, and nothing for closed days', () => {
    const x = input(63, 1, (d) => 50 * factor[d % 7]!, (d) => d % 7 === 6);
    const [f] = dayType.forecast(x, [56], 7).forecasts;
    // The Sunday factor is unknown (never open), and Sunday is closed ahead too.
    expect(f![6]).toBe(0);
    for (let h = 0; h < 6; h++) expect(f![h]).toBeCloseTo(50 * factor[h]!, 9);
  });
});
