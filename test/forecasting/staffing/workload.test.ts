import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlines, workloadPerformance, workloadStaffing, type WorkloadInterval } from '../../../forecasting/staffing/workload.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai

const hourly = (arrivals: number[], handleSeconds = 600, open?: boolean[]): WorkloadInterval[] =>
  arrivals.map((a, k) => ({ start: T0 + k * HOUR, minutes: 60, arrivals: a, handleSeconds, ...(open ? { open: open[k]! } : {}) }));

describe('workload model, worked by hand', () => {
  it('without SLA slack staffs each interval for its own work: work / (interval x occupancy)', () => {
    // 10 x 600 s = 6000 s of work; an agent gives 3600 x 0.8 = 2880 s -> 6000 / 2880 = 2.08 -> 3 agents.
    // 40 x 600 s = 24000 s -> 8.33 -> 9 agents.
    const r = workloadStaffing(hourly([10, 40, 0]), { slaSeconds: 1800, clock: 'business', targetOccupancy: 0.8 });
    expect(r.intervals.map((i) => i.agents)).toEqual([3, 9, 0]);
    expect(r.intervals[0]!.occupancy).toBeCloseTo(6000 / (3 * 3600), 10);
    expect(r.intervals[1]!.occupancy).toBeCloseTo(24000 / (9 * 3600), 10);
    expect(r.intervals.map((i) => i.slaAttainment)).toEqual([1, 1, null]);
    expect(r.slaAttainment).toBe(1);
    expect(r.backlogAtEnd).toBe(0);
  });

  it('spreads a peak over the intervals the SLA lets it wait', () => {
    // 40 x 600 s = 24000 s may wait 2 more hours: 24000 / 3 = 8000 s an hour -> 3 agents (8640 s);
    // then 15360 s over 2 hours = 7680 -> 3 agents; then the 6720 s left -> 3 agents.
    const r = workloadStaffing(hourly([40, 0, 0]), { slaSeconds: 2 * 3600, clock: 'business', targetOccupancy: 0.8 });
    expect(r.intervals.map((i) => i.agents)).toEqual([3, 3, 3]);
    expect(r.intervals.map((i) => i.backlog)).toEqual([15360, 6720, 0]);
    expect(r.intervals.map((i) => i.workDone)).toEqual([8640, 8640, 6720]);
    expect(r.intervals[0]!.slaAttainment).toBe(1);
  });

  it('carries work arriving while closed to the next opening', () => {
    // 10 x 600 s arrive while closed; nothing may wait past the opening interval: 6000 / 2880 -> 3 agents then.
    const r = workloadStaffing(hourly([0, 10, 0], 600, [true, false, true]), { slaSeconds: 0, clock: 'business', targetOccupancy: 0.8 });
    expect(r.intervals.map((i) => i.agents)).toEqual([0, 0, 3]);
    expect(r.intervals[1]!.backlog).toBe(6000);
    expect(r.intervals[1]!.slaAttainment).toBe(1);
  });

  it('plans a closed night\'s backlog with the opening run\'s own tickets in view, not only what waits', () => {
    // 60 x 600 s = 36000 s arrive while closed, planned over the 3 open hours; each open hour brings
    // 12000 s due within it (no slack). All due by the last hour: 72000 s / 3 = 24000 s an hour ->
    // 6.67 -> 7 agents (25200 s): hour 1 does its 12000 and 13200 of the night (22800 left); hour 2:
    // (12000 + 22800 + 12000 to come) / 2 = 23400 -> 7 agents, 9600 left; hour 3: 21600 -> 6 agents.
    // Counting only the work waiting gave 5, 6, 9: each hour's new tickets pushed the night later.
    const r = workloadStaffing(hourly([60, 20, 20, 20], 600, [false, true, true, true]), { slaSeconds: 0, clock: 'business', targetOccupancy: 1 });
    expect(r.intervals.map((i) => i.agents)).toEqual([0, 7, 7, 6]);
    expect(r.intervals.map((i) => i.backlog)).toEqual([36000, 22800, 9600, 0]);
    expect(r.intervals.slice(1).map((i) => i.slaAttainment)).toEqual([1, 1, 1]);
  });

  it('reports the SLA attainment of a fixed staffing', () => {
    // One agent does 2880 of 6000 s in time, 4.8 of the 10 arrivals, and holds the next at the end
    // of the hour (reached: taken, not done): 5.8 of 10; the rest is reached late.
    const r = workloadPerformance(hourly([10, 0]), [1, 5], { slaSeconds: 0, clock: 'business', targetOccupancy: 0.8 });
    expect(r.intervals[0]!.slaAttainment).toBeCloseTo(0.58, 10);
    expect(r.slaAttainment).toBeCloseTo(0.58, 10);
    expect(r.intervals[1]!.workDone).toBe(3120);
    expect(() => workloadPerformance(hourly([10, 0]), [1], { slaSeconds: 0, clock: 'business', targetOccupancy: 0.8 })).toThrow('one agent count per interval');
  });

  it('counts a ticket reached when an agent takes it: those in agents\' hands at the deadline are in time', () => {
    const noSlack = { slaSeconds: 0, clock: 'business' as const, targetOccupancy: 1 };
    // 2 agents give 7200 s: 6 of 10 x 1200 s done, the 7th and 8th in hand at the end: 8 of 10.
    expect(workloadPerformance(hourly([10], 1200), [2], noSlack).slaAttainment).toBeCloseTo(0.8, 10);
    // 2.5 agents' work is 3 agents, one at half pace: 7.5 of 12 done, 3 in hand, 10.5 of 12 reached.
    expect(workloadPerformance(hourly([12], 1200), [2.5], noSlack).slaAttainment).toBeCloseTo(10.5 / 12, 10);
    // Late work ahead takes the agents' hands first: 1 agent does 3 of hour 1's 10 and holds the 4th
    // (4 of 10 in time); in hour 2 it does 3 more of them and holds hour 1's 7th: none of hour 2's 5 reached.
    const behind = workloadPerformance(hourly([10, 5], 1200), [1, 1], noSlack);
    expect(behind.intervals.map((i) => i.slaAttainment)).toEqual([expect.closeTo(0.4, 10), 0]);
  });

  it('with a target shorter than the interval, counts in time only the tickets reached within it', () => {
    const quarterHour = { slaSeconds: 900, clock: 'business' as const, targetOccupancy: 1 };
    // 4 agents work 14400 s an hour, 240 s a minute; 30 x 900 s bring 450 s a minute, evenly. The
    // queue grows 210 s a minute, so the ticket of minute m waits 210 m / 240 = 0.875 m minutes:
    // 15 minutes or less up to minute 17.14 = 2/7 of the hour. (Done in the hour: 16 of 30.)
    const busy = workloadPerformance(hourly([30], 900), [4], quarterHour);
    expect(busy.intervals[0]!.slaAttainment).toBeCloseTo(2 / 7, 10);
    expect(busy.intervals[0]!.arrivalsWorked).toBeCloseTo(16, 10);
    // 12 x 900 s = 180 s a minute under the 240: no queue, every ticket reached as it comes.
    expect(workloadPerformance(hourly([12], 900), [4], quarterHour).slaAttainment).toBeCloseTo(1, 10);
    // 8 x 900 s of the closed night, all there at the opening: its first 15 minutes do 3600 s, 4 tickets.
    const night = workloadPerformance(hourly([8, 0], 900, [false, true]), [0, 4], quarterHour);
    expect(night.intervals[0]!.slaAttainment).toBeCloseTo(0.5, 10);
    expect(night.intervals[1]!.arrivalsWorked).toBeCloseTo(8, 10);
    // The night planned over two open hours goes behind the opening hour's 12 tickets (due in it),
    // which take 180 of the 240 s a minute as they come: 60 s a minute for 15 minutes, 1 of 8 in time.
    const behind = workloadPerformance(hourly([8, 12, 0], 900, [false, true, true]), [0, 4, 4], quarterHour);
    expect(behind.intervals.map((i) => i.slaAttainment)).toEqual([expect.closeTo(1 / 8, 10), expect.closeTo(1, 10), null]);
  });

  it('counts the SLA in open intervals for business clocks and in clock time for calendar clocks', () => {
    // 20:00 and 20:30, then 08:00 the next day (the night is not in the forecast).
    const night = [0, 30 * 60_000, 12 * HOUR].map((d) => ({ start: T0 + d, minutes: 30, arrivals: 1, handleSeconds: 60 }));
    expect(deadlines(night, { slaSeconds: 3600, clock: 'business' })).toEqual([2, 3, 3]);
    expect(deadlines(night, { slaSeconds: 3600, clock: 'calendar' })).toEqual([1, 1, 3]);
  });
});

describe('workload model properties', () => {
  const series = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 48 });
  const options = fc.record({
    slaSeconds: fc.integer({ min: 0, max: 8 * 3600 }),
    clock: fc.constantFrom('business' as const, 'calendar' as const),
    targetOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
  });

  it('the recommended agents meet the SLA wherever it can be judged, and no work is lost', () => {
    fc.assert(fc.property(series, options, fc.integer({ min: 30, max: 1200 }), (arrivals, o, aht) => {
      const r = workloadStaffing(hourly(arrivals, aht), o);
      for (const i of r.intervals) if (i.slaAttainment !== null) expect(i.slaAttainment).toBeCloseTo(1, 9);
      const work = arrivals.reduce((s, a) => s + a * aht, 0);
      const done = r.intervals.reduce((s, i) => s + i.workDone, 0);
      expect(done + r.backlogAtEnd).toBeCloseTo(work, 6);
      for (const i of r.intervals) expect(i.occupancy).toBeLessThanOrEqual(o.targetOccupancy + 1e-9);
    }));
  });

  it('works a weekend\'s backlog steadily through Monday: no hour of it needs more agents than the hour before', () => {
    // Friday, Monday and Tuesday open 09-18 at a constant rate; the weekend brings an eighth to a half
    // of that rate every closed hour, planned over Monday. Counting only the work waiting ramped up
    // through the day (the demo's escalations: 26 agents at 09:00, 55 at 17:00).
    const friday = Date.parse('2026-11-20T00:00:00Z');
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 1 / 8, max: 1 / 2, noNaN: true }), fc.integer({ min: 120, max: 1200 }),
      fc.constantFrom(0, 900, 3600, 7200), fc.constantFrom('business' as const, 'calendar' as const), (perHour, weekendShare, aht, sla, clock) => {
        const week = Array.from({ length: 5 * 24 }, (_, k): WorkloadInterval => {
          const day = Math.floor(k / 24);
          const open = (day === 0 || day >= 3) && k % 24 >= 9 && k % 24 < 18;
          return { start: friday + k * HOUR, minutes: 60, arrivals: open ? perHour : perHour * weekendShare, handleSeconds: aht, open };
        });
        const monday = workloadStaffing(week, { slaSeconds: sla, clock, targetOccupancy: 0.85 }).intervals.slice(3 * 24 + 9, 3 * 24 + 18).map((i) => i.agents);
        monday.slice(1).forEach((agents, k) => expect(agents, monday.join(' ')).toBeLessThanOrEqual(monday[k]!));
      }));
  });

  it('a longer allowed wait never needs more agent-hours', () => {
    fc.assert(fc.property(series, fc.integer({ min: 0, max: 4 }), (arrivals, hours) => {
      const total = (sla: number) => workloadStaffing(hourly(arrivals), { slaSeconds: sla, clock: 'business', targetOccupancy: 0.85 })
        .intervals.reduce((s, i) => s + i.agents, 0);
      // Work still waiting at the horizon's end is not staffed: compare what is done in the horizon too.
      const short = total(0);
      const long = total((hours + 1) * 3600);
      expect(long).toBeLessThanOrEqual(short);
    }));
  });
});
