import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { erlangAPerformance, erlangAStaffing } from '../../../forecasting/staffing/erlang-a.ts';
import { erlangCPerformance, erlangCStaffing } from '../../../forecasting/staffing/erlang-c.ts';
import { localHour, recommendStaffing } from '../../../forecasting/staffing/recommend.ts';

// The staffing search is bounded (issue 15): Erlang A starts from Erlang C's answer and brackets,
// both stop at maxAgents and say so; the answers below the limit are the exact smallest N.

const meetsA = (input: { arrivals: number; intervalSeconds: number; ahtSeconds: number }, n: number, sl: number, within: number, patience: number, occ: number) => {
  const p = erlangAPerformance(input, n, within, patience);
  return p.serviceLevel >= sl && p.occupancy <= occ + 1e-12;
};

describe('bounded agent search', () => {
  it('Erlang A: the smallest N that meets the service level and occupancy, as a scan from 1 finds it', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.5, max: 120, noNaN: true }), fc.integer({ min: 60, max: 1200 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }),
      fc.integer({ min: 5, max: 120 }), fc.integer({ min: 30, max: 900 }), fc.double({ min: 0.5, max: 1, noNaN: true }),
      (arrivals, aht, sl, within, patience, occ) => {
        const input = { arrivals, intervalSeconds: 900, ahtSeconds: aht };
        const s = erlangAStaffing(input, { serviceLevel: sl, answerWithinSeconds: within, maxOccupancy: occ, patienceSeconds: patience });
        let n = 1;
        while (!meetsA(input, n, sl, within, patience, occ)) n++;
        expect(s.agents).toBe(n);
        expect(s.beyondLimit).toBe(false);
      }), { numRuns: 60 });
  });

  it('stops at maxAgents and says the target needs more (Erlang C and A alike)', () => {
    // 10x the volume and 4 h AHT: about 1,600 Erlangs of traffic.
    const input = { arrivals: 100, intervalSeconds: 900, ahtSeconds: 14_400 };
    const target = { serviceLevel: 0.999999, answerWithinSeconds: 30, maxOccupancy: 0.5, shrinkage: 0.3, maxAgents: 1000 };
    const c = erlangCStaffing(input, target);
    expect(c).toMatchObject({ agents: 1000, beyondLimit: true, scheduledAgents: 1429 });
    expect(c.serviceLevel).toBe(erlangCPerformance(input, 1000, 30).serviceLevel);
    const a = erlangAStaffing(input, { ...target, patienceSeconds: 180 });
    expect(a).toMatchObject({ agents: 1000, beyondLimit: true, scheduledAgents: 1429 });
    // Within the limit the answer is exact and not flagged.
    expect(erlangCStaffing(input, { ...target, maxAgents: 5000 })).toMatchObject({ agents: 3200, beyondLimit: false });
  });

  it('plans a quarter of 15-minute intervals at the bounds in bounded time, the peak flagged as "more than"', () => {
    const start = Date.UTC(2026, 11, 1);
    const intervals = Array.from({ length: 92 * 96 }, (_, k) => ({ start: start + k * 900_000, minutes: 15, p50: 100, p90: 140 }));
    const began = performance.now();
    const r = recommendStaffing({
      queues: [{ id: 'phone', match: {}, serviceLevel: { target: 0.999999, answerWithinSeconds: 30, patienceSeconds: 180 }, sla: null }],
      forecasts: [{ queueId: 'phone', zone: 'Asia/Shanghai', model: 'test', intervals }],
      options: { ahtSeconds: 14_400, maxOccupancy: 0.5 },
    });
    expect(performance.now() - began).toBeLessThan(5_000); // generous for a shared machine; about 1 s alone
    expect(r.queues[0]!.summary).toMatchObject({ peakRequiredAgents: 1429, peakRequiredIsLowerBound: true });
  });

  it('localHour agrees with luxon through DST changes and half-hour zones', () => {
    // March, April, October, November: every DST change of these zones in 2026.
    const quarterHours = [2, 3, 9, 10].flatMap((month) => {
      const from = Date.UTC(2026, month, 1);
      return Array.from({ length: (Date.UTC(2026, month + 1, 1) - from) / 900_000 }, (_, k) => from + k * 900_000);
    });
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      const wrong = quarterHours.filter((t) => localHour(t, zone) !== DateTime.fromMillis(t, { zone }).hour);
      expect(wrong.map((t) => new Date(t).toISOString()), zone).toEqual([]);
    }
  });
});
