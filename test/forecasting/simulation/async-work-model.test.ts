// The simulation against the async work model where that model holds: a steady written-ticket queue
// worked at its head count (a fractional number of agents after shrinkage), with reopens whose work the
// history's handle time already holds. And the replay's reply delay: the history's lag less the
// queueing the simulation itself gives, so that queueing is not counted twice.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DispatchQueueRule } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import type { HandlingHistory } from '../../../forecasting/simulation/handling-history.ts';
import { planScenario } from '../../../forecasting/simulation/plan-scenario.ts';
import { poissonArrivals } from '../../../forecasting/simulation/poisson-arrivals.ts';
import { withReplyDelays } from '../../../forecasting/simulation/replay-scenario.ts';
import { simulateQueues } from '../../../forecasting/simulation/simulate-queues.ts';
import type { SimInput, SimQueue } from '../../../forecasting/simulation/simulation-model.ts';
import { DISAGREEMENT, percentile, simulationReport } from '../../../forecasting/simulation/simulation-report.ts';
import { recommendStaffing, type ForecastPoint } from '../../../forecasting/staffing/recommend.ts';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAYS = 14;
/**
 * Tickets per open hour (08:00-20:00 every day): steady, as the work model's regime is (with sharp
 * peaks against a 2 h SLA the plan's hourly deadlines, which give up to 3 h, part from the exact waits).
 */
const PER_OPEN_HOUR = 25;

function forecast(): ForecastPoint[] {
  const from = DateTime.fromISO('2026-03-02', { zone: ZONE }).toMillis();
  return Array.from({ length: DAYS * 24 }, (_, k) => {
    const hour = DateTime.fromMillis(from + k * HOUR, { zone: ZONE }).hour;
    const open = hour >= 8 && hour < 20;
    const p50 = open ? PER_OPEN_HOUR : 0;
    return { start: from + k * HOUR, minutes: 60, p50, p90: p50 * 1.3, inCalendarHours: open };
  });
}

/** Quantiles at (k + 0.5) / 200 of an exponential with this mean. */
const exponentialQuantiles = (mean: number) => Array.from({ length: 200 }, (_, k) => -mean * Math.log(1 - (k + 0.5) / 200));
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

// A ticket's first pass (500 s) and, for the 15% reopened, 400 s more an hour later: 560 s of work per ticket, the AHT.
const history: HandlingHistory = {
  tickets: 5000, quantiles: exponentialQuantiles(500), reopenTickets: 750, reopenQuantiles: exponentialQuantiles(400),
  reopenRate: 0.15, reopenDelaySeconds: 3600,
};
const aht = mean(history.quantiles) + history.reopenRate * mean(history.reopenQuantiles);

const rule: DispatchQueueRule = {
  id: 'mail', name: 'mail', names: { zh: 'mail', en: 'mail' }, match: { channel: ['email'] }, strategy: 'least_loaded', skills: ['mail'], regionAffinity: false, maxOpenPerAgent: 5,
  sla: { firstResponseSeconds: 2 * 3600, resolutionSeconds: null, clock: 'business' }, serviceLevel: null, line: 1, column: 1,
};

describe('the simulation of an async queue at its head count', () => {
  // 7 people at 30% shrinkage work 4.9 agents' worth: shown as 4, worked as 4.9 by the plan.
  const plan = recommendStaffing({
    queues: [rule], forecasts: [{ queueId: 'mail', zone: ZONE, model: 'm', intervals: forecast() }], options: { defaultAhtSeconds: aht },
    headcount: new Map([['mail', { agents: 7, source: 'config', dedicated: 7, shared: 0, sharedFte: 0, daysPerWeek: 7, note: { en: '', zh: '' } }]]),
  });
  const q = plan.queues[0]!;

  it('is a plan at the head count most hours: 4.9 agents\' work, 93% of it needed, shown as 4', () => {
    expect(q.method).toBe('workload');
    const open = q.intervals.filter((i) => i.open);
    expect(open.filter((i) => i.scheduledAgents === 7 && i.agents === 4).length).toBeGreaterThan(0.5 * open.length);
    // 4 agents would fall behind by 1,200 s of work an hour, a backlog that grows all week.
    expect(PER_OPEN_HOUR * aht).toBeGreaterThan(4 * 3600 * 0.85);
    expect(PER_OPEN_HOUR * aht).toBeLessThan(4.9 * 3600 * 0.85);
    expect(q.summary.serviceLevel!).toBeGreaterThan(0.9);
  });

  it('lands within 5 points of the plan\'s service level and occupancy for every seed, reopens and all', () => {
    const planned = q.summary.serviceLevel!;
    for (const seed of [1, 2, 3]) {
      const scenario = planScenario(plan, [rule], new Map([['mail', history]]), { days: DAYS }, seed)!;
      const result = simulateQueues(scenario.input);
      const { summary } = simulationReport(scenario.input.grid, scenario.input.queues, scenario.queues, result)[0]!;
      expect(result.reopens).toBeGreaterThan(0.1 * summary.arrivals);
      const shown = `seed ${seed}: simulated ${summary.serviceLevel}, plan ${planned}; occupancy ${summary.occupancy} vs ${summary.plannedOccupancy}`;
      expect(Math.abs(summary.serviceLevel! - planned), shown).toBeLessThanOrEqual(DISAGREEMENT);
      expect(Math.abs(summary.occupancy! - summary.plannedOccupancy!), shown).toBeLessThanOrEqual(DISAGREEMENT);
      expect(summary.disagrees).toBe(false);
    }
  });
});

describe('a plan simulation\'s window', () => {
  it('starts with the reopenings of the tickets handled before it, as the plan\'s AHT charges their work', () => {
    const plan = recommendStaffing({ queues: [rule], forecasts: [{ queueId: 'mail', zone: ZONE, model: 'm', intervals: forecast() }], options: { defaultAhtSeconds: aht } });
    const dayLater = { ...history, reopenDelaySeconds: 86_400 };
    const { input } = planScenario(plan, [rule], new Map([['mail', dayLater]]), { days: DAYS }, 1)!;
    const carried = input.arrivals.filter((a) => a.reopen);
    // 15% of 12.5 tickets an hour (25 an open hour, 12 hours a day) over a day's delay: 45 expected, fading.
    expect(carried.length).toBeGreaterThan(25);
    expect(carried.length).toBeLessThan(70);
    const start = input.grid.start;
    expect(carried.filter((a) => a.at < start + 24 * HOUR).length).toBeGreaterThan(carried.length / 2);
    expect(input.arrivals.every((a, k) => k === 0 || a.at >= input.arrivals[k - 1]!.at)).toBe(true);
    // Not new arrivals: the simulation's tallies count the forecast's only.
    const tallied = simulateQueues(input).tallies[0]!.reduce((n, t) => n + t.arrivals, 0);
    expect(tallied).toBe(input.arrivals.length - carried.length);
  });
});

describe('the replay\'s reply delay', () => {
  const written: SimQueue = {
    id: 'mail', strategy: 'least_loaded', skills: [], regionAffinity: false, maxOpenPerAgent: 1, live: false, patienceSeconds: null,
    targetWaitSeconds: 3600, asyncTargetWaitSeconds: 3600, businessClock: false, handleSeconds: (u) => -600 * Math.log(1 - u), reopenRate: 0, reopenDelaySeconds: 3600,
  };
  /** One written queue, `agents` agents all the time, 11 tickets an hour of 600 s for 200 hours. */
  function replay(agents: number): SimInput {
    const grid = { start: 0, intervalMs: HOUR, count: 200 };
    return {
      grid, queues: [written], seed: 4, arrivals: poissonArrivals(grid, [new Array(200).fill(11)], 4),
      agents: Array.from({ length: agents }, (_, k) => ({ id: `a${k}`, skills: [], queues: ['mail'], region: null, shifts: [[0, 200 * HOUR]] as [number, number][] })),
    };
  }
  const lagOf = (quantiles: number[]) => new Map([['mail', quantiles]]);
  const quantilesOf = (xs: readonly number[]) => Array.from({ length: 200 }, (_, k) => percentile(xs, (k + 0.5) / 200)!);
  const waits = (input: SimInput) => simulateQueues(input).tallies[0]!.flatMap((t) => t.waits);

  it('adds nothing when the history\'s lag is all queueing: the simulation queues anew', () => {
    const input = replay(2);
    const queueFree = simulateQueues(input);
    // Two agents at 92% busy: the written tickets queue, a median of minutes.
    expect(percentile(queueFree.writtenWaits[0]!, 0.5)!).toBeGreaterThan(300);
    const delayed = withReplyDelays(input, lagOf(quantilesOf(queueFree.writtenWaits[0]!)), queueFree);
    expect(percentile(waits(delayed), 0.5)).toBeCloseTo(percentile(waits(input), 0.5)!, 6);
    expect(percentile(waits(delayed), 0.9)).toBeCloseTo(percentile(waits(input), 0.9)!, 6);
  });

  it('keeps the lag whole where the simulation does not queue (a delay of the team\'s habits)', () => {
    const input = replay(12);
    const queueFree = simulateQueues(input);
    expect(percentile(queueFree.writtenWaits[0]!, 0.9)).toBe(0);
    const delayed = withReplyDelays(input, lagOf(new Array(200).fill(1800)), queueFree);
    expect(percentile(waits(delayed), 0.5)).toBe(1800);
  });
});
