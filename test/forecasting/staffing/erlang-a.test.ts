import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangAPerformance, erlangAStaffing } from '../../../forecasting/staffing/erlang-a.ts';
import { erlangCPerformance } from '../../../forecasting/staffing/erlang-c.ts';

// pyworkforce's published ErlangA scenario (queuing/tests/test_abandonment.py): 100 calls in 30 min,
// AHT 3 min, patience 5 min, 14 agents, answered within 20 s.
const PYWORKFORCE = { arrivals: 100, intervalSeconds: 1800, ahtSeconds: 180 };

describe('Erlang A', () => {
  it('matches pyworkforce\'s published metrics for 14 agents', () => {
    const p = erlangAPerformance(PYWORKFORCE, 14, 20, 300);
    expect(p.probabilityOfWaiting).toBeCloseTo(0.14526, 5);
    expect(p.abandonment).toBeCloseTo(0.013984, 6);
    expect(p.occupancy).toBeCloseTo(0.704297, 6);
    expect(p.asaSeconds / 60).toBeCloseTo(0.069919, 6);
    expect(p.serviceLevel).toBeCloseTo(0.916792, 6);
  });

  it('converges to Erlang C as callers become infinitely patient', () => {
    for (const agents of [15, 20, 25]) {
      const a = erlangAPerformance(PYWORKFORCE, agents, 20, 6e7);
      const c = erlangCPerformance(PYWORKFORCE, agents, 20);
      expect(a.probabilityOfWaiting).toBeCloseTo(c.probabilityOfWaiting, 4);
      expect(a.occupancy).toBeCloseTo(c.occupancy, 4);
      expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 3);
    }
  });

  it('stays finite when overloaded: impatient callers leave, agents are all busy', () => {
    const p = erlangAPerformance({ arrivals: 3000, intervalSeconds: 1800, ahtSeconds: 300 }, 100, 60, 120);
    // 500 Erlangs on 100 agents: 400 of every 500 hang up.
    expect(p.abandonment).toBeCloseTo(0.8, 3);
    expect(p.occupancy).toBeCloseTo(1, 6);
    expect(p.serviceLevel).toBeLessThan(1e-6);
  });

  it('staffs the fewest agents meeting the target and the occupancy cap', () => {
    const s = erlangAStaffing(PYWORKFORCE, { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 0.85, shrinkage: 0.3, patienceSeconds: 300 });
    expect(s.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(s.occupancy).toBeLessThanOrEqual(0.85);
    expect(erlangAPerformance(PYWORKFORCE, s.agents - 1, 20, 300).serviceLevel).toBeLessThan(0.8);
    // Callers who hang up take no agent time: one agent fewer than Erlang C's textbook 14.
    expect(s.agents).toBe(13);
    expect(s.scheduledAgents).toBe(Math.ceil(13 / 0.7));
    expect(() => erlangAPerformance(PYWORKFORCE, 14, 20, 0)).toThrow('patience must be a number of seconds above 0');
  });

  it('more agents never lower the service level nor raise abandonment; less patience means more abandonment', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 400 }), fc.integer({ min: 30, max: 900 }), fc.integer({ min: 10, max: 900 }), fc.integer({ min: 1, max: 40 }),
      (arrivals, aht, patience, agents) => {
        const input = { arrivals, intervalSeconds: 1800, ahtSeconds: aht };
        const n = erlangAPerformance(input, agents, 20, patience);
        const more = erlangAPerformance(input, agents + 1, 20, patience);
        const impatient = erlangAPerformance(input, agents, 20, patience / 2);
        expect(more.serviceLevel).toBeGreaterThanOrEqual(n.serviceLevel - 1e-9);
        expect(more.abandonment).toBeLessThanOrEqual(n.abandonment + 1e-9);
        expect(impatient.abandonment).toBeGreaterThanOrEqual(n.abandonment - 1e-9);
        for (const x of [n.serviceLevel, n.abandonment, n.occupancy, n.probabilityOfWaiting]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
      }), { numRuns: 60 });
  });
});
