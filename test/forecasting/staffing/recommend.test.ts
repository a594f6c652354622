import { describe, expect, it } from 'vitest';
import type { QueueAht } from '../../../forecasting/staffing/aht.ts';
import { chooseMethod, recommendStaffing, type QueueForecastInput, type StaffingQueue } from '../../../forecasting/staffing/recommend.ts';
import { whatIf } from '../../../forecasting/staffing/what-if.ts';

const ZONE = 'Asia/Shanghai';
const HALF_HOUR = 1_800_000;
const NINE = Date.parse('2026-11-23T09:00:00+08:00');

const phone: StaffingQueue = {
  id: 'returns', name: '售后退换货', match: { problem_type: ['return_exchange'], channel: ['phone', 'web'] },
  serviceLevel: { target: 0.8, answerWithinSeconds: 20 }, sla: { firstResponseSeconds: 1800, resolutionSeconds: 86_400, clock: 'business' },
};
const email: StaffingQueue = {
  id: 'quality', match: { problem_type: ['product_quality'], channel: ['email', 'web'] },
  serviceLevel: null, sla: { firstResponseSeconds: 3600, resolutionSeconds: 172_800, clock: 'business' },
};

const forecast = (queueId: string, p50: number[]): QueueForecastInput => ({
  queueId, zone: ZONE, model: 'holt-winters',
  intervals: p50.map((v, k) => ({ start: NINE + k * HALF_HOUR, minutes: 30, p10: v * 0.8, p50: v, p90: v * 1.2 })),
});

/** 180 s AHT at 09:00 local (40 tickets), 240 s at 10:00 from only 5 tickets, 200 s over the queue. */
const history: QueueAht = {
  byHour: Array.from({ length: 24 }, (_, h) => (h === 9 ? { tickets: 40, ahtSeconds: 180 } : h === 10 ? { tickets: 5, ahtSeconds: 240 } : { tickets: 0, ahtSeconds: null })),
  overall: { tickets: 45, ahtSeconds: 200 },
};

describe('recommendStaffing', () => {
  const input = {
    queues: [phone, email],
    forecasts: [forecast('returns', [100, 100, 100]), forecast('quality', [20, 60, 0])],
    aht: new Map([['returns', history]]),
    options: { shrinkage: 0.3, maxOccupancy: 0.85, defaultAhtSeconds: 600 },
    generatedAt: NINE - 13 * 3_600_000,
  };
  const r = recommendStaffing(input);
  const [returns, quality] = r.queues;

  it('uses Erlang C for a queue with a service level, with the AHT of the local hour', () => {
    expect(returns!.method).toBe('erlang_c');
    // 09:00 and 09:30: 100 calls / 30 min at the hour's 180 s: the textbook 14 agents, 20 scheduled.
    expect(returns!.intervals[0]).toMatchObject({ ahtSeconds: 180, ahtSource: 'hour', agents: 14, scheduledAgents: 20 });
    expect(returns!.intervals[0]!.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(returns!.intervals[0]!.asaSeconds).toBeCloseTo(7.84, 2);
    expect(returns!.intervals[0]!.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    // 10:00 has 5 tickets only: the queue's 200 s instead (A = 11.1 E).
    expect(returns!.intervals[2]).toMatchObject({ ahtSeconds: 200, ahtSource: 'queue' });
    expect(returns!.intervals[2]!.agents).toBeGreaterThan(14);
    expect(returns!.summary.peakScheduledAgents).toBe(returns!.intervals[2]!.scheduledAgents);
    expect(returns!.summary.agentHours).toBeCloseTo((20 + 20 + returns!.intervals[2]!.scheduledAgents) / 2, 10);
  });

  it('uses the workload model for async queues, with the default AHT when history has none', () => {
    expect(quality!.method).toBe('workload');
    expect(quality!.target).toMatchObject({ slaSeconds: 3600, clock: 'business', maxOccupancy: 0.85 });
    // 20 x 600 s = 12000 s may wait the 1 h SLA (2 more intervals): 12000 / 3 = 4000 s per interval,
    // an agent gives 1800 x 0.85 = 1530 s -> 3 agents, leaving 12000 - 4590 s for later.
    expect(quality!.intervals.map((i) => i.ahtSource)).toEqual(['default', 'default', 'default']);
    expect(quality!.intervals[0]!.agents).toBe(3);
    expect(quality!.intervals[0]!.backlogSeconds).toBeCloseTo(12000 - 3 * 1530, 6);
    expect(quality!.intervals[0]!.serviceLevel).toBe(1);
    for (const i of quality!.intervals) expect(i.occupancy).toBeLessThanOrEqual(0.85 + 1e-9);
    expect(quality!.intervals.map((i) => i.scheduledAgents)).toEqual(quality!.intervals.map((i) => Math.ceil(i.agents / 0.7 - 1e-9)));
  });

  it('accepts interval starts as ISO strings with offsets', () => {
    const iso = recommendStaffing({ ...input, forecasts: [{ ...forecast('returns', [100]), intervals: [{ start: '2026-11-23T09:00:00+08:00', minutes: 30, p50: 100, p90: 120 }] }] });
    expect(iso.queues[0]!.intervals[0]).toMatchObject({ start: NINE, agents: 14 });
    expect(() => recommendStaffing({ ...input, forecasts: [{ ...forecast('returns', [1]), intervals: [{ start: 'tomorrow', minutes: 30, p50: 1, p90: 1 }] }] }))
      .toThrow('queue returns: forecast interval start "tomorrow" is not ISO 8601');
  });

  it('chooses the method from service_level and the live channels of the match', () => {
    expect(chooseMethod({ ...email, match: { channel: ['chat', 'email'] } }, ['phone', 'chat'])).toMatchObject({ method: 'erlang_c' });
    expect(chooseMethod({ ...email, match: {} }, ['phone', 'chat'])).toMatchObject({ method: 'workload' });
    expect(chooseMethod(phone, ['phone', 'chat']).reason).toContain('service_level set (80% within 20s)');
  });
});

describe('whatIf', () => {
  const input = {
    queues: [phone, email],
    forecasts: [forecast('returns', [100, 60]), forecast('quality', [20, 60])],
    aht: new Map([['returns', history]]),
    options: { shrinkage: 0.3, maxOccupancy: 0.85, defaultAhtSeconds: 600 },
    generatedAt: NINE,
  };

  it('a target what-if keeps a queue\'s patience: an Erlang A queue stays Erlang A', () => {
    const patient: StaffingQueue = { ...phone, serviceLevel: { target: 0.8, answerWithinSeconds: 20, patienceSeconds: 180 } };
    const w = whatIf({ ...input, queues: [patient, email] }, { serviceLevelTarget: 0.9 });
    expect(w.changed.queues[0]!.target).toMatchObject({ serviceLevel: 0.9, patienceSeconds: 180 });
    expect(w.queues[0]!.method).toBe('erlang_a');
  });

  it('x1.3 volume needs more agents, and shows how the base staffing would fare', () => {
    const w = whatIf(input, { volumeMultiplier: 1.3 });
    for (const q of w.queues) {
      expect(q.agentHours).toBeGreaterThan(q.baseAgentHours);
      for (const i of q.intervals) {
        expect(i.arrivals).toBeCloseTo(i.baseArrivals * 1.3, 9);
        expect(i.change).toBeGreaterThanOrEqual(0);
      }
    }
    const first = w.queues[0]!.intervals[0]!;
    expect(first.baseScheduledAgents).toBe(20);
    expect(first.change).toBeGreaterThan(0);
    // 130 calls on the 14 working agents planned for 100: the service level collapses.
    expect(first.serviceLevelWithBaseStaffing!).toBeLessThan(0.8);
    expect(first.serviceLevel!).toBeGreaterThanOrEqual(0.8);
    expect(w.totals.changeAgentHours).toBeCloseTo(w.totals.agentHours - w.totals.baseAgentHours, 9);
  });

  it('shrinkage changes only the scheduled agents; a stricter target adds agents to live queues only', () => {
    const shrink = whatIf(input, { shrinkage: 0.4 });
    const base = shrink.base.queues[0]!.intervals[0]!;
    const changed = shrink.changed.queues[0]!.intervals[0]!;
    expect(changed.agents).toBe(base.agents);
    expect(changed.scheduledAgents).toBe(Math.ceil(14 / 0.6));
    const strict = whatIf(input, { serviceLevelTarget: 0.95 });
    expect(strict.queues[0]!.intervals[0]!.change).toBeGreaterThan(0);
    expect(strict.queues[1]!.intervals.every((i) => i.change === 0)).toBe(true);
  });

  it('a longer AHT needs more agents everywhere there is work', () => {
    const w = whatIf(input, { ahtMultiplier: 1.5 });
    expect(w.changed.queues[0]!.intervals[0]!.ahtSeconds).toBe(270);
    for (const q of w.queues) expect(q.agentHours).toBeGreaterThan(q.baseAgentHours);
  });
});
