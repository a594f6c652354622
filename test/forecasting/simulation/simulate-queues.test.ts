import { describe, expect, it } from 'vitest';
import { erlangAPerformance } from '../../../forecasting/staffing/erlang-a.ts';
import { serviceLevel, trafficIntensity } from '../../../forecasting/staffing/erlang-c.ts';
import { poissonArrivals } from '../../../forecasting/simulation/poisson-arrivals.ts';
import { simulateQueues, simulateQueuesYielding } from '../../../forecasting/simulation/simulate-queues.ts';
import type { SimAgent, SimInput, SimQueue } from '../../../forecasting/simulation/simulation-model.ts';

const HOUR = 3_600_000;
const exponential = (mean: number) => (u: number) => -mean * Math.log(1 - u);

function queue(over: Partial<SimQueue> = {}): SimQueue {
  return {
    id: 'q', strategy: 'least_loaded', skills: [], regionAffinity: false, maxOpenPerAgent: 1, live: true, patienceSeconds: null,
    targetWaitSeconds: 20, asyncTargetWaitSeconds: null, businessClock: false, handleSeconds: exponential(180), reopenRate: 0, reopenDelaySeconds: 3600, ...over,
  };
}

function agents(n: number, hours: number, over: Partial<SimAgent> = {}): SimAgent[] {
  return Array.from({ length: n }, (_, k) => ({ id: `a${k}`, skills: [], queues: ['q'], region: null, shifts: [[0, hours * HOUR]], ...over }));
}

/** One queue, `n` agents all the time, Poisson arrivals at `perHour`. */
function mmc(perHour: number, n: number, hours: number, q: SimQueue, seed = 7): SimInput {
  const grid = { start: 0, intervalMs: HOUR, count: hours };
  return { grid, queues: [q], agents: agents(n, hours), arrivals: poissonArrivals(grid, [new Array(hours).fill(perHour)], seed), seed };
}

/** Share meeting the target over all intervals after the first (the line starts empty). */
function simulatedServiceLevel(input: SimInput): { sl: number; abandonment: number; arrivals: number } {
  const t = simulateQueues(input).tallies[0]!.slice(1);
  const sum = (f: (x: (typeof t)[number]) => number) => t.reduce((s, x) => s + f(x), 0);
  return { sl: sum((x) => x.metTarget) / sum((x) => x.judged), abandonment: sum((x) => x.abandoned) / sum((x) => x.arrivals), arrivals: sum((x) => x.arrivals) };
}

describe('the queue simulation', () => {
  it('agrees with Erlang C in its own M/M/c regime (exponential handle times, nobody hangs up)', () => {
    // 160 calls an hour at 180 s: 8 Erlangs on 10 agents, 20 s answer time, 400 hours (~64,000 calls).
    const analytical = serviceLevel(10, trafficIntensity(160, 3600, 180), 180, 20);
    const simulated = simulatedServiceLevel(mmc(160, 10, 400, queue()));
    expect(simulated.arrivals).toBeGreaterThan(60_000);
    expect(Math.abs(simulated.sl - analytical)).toBeLessThan(0.02);
    // A heavier load on the same agents lowers both the same way.
    const heavy = serviceLevel(10, trafficIntensity(180, 3600, 180), 180, 20);
    expect(Math.abs(simulatedServiceLevel(mmc(180, 10, 400, queue())).sl - heavy)).toBeLessThan(0.03);
  });

  it('agrees with Erlang A when callers hang up after an exponential patience', () => {
    const input = mmc(200, 10, 300, queue({ patienceSeconds: 180, targetWaitSeconds: 30 }));
    const analytical = erlangAPerformance({ arrivals: 200, intervalSeconds: 3600, ahtSeconds: 180 }, 10, 30, 180);
    const simulated = simulatedServiceLevel(input);
    expect(Math.abs(simulated.sl - analytical.serviceLevel)).toBeLessThan(0.02);
    expect(Math.abs(simulated.abandonment - analytical.abandonment)).toBeLessThan(0.01);
  });

  it('gives the event loop a turn every few milliseconds when run for a server, with the same result', async () => {
    // 10 agents x 1,200 hours, about 192,000 calls: long enough for many 10 ms slices on a fast machine.
    const input = mmc(160, 10, 1200, queue());
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => { const now = performance.now(); gaps.push(now - last); last = now; }, 5);
    const started = performance.now();
    const result = await simulateQueuesYielding(input);
    const took = performance.now() - started;
    clearInterval(timer);
    // Run whole, the timer would fire once, after the run.
    expect(gaps.length).toBeGreaterThan(5);
    // Slices of 10 ms: the timer runs between them (run whole, it would run once, after). Longer gaps
    // are the machine's (other processes on its 2 cores, a GC pause), hence the median, and a bound on the worst.
    const shown = `timer gaps ${gaps.map(Math.round).join(', ')} ms over ${Math.round(took)} ms`;
    expect([...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!, shown).toBeLessThan(50);
    expect(Math.max(...gaps), shown).toBeLessThan(500);
    expect(result).toEqual(simulateQueues(input));
  });

  it('gives the same result for the same seed, and another for another seed', () => {
    const q = queue({ live: false, maxOpenPerAgent: 4, reopenRate: 0.1, targetWaitSeconds: 1800 });
    const run = (seed: number) => simulateQueues(mmc(60, 3, 48, q, seed));
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('never gives an agent more than max_open_per_agent tickets, and does fill up to it under load', () => {
    const q = queue({ live: false, maxOpenPerAgent: 3, strategy: 'round_robin', targetWaitSeconds: 3600 });
    // 4 agents, 120 tickets an hour at 180 s: 1.5 times what they can do.
    const result = simulateQueues(mmc(120, 4, 24, q));
    expect(Math.max(...result.peakOpen)).toBe(3);
    // Round robin spreads the tickets about evenly.
    const counts = result.handled[0]!;
    expect(Math.min(...counts) / Math.max(...counts)).toBeGreaterThan(0.8);
  });

  it('skill_match routes only to agents with all of the queue\'s skills, wherever they are staffed', () => {
    const hours = 24;
    const grid = { start: 0, intervalMs: HOUR, count: hours };
    const floor: SimAgent[] = [
      ...agents(2, hours, { skills: ['quality'], queues: ['other'] }),
      ...agents(3, hours, { skills: ['returns'], queues: ['q'] }),
    ].map((a, k) => ({ ...a, id: `a${k}` }));
    const input: SimInput = {
      grid, queues: [queue({ strategy: 'skill_match', skills: ['quality'], live: false, maxOpenPerAgent: 5 })], agents: floor,
      arrivals: poissonArrivals(grid, [new Array(hours).fill(20)], 3), seed: 3,
    };
    const handled = simulateQueues(input).handled[0]!;
    expect(handled[0]! + handled[1]!).toBeGreaterThan(400);
    expect(handled.slice(2)).toEqual([0, 0, 0]);
  });

  it('prefers an agent of the ticket\'s region when the queue has region affinity', () => {
    const hours = 12;
    const grid = { start: 0, intervalMs: HOUR, count: hours };
    const floor = [...agents(2, hours, { region: 'east' }), ...agents(2, hours, { region: 'north' })].map((a, k) => ({ ...a, id: `a${k}` }));
    const arrivals = poissonArrivals(grid, [new Array(hours).fill(6)], 5).map((a) => ({ ...a, region: 'north' }));
    const run = (regionAffinity: boolean) => simulateQueues({ grid, queues: [queue({ regionAffinity, live: false, maxOpenPerAgent: 3 })], agents: floor, arrivals, seed: 5 }).handled[0]!;
    const near = run(true);
    expect(near[2]! + near[3]!).toBe(near.reduce((s, x) => s + x, 0));
    const any = run(false);
    expect(any[0]! + any[1]!).toBeGreaterThan(0);
  });

  it('leaves work arriving while nobody is on duty waiting until the next shift (backlog carried over)', () => {
    const grid = { start: 0, intervalMs: HOUR, count: 24 };
    const floor = agents(2, 24, { shifts: [[8 * HOUR, 20 * HOUR]] });
    const arrivals = poissonArrivals(grid, [new Array(24).fill(5)], 9);
    const t = simulateQueues({ grid, queues: [queue({ live: false, maxOpenPerAgent: 2, targetWaitSeconds: 3600 })], agents: floor, arrivals, seed: 9 }).tallies[0]!;
    expect(t[7]!.backlogAtEnd).toBe(t.slice(0, 8).reduce((s, x) => s + x.arrivals, 0));
    expect(t[11]!.backlogAtEnd).toBeLessThan(t[7]!.backlogAtEnd);
    expect(t[3]!.busySeconds).toBe(0);
    expect(t[10]!.staffedSeconds).toBe(2 * 3600);
  });
});
