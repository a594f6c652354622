import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageSpeedOfAnswer, erlangB, erlangC, erlangCPerformance, erlangCStaffing, occupancy, serviceLevel, trafficIntensity, withShrinkage,
} from '../../../forecasting/staffing/erlang-c.ts';

describe('Erlang C against published examples', () => {
  // callcentrehelper.com, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls
  // in 30 minutes, AHT 180 s, target 80% answered in 20 s, 30% shrinkage -> 10 Erlangs, 14
  // agents, 20 with shrinkage. The probabilities are recomputed here from the formula
  // (Pw = 0.1741, SL = 88.8%, ASA = 7.84 s; note ASA = Pw x 180 / 4 = 7.8 s, not 8.8 s).
  it('reproduces the callcentrehelper worked example (100 calls / 30 min, AHT 180 s, 80/20)', () => {
    const traffic = trafficIntensity(100, 1800, 180);
    expect(traffic).toBe(10);
    const s = erlangCStaffing({ arrivals: 100, intervalSeconds: 1800, ahtSeconds: 180 }, { serviceLevel: 0.8, answerWithinSeconds: 20, shrinkage: 0.3 });
    expect(s.agents).toBe(14);
    expect(s.scheduledAgents).toBe(20);
    expect(s.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(s.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(s.asaSeconds).toBeCloseTo(7.84, 2);
    expect(s.occupancy).toBeCloseTo(0.7143, 4);
    expect(s.boundBy).toBe('service-level');
    // 13 agents miss the target (79.6% < 80%): 14 is the smallest.
    expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.7956, 4);
  });

  // Westbay Engineers (mitan.co.uk), "The Erlang-C formula": 360 calls per half hour, 4 minute
  // calls, 55 agents, 15 s target: A = 48 Erlangs, occupancy 0.873, E_C = 0.2387 (24% wait),
  // ASA = 8.2 s, service level 84.6%.
  it('reproduces the Westbay worked example (360 calls / 30 min, 4 min calls, 55 agents)', () => {
    const p = erlangCPerformance({ arrivals: 360, intervalSeconds: 1800, ahtSeconds: 240 }, 55, 15);
    expect(p.traffic).toBe(48);
    expect(p.occupancy).toBeCloseTo(0.8727, 4);
    expect(p.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    expect(p.asaSeconds).toBeCloseTo(8.18, 2);
    expect(p.serviceLevel).toBeCloseTo(0.8459, 4);
  });

  // Erlang B table at 1% blocking (e.g. the tables in Koole, "Call Center Optimization", or any
  // teletraffic handbook): 5 lines carry 1.36 E, 10 lines 4.46 E, 20 lines 12.03 E, 100 lines 84.06 E.
  it('matches the Erlang B table at 1% grade of service', () => {
    for (const [lines, erlangs] of [[5, 1.36], [10, 4.46], [20, 12.03], [100, 84.06]] as const) {
      expect(erlangB(lines, erlangs)).toBeCloseTo(0.01, 4);
    }
  });

  it('stays finite and exact for hundreds of agents (no N! overflow)', () => {
    // Reference in log space: C = term_N / (sum_{k<N} term_k + term_N), term_N scaled by N/(N-A).
    const reference = (n: number, a: number) => {
      const logs: number[] = [];
      let log = 0;
      for (let k = 0; k <= n; k++) { if (k > 0) log += Math.log(a) - Math.log(k); logs.push(log); }
      const last = logs[n]! + Math.log(n / (n - a));
      const max = Math.max(...logs, last);
      const sum = logs.slice(0, n).reduce((s, l) => s + Math.exp(l - max), 0) + Math.exp(last - max);
      return Math.exp(last - max) / sum;
    };
    for (const [n, a] of [[520, 500], [1100, 1000], [300, 250]] as const) {
      const c = erlangC(n, a);
      expect(Number.isFinite(c)).toBe(true);
      expect(c).toBeCloseTo(reference(n, a), 10);
    }
    const big = erlangCStaffing({ arrivals: 6000, intervalSeconds: 1800, ahtSeconds: 300 }, { serviceLevel: 0.8, answerWithinSeconds: 20 });
    expect(big.traffic).toBe(1000);
    expect(big.agents).toBeGreaterThan(1000);
    expect(big.agents).toBeLessThan(1050);
    expect(big.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });
});

describe('Erlang C edge cases', () => {
  it('needs no one without traffic', () => {
    const s = erlangCStaffing({ arrivals: 0, intervalSeconds: 3600, ahtSeconds: 300 }, { serviceLevel: 0.8, answerWithinSeconds: 20, shrinkage: 0.3 });
    expect(s).toMatchObject({ agents: 0, scheduledAgents: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, boundBy: 'no-traffic' });
  });

  it('raises agents to honour a maximum occupancy', () => {
    // 10 E at 80/60: SL alone needs 13 agents (occupancy 77%); a 70% cap needs ceil(10 / 0.7) = 15.
    const slOnly = erlangCStaffing({ arrivals: 100, intervalSeconds: 1800, ahtSeconds: 180 }, { serviceLevel: 0.8, answerWithinSeconds: 60 });
    const capped = erlangCStaffing({ arrivals: 100, intervalSeconds: 1800, ahtSeconds: 180 }, { serviceLevel: 0.8, answerWithinSeconds: 60, maxOccupancy: 0.7 });
    expect(slOnly.agents).toBe(13);
    expect(slOnly.boundBy).toBe('service-level');
    expect(capped.agents).toBe(15);
    expect(capped.boundBy).toBe('occupancy');
    expect(capped.occupancy).toBeLessThanOrEqual(0.7);
  });

  it('rounds shrinkage up without floating-point surprises', () => {
    expect(withShrinkage(14, 0.3)).toBe(20);
    expect(withShrinkage(15, 0.3)).toBe(22);
    expect(withShrinkage(7, 0)).toBe(7);
    expect(() => withShrinkage(7, 1)).toThrow('shrinkage must be in [0, 1)');
  });

  it('says what is wrong with bad inputs', () => {
    expect(() => erlangCStaffing({ arrivals: 10, intervalSeconds: 1800, ahtSeconds: 180 }, { serviceLevel: 80, answerWithinSeconds: 20 }))
      .toThrow('service-level target must be a share between 0 and 1');
    expect(() => trafficIntensity(-1, 1800, 180)).toThrow('arrivals must be a finite number >= 0');
    expect(() => erlangCStaffing({ arrivals: 10, intervalSeconds: 1800, ahtSeconds: 180 }, { serviceLevel: 0.8, answerWithinSeconds: 20, maxOccupancy: 1.5 }))
      .toThrow('maximum occupancy must be in (0, 1]');
  });
});

describe('Erlang C properties', () => {
  const load = fc.record({
    traffic: fc.double({ min: 0.1, max: 300, noNaN: true }),
    aht: fc.integer({ min: 10, max: 1800 }),
    within: fc.integer({ min: 0, max: 120 }),
  });

  it('more agents give a higher service level, a lower ASA and a lower probability of waiting', () => {
    fc.assert(fc.property(load, fc.integer({ min: 1, max: 40 }), ({ traffic, aht, within }, extra) => {
      const n = Math.floor(traffic) + 1;
      const m = n + extra;
      expect(serviceLevel(m, traffic, aht, within)).toBeGreaterThanOrEqual(serviceLevel(n, traffic, aht, within) - 1e-12);
      expect(averageSpeedOfAnswer(m, traffic, aht)).toBeLessThanOrEqual(averageSpeedOfAnswer(n, traffic, aht) + 1e-12);
      expect(erlangC(m, traffic)).toBeLessThanOrEqual(erlangC(n, traffic) + 1e-12);
      expect(occupancy(m, traffic)).toBeLessThan(occupancy(n, traffic));
    }));
  });

  it('more traffic never needs fewer agents', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 30, max: 900 }),
      fc.double({ min: 0.5, max: 0.95, noNaN: true }), (arrivals, more, aht, target) => {
        const goal = { serviceLevel: target, answerWithinSeconds: 20, maxOccupancy: 0.9 };
        const a = erlangCStaffing({ arrivals, intervalSeconds: 1800, ahtSeconds: aht }, goal);
        const b = erlangCStaffing({ arrivals: arrivals + more, intervalSeconds: 1800, ahtSeconds: aht }, goal);
        expect(b.agents).toBeGreaterThanOrEqual(a.agents);
      }));
  });

  it('a stricter target, a shorter answer time or a longer AHT never needs fewer agents; shrinkage only adds scheduled ones', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 30, max: 900 }), fc.integer({ min: 0, max: 300 }),
      fc.double({ min: 0.5, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 0.09, noNaN: true }), fc.integer({ min: 0, max: 60 }),
      fc.double({ min: 0, max: 0.6, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }),
      (arrivals, aht, moreAht, target, stricter, within, shrinkage, moreShrinkage) => {
        const load = { arrivals, intervalSeconds: 1800, ahtSeconds: aht };
        const goal = { serviceLevel: target, answerWithinSeconds: within + 5, maxOccupancy: 0.9, shrinkage };
        const base = erlangCStaffing(load, goal);
        expect(erlangCStaffing(load, { ...goal, serviceLevel: target + stricter }).agents).toBeGreaterThanOrEqual(base.agents);
        expect(erlangCStaffing(load, { ...goal, answerWithinSeconds: within }).agents).toBeGreaterThanOrEqual(base.agents);
        expect(erlangCStaffing({ ...load, ahtSeconds: aht + moreAht }, goal).agents).toBeGreaterThanOrEqual(base.agents);
        const shrunk = erlangCStaffing(load, { ...goal, shrinkage: shrinkage + moreShrinkage });
        expect(shrunk.agents).toBe(base.agents);
        expect(shrunk.scheduledAgents).toBeGreaterThanOrEqual(base.scheduledAgents);
        expect(base.scheduledAgents).toBeGreaterThanOrEqual(base.agents);
        expect(base.scheduledAgents * (1 - shrinkage)).toBeGreaterThanOrEqual(base.agents - 1e-9);
      }));
  });

  it('N <= A never meets any target: the queue grows without bound', () => {
    fc.assert(fc.property(load, fc.double({ min: 0, max: 1, noNaN: true }), ({ traffic, aht, within }, share) => {
      const n = Math.floor(traffic * share);
      expect(erlangC(n, traffic)).toBe(1);
      expect(serviceLevel(n, traffic, aht, within)).toBe(0);
      expect(averageSpeedOfAnswer(n, traffic, aht)).toBe(Number.POSITIVE_INFINITY);
    }));
  });

  it('recommends the smallest N meeting the target and the occupancy cap', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 30, max: 900 }), fc.integer({ min: 5, max: 60 }),
      fc.double({ min: 0.5, max: 0.95, noNaN: true }), fc.double({ min: 0.6, max: 1, noNaN: true }), (arrivals, aht, within, target, maxOcc) => {
        const s = erlangCStaffing({ arrivals, intervalSeconds: 3600, ahtSeconds: aht }, { serviceLevel: target, answerWithinSeconds: within, maxOccupancy: maxOcc });
        expect(s.agents).toBeGreaterThan(s.traffic);
        expect(s.serviceLevel).toBeGreaterThanOrEqual(target);
        expect(s.occupancy).toBeLessThanOrEqual(maxOcc + 1e-9);
        const fewer = s.agents - 1;
        const fewerOk = fewer > s.traffic && serviceLevel(fewer, s.traffic, aht, within) >= target && s.traffic / fewer <= maxOcc + 1e-9;
        expect(fewerOk).toBe(false);
      }));
  });
});
