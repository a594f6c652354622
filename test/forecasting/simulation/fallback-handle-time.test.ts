// A queue without trusted handle times (a source that records none, or under 30 tickets) is simulated
// at the plan's AHT, which already charges each ticket its reopen work: the simulation's reopenings
// share that AHT, so the work per arriving ticket is the plan's, not the AHT plus the reopen share again.
import { describe, expect, it } from 'vitest';
import type { DispatchQueueRule } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import type { HandlingHistory } from '../../../forecasting/simulation/handling-history.ts';
import { poissonArrivals } from '../../../forecasting/simulation/poisson-arrivals.ts';
import { simQueueFor } from '../../../forecasting/simulation/queue-rules.ts';
import { simulateQueues } from '../../../forecasting/simulation/simulate-queues.ts';

const HOUR = 3_600_000;
const AHT = 600;

const rule: DispatchQueueRule = {
  id: 'mail', name: 'mail', names: { zh: 'mail', en: 'mail' }, match: { channel: ['email'] }, strategy: 'least_loaded', skills: ['mail'], regionAffinity: false, maxOpenPerAgent: 1,
  sla: { firstResponseSeconds: 4 * 3600, resolutionSeconds: null, clock: 'calendar' }, serviceLevel: null, line: 1, column: 1,
};

/** Reopens known (20%, an hour after resolution), handle times not: a source that records none. */
const noHandleTimes: HandlingHistory = {
  tickets: 0, quantiles: [], reopenTickets: 0, reopenQuantiles: [], reopenRate: 0.2, reopenDelaySeconds: 3600,
};

describe('a queue simulated at the plan\'s AHT', () => {
  it('works the AHT per arriving ticket, its reopenings included', () => {
    const queue = simQueueFor(rule, noHandleTimes, AHT, undefined, 'workload');
    const grid = { start: 0, intervalMs: HOUR, count: 400 };
    // Twenty agents for 6 tickets an hour: nothing queues, so all the work is done within the run.
    const agents = Array.from({ length: 20 }, (_, k) => ({ id: `a${k}`, skills: queue.skills, queues: ['mail'], region: null, shifts: [[0, 400 * HOUR]] as [number, number][] }));
    const result = simulateQueues({ grid, queues: [queue], agents, arrivals: poissonArrivals(grid, [new Array(400).fill(6)], 7), seed: 7 });
    const tallies = result.tallies[0]!;
    const arrivals = tallies.reduce((n, t) => n + t.arrivals, 0);
    const work = tallies.reduce((s, t) => s + t.busySeconds, 0);
    expect(result.reopens).toBeGreaterThan(0.15 * arrivals);
    expect(work / arrivals).toBeGreaterThan(0.95 * AHT);
    expect(work / arrivals).toBeLessThan(1.05 * AHT);
  });
});
