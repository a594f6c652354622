import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { staffingWarnings } from '../../../forecasting/dispatch-rules/warnings.ts';
import type { Headcount } from '../../../forecasting/staffing/headcount.ts';
import { recommendStaffing, type QueueForecastInput, type StaffingQueue } from '../../../forecasting/staffing/recommend.ts';
import { workloadStaffing, type WorkloadInterval } from '../../../forecasting/staffing/workload.ts';

const headcount = (agents: number): Headcount => ({
  agents, source: 'config', dedicated: agents, shared: 0, sharedFte: 0, daysPerWeek: 5, note: { en: `${agents} agents`, zh: `${agents} 名坐席` },
});

const phone: StaffingQueue = {
  id: 'returns', match: { channel: ['phone'] }, serviceLevel: { target: 0.8, answerWithinSeconds: 20 }, sla: null,
};
const patientPhone: StaffingQueue = { ...phone, id: 'logistics', serviceLevel: { target: 0.8, answerWithinSeconds: 30, patienceSeconds: 180 } };
const email: StaffingQueue = {
  id: 'quality', match: { channel: ['email'] }, serviceLevel: null, sla: { firstResponseSeconds: 3600, resolutionSeconds: null, clock: 'business' },
};

/** Hourly intervals in `zone` from a local start, open as `open` says. */
function hourly(queueId: string, zone: string, from: string, p50: readonly number[], open: readonly boolean[]): QueueForecastInput {
  const start = DateTime.fromISO(from, { zone });
  return {
    queueId, zone, model: 'test',
    intervals: p50.map((v, k) => ({ start: start.plus({ hours: k }).toMillis(), minutes: 60, p50: v, p90: v * 1.2, inCalendarHours: open[k]! })),
  };
}

const plan = fc.record({
  arrivals: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 48 }),
  openMask: fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
  head: fc.integer({ min: 1, max: 12 }),
  shrinkage: fc.constantFrom(0, 0.2, 0.3),
  queue: fc.constantFrom(phone, patientPhone, email),
});

describe('feasible staffing (properties)', () => {
  it('never schedules more agents than the headcount, nobody when closed; the shortfall is what the target needs beyond it', () => {
    fc.assert(fc.property(plan, ({ arrivals, openMask, head, shrinkage, queue }) => {
      const forecast = hourly(queue.id, 'Asia/Shanghai', '2026-11-23T00:00', arrivals, openMask);
      const r = recommendStaffing({
        queues: [queue], forecasts: [forecast], options: { shrinkage, defaultAhtSeconds: 300 }, headcount: new Map([[queue.id, headcount(head)]]),
      });
      const q = r.queues[0]!;
      for (const i of q.intervals) {
        expect(i.scheduledAgents).toBeLessThanOrEqual(head);
        expect(i.agents).toBeLessThanOrEqual(head * (1 - shrinkage) + 1e-9);
        expect(Number.isInteger(i.agents)).toBe(true);
        expect(i.shortfall).toBe(Math.max(0, i.requiredAgents - i.scheduledAgents));
        if (!i.open) expect([i.agents, i.scheduledAgents, i.requiredAgents, i.shortfall]).toEqual([0, 0, 0, 0]);
        if (i.shortfall > 0) expect(i.scheduledAgents).toBe(head);
      }
      expect(q.summary.peakScheduledAgents).toBeLessThanOrEqual(head);
    }), { numRuns: 80 });
  });

  it('shows an async queue short only when its head count misses the SLA (the backlog may wait for quieter hours)', () => {
    // A 24 h SLA: a 6-hour burst needing 8 agents a hour, then a quiet day that 4 people work off.
    const patient: StaffingQueue = { ...email, sla: { firstResponseSeconds: 24 * 3600, resolutionSeconds: null, clock: 'calendar' } };
    const burst = [...Array(6).fill(300), ...Array(18).fill(20)];
    const run = (queue: StaffingQueue) => recommendStaffing({
      queues: [queue], forecasts: [hourly(queue.id, 'UTC', '2026-11-23T00:00', burst, Array(24).fill(true))],
      options: { shrinkage: 0, defaultAhtSeconds: 300 }, headcount: new Map([[queue.id, headcount(4)]]),
    }).queues[0]!;
    const met = run(patient);
    expect(met.summary.intervalsShort).toBe(0);
    expect(met.intervals.every((i) => i.serviceLevel === null || i.serviceLevel >= 0.999)).toBe(true);
    expect(Math.max(...met.intervals.map((i) => i.requiredAgents))).toBeLessThanOrEqual(4);
    // The same burst with a 1 h SLA: 4 people miss it, and the burst hours show what is missing.
    const missed = run(email);
    expect(missed.summary.intervalsShort).toBeGreaterThan(0);
    expect(missed.intervals[0]!.shortfall).toBeGreaterThan(0);
    expect(Math.min(...missed.intervals.map((i) => i.serviceLevel ?? 1))).toBeLessThan(0.999);
  });

  it('async backlog is conserved: arrivals so far = worked so far + still waiting, with or without a headcount', () => {
    fc.assert(fc.property(plan, ({ arrivals, openMask, head }) => {
      const intervals: WorkloadInterval[] = arrivals.map((a, k) => ({ start: k * 3_600_000, minutes: 60, arrivals: a, handleSeconds: 400, open: openMask[k]! }));
      for (const maxAgents of [Number.POSITIVE_INFINITY, head * 0.7]) {
        const r = workloadStaffing(intervals, { slaSeconds: 7200, clock: 'business', targetOccupancy: 0.85 }, maxAgents);
        let arrived = 0;
        let worked = 0;
        r.intervals.forEach((x, k) => {
          arrived += arrivals[k]!;
          worked += x.arrivalsWorked;
          expect(arrived).toBeCloseTo(worked + x.arrivalsWaiting, 6);
          expect(x.backlog).toBeCloseTo(x.arrivalsWaiting * 400, 3);
          expect(x.agents).toBeLessThanOrEqual(maxAgents);
          if (!openMask[k]) expect(x.workDone).toBe(0);
        });
      }
    }), { numRuns: 80 });
  });

  it('works a weekend off over the next opening day, not in its first hour, and carries what the team cannot do', () => {
    // Closed Saturday and Sunday (48 h, 10 tickets an hour), then Monday 09:00-18:00 with 10 an hour.
    const closed = Array.from({ length: 48 }, () => ({ arrivals: 10, open: false }));
    const monday = Array.from({ length: 9 }, () => ({ arrivals: 10, open: true }));
    const intervals: WorkloadInterval[] = [...closed, ...monday].map((x, k) => ({ start: k * 3_600_000, minutes: 60, handleSeconds: 600, ...x }));
    const o = { slaSeconds: 3600, clock: 'business' as const, targetOccupancy: 0.85 };
    const free = workloadStaffing(intervals, o).intervals.slice(48);
    // 480 weekend tickets x 600 s over 9 hours plus each hour's own: 342,000 s / (9 x 3,060 s) = 12.4
    // agents all day (whole agents: 13-14), not the 95 that would answer the weekend at 09:00.
    expect(Math.max(...free.map((x) => x.agents))).toBeLessThanOrEqual(14);
    // All but the last hour's own work (due after the horizon) is done on Monday.
    expect(free.reduce((s, x) => s + x.agents, 0)).toBeGreaterThanOrEqual(Math.ceil((342_000 - 6000) / 3060));
    const capped = workloadStaffing(intervals, o, 3.5).intervals.slice(48);
    expect(capped.every((x) => x.agents <= 3.5)).toBe(true);
    expect(capped.at(-1)!.arrivalsWaiting).toBeGreaterThan(0);
    // Monday's own tickets go first (earliest deadline): the 09:00 hour's are answered in time.
    expect(workloadStaffing(intervals, o, 3.5).intervals[48]!.slaAttainment).toBe(1);
  });
});

describe('plan start', () => {
  const queue = { ...phone, id: 'night' };
  const startOf = (forecast: QueueForecastInput, now: number) =>
    recommendStaffing({ queues: [queue], forecasts: [forecast], options: { defaultAhtSeconds: 300 }, now }).queues[0]!;

  it('starts at the next interval after now across midnight in the queue\'s zone', () => {
    const zone = 'Asia/Shanghai';
    const f = hourly('night', zone, '2026-11-22T20:00', Array(12).fill(50), Array(12).fill(true));
    const q = startOf(f, DateTime.fromISO('2026-11-22T23:40', { zone }).toMillis());
    expect(DateTime.fromMillis(q.planStart!, { zone }).toISO()).toBe('2026-11-23T00:00:00.000+08:00');
    expect(q.intervals).toHaveLength(8);
  });

  it('skips the hour that does not exist on the spring-forward night', () => {
    const zone = 'America/New_York';
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT; local hours 00, 01, 03, 04, ...
    const f = hourly('night', zone, '2026-03-07T22:00', Array(10).fill(50), Array(10).fill(true));
    const q = startOf(f, DateTime.fromISO('2026-03-08T01:40', { zone }).toMillis());
    expect(DateTime.fromMillis(q.planStart!, { zone }).toISO()).toBe('2026-03-08T03:00:00.000-04:00');
    expect(q.planStart! - DateTime.fromISO('2026-03-08T01:00', { zone }).toMillis()).toBe(3_600_000);
  });

  it('a forecast wholly in the past is planned whole; an interval starting exactly now is included', () => {
    const f = hourly('night', 'Asia/Shanghai', '2026-11-22T08:00', [10, 20, 30], [true, true, true]);
    expect(startOf(f, Date.parse('2026-12-01T00:00:00Z')).intervals).toHaveLength(3);
    expect(startOf(f, Date.parse('2026-11-22T09:00:00+08:00')).intervals.map((i) => i.arrivals)).toEqual([20, 30]);
  });
});

describe('staffing warnings', () => {
  it('one per queue, shortfall before service level at risk, in English and Chinese', () => {
    const busy = hourly('returns', 'Asia/Shanghai', '2026-11-23T09:00', [40, 300, 60], [true, true, true]);
    const calm = hourly('logistics', 'Asia/Shanghai', '2026-11-23T09:00', [40, 50, 60], [true, true, true]);
    const r = recommendStaffing({
      queues: [phone, patientPhone], forecasts: [calm, busy], options: { defaultAhtSeconds: 300 },
      headcount: new Map([['returns', headcount(6)], ['logistics', headcount(30)]]),
    });
    const warnings = staffingWarnings(r);
    expect(warnings.map((w) => [w.kind, w.queues[0]])).toEqual([['shortfall', 'returns']]);
    const w = warnings[0]!;
    const peak = r.queues[1]!.summary.peakShortfall!;
    expect(peak.scheduledAgents).toBe(6);
    expect(w.message).toContain(`short of ${peak.agents} agents at 2026-11-23 10:00 (needs ${peak.requiredAgents}, the team has 6)`);
    expect(w.messages!.zh).toContain(`缺 ${peak.agents} 名坐席`);
    // A stricter target than the calm queue's people can give: its service level is at risk, ranked after.
    const strict = staffingWarnings({ ...r, queues: [{ ...r.queues[0]!, summary: { ...r.queues[0]!.summary, serviceLevel: 0.6 } }, r.queues[1]!] });
    expect(strict.map((x) => x.kind)).toEqual(['shortfall', 'sla-at-risk']);
    expect(strict[1]!.messages!.en).toContain('expected service level 60% over the plan, below the target 80%');
    // zh: a space between Chinese and Latin letters, none between Chinese characters.
    expect(w.messages!.zh).toContain('该时段预计服务水平 ');
    expect(strict[1]!.messages!.zh).toContain('整个计划预计服务水平 60%, 低于目标 80%');
    const async = staffingWarnings({ ...r, queues: [{ ...r.queues[0]!, method: 'workload', summary: { ...r.queues[0]!.summary, serviceLevel: 0.6 } }] });
    expect(async[0]!.messages!.en).toContain('expected SLA attainment 60% over the plan');
    expect(async[0]!.messages!.zh).toContain('整个计划预计 SLA 达成率 60%, 低于目标 80%');
  });

  it('warns when the plan asks more than a working week of each person, even without a shortfall', () => {
    // A week open round the clock, about 6 agents an hour, 10 people: 100 hours a week each.
    const week = hourly('returns', 'Asia/Shanghai', '2026-11-23T00:00', Array(168).fill(40), Array(168).fill(true));
    const r = recommendStaffing({ queues: [phone], forecasts: [week], options: { defaultAhtSeconds: 300 }, headcount: new Map([['returns', headcount(10)]]) });
    expect(r.queues[0]!.summary.intervalsShort).toBe(0);
    const [w] = staffingWarnings(r);
    expect(w).toMatchObject({ kind: 'hours', queues: ['returns'] });
    expect(w!.message).toMatch(/schedules \d+ hours a week per person .* more than a 40-hour week/);
    expect(w!.messages!.zh).toContain('超过每周 40 小时');
  });

  it('holds the plan\'s hours per person against the days a week the counted people work: 8 hours on each', () => {
    // Open 08:00-22:00 every day, about 4 agents an hour: 14 people on duty every day (as the demo's
    // 7-day teams are) give 7-day weeks; the same people on 5-day weeks would need overtime.
    const open = Array.from({ length: 168 }, (_, h) => h % 24 >= 8 && h % 24 < 22);
    const week = hourly('returns', 'Asia/Shanghai', '2026-11-23T00:00', open.map((o) => (o ? 25 : 0)), open);
    const plan = (daysPerWeek: number) => recommendStaffing({
      queues: [phone], forecasts: [week], options: { defaultAhtSeconds: 300 },
      headcount: new Map([['returns', { ...headcount(14), source: 'events' as const, daysPerWeek }]]),
    });
    const hoursEach = plan(7).queues[0]!.summary.agentHours / 14;
    expect(hoursEach).toBeGreaterThan(40);
    expect(hoursEach).toBeLessThan(56);
    expect(staffingWarnings(plan(7))).toEqual([]);
    const [w] = staffingWarnings(plan(5));
    expect(w).toMatchObject({ kind: 'hours', queues: ['returns'] });
    expect(w!.messages!.en).toContain('more than a 40-hour week');
    const [six] = staffingWarnings({ ...plan(5), queues: [{ ...plan(5).queues[0]!, headcount: { ...headcount(14), source: 'events', daysPerWeek: 4 } }] });
    expect(six!.messages!.en).toContain('more than the 4-day weeks of 8 hours (32 h) its people worked in the last 4 weeks');
    expect(six!.messages!.zh).toContain('团队近 4 周每周 4 天、每天 8 小时 (32 小时)');
  });
});
