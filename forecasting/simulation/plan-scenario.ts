// The staffing plan as a simulation: over the plan's intervals (a window of days), arrivals drawn
// from the forecast's p50, and for each queue as many agents on duty as the plan puts to work in
// each interval (the workload plan's fractional capacity as an agent working at that share of the pace), with the queue's
// skills (planned people, not names: no region).
import { DateTime } from 'luxon';
import type { DispatchQueueRule } from '../dispatch-rules/read-dispatch-rules.ts';
import { capacityOf, queueFor, type IntervalRecommendation, type StaffingRecommendation } from '../staffing/recommend.ts';
import type { HandlingHistory } from './handling-history.ts';
import { poissonArrivals } from './poisson-arrivals.ts';
import { queueSkills, shiftsOf, simQueueFor } from './queue-rules.ts';
import type { SimAgent, SimArrival, SimGrid, SimInput, SimQueue } from './simulation-model.ts';

export interface ScenarioQueue {
  id: string;
  name: string;
  zone: string;
  method: string;
  /** The plan's interval at each grid interval (null: the queue has none there). */
  planned: (IntervalRecommendation | null)[];
}

export interface Scenario {
  input: SimInput;
  queues: ScenarioQueue[];
}

export interface Window {
  /** First instant simulated (epoch ms); default the plan's first interval. */
  from?: number;
  days: number;
}

/** The same local time `days` later in `zone`: a day the clocks change is 23 or 25 hours, not 24. */
export function localDaysEnd(from: number, days: number, zone: string): number {
  return DateTime.fromMillis(from, { zone }).plus({ days }).toMillis();
}

/** The grid covering the plan's intervals inside the window; null when none falls in it. */
function planGrid(recommendation: StaffingRecommendation, window: Window): SimGrid | null {
  const all = recommendation.queues.flatMap((q) => q.intervals);
  if (all.length === 0) return null;
  const from = window.from ?? Math.min(...all.map((i) => i.start));
  // The plan's queues share the dispatch rules' zone.
  const to = localDaysEnd(from, window.days, recommendation.queues[0]!.zone);
  const inside = all.filter((i) => i.start >= from && i.start < to);
  if (inside.length === 0) return null;
  const start = Math.min(...inside.map((i) => i.start));
  const intervalMs = Math.min(...inside.map((i) => i.minutes)) * 60_000;
  const last = Math.max(...inside.map((i) => i.start));
  return { start, intervalMs, count: Math.floor((last - start) / intervalMs) + 1 };
}

/**
 * Agents the workload plan works an interval with. Shown whole (rounded down), but at the head count
 * it works every scheduled person after shrinkage, a fraction included (21 people at 30% give 14.7
 * agents' work, not 14: at a week's backlog that 5% decides the service level). An interval that
 * schedules anyone puts at least one on the floor.
 */
export function workloadCapacity(i: IntervalRecommendation, cap: { scheduled: number; working: number }): number {
  if (i.scheduledAgents <= 0) return 0;
  const atCap = i.scheduledAgents === cap.scheduled && i.agents === Math.floor(cap.working + 1e-9);
  return Math.max(1, atCap ? cap.working : i.agents);
}

/**
 * The forecast's arrivals, and the reopenings of tickets handled before the window. The plan's AHT
 * holds a ticket's reopen work; the simulation brings it back after the reopen delay, so a window
 * that starts empty would miss the work of the days before it and beat the plan. At the window's
 * mean rate λ before it, reopens flow in at rate × λ × e^(-t / delay), t from its start.
 */
function withCarriedReopens(grid: SimGrid, queues: readonly SimQueue[], means: readonly number[][], seed: number): SimArrival[] {
  const arrivals = poissonArrivals(grid, means, seed);
  const carried = queues.map((q, k) => {
    const perMs = means[k]!.reduce((s, x) => s + x, 0) / (grid.count * grid.intervalMs);
    const delayMs = q.reopenDelaySeconds * 1000;
    if (!(q.reopenRate > 0 && perMs > 0 && delayMs > 0)) return new Array<number>(grid.count).fill(0);
    return Array.from({ length: grid.count }, (_, i) => q.reopenRate * perMs * delayMs
      * (Math.exp(-(i * grid.intervalMs) / delayMs) - Math.exp(-((i + 1) * grid.intervalMs) / delayMs)));
  });
  const reopens = poissonArrivals(grid, carried, seed + 1).map((a) => ({ ...a, reopen: true }));
  return reopens.length === 0 ? arrivals : [...arrivals, ...reopens].sort((a, b) => a.at - b.at);
}

export function planScenario(recommendation: StaffingRecommendation, rules: readonly DispatchQueueRule[],
  histories: ReadonlyMap<string, HandlingHistory>, window: Window, seed: number): Scenario | null {
  const grid = planGrid(recommendation, window);
  if (!grid) return null;
  const scenarioQueues: ScenarioQueue[] = [];
  const agents: SimAgent[] = [];
  const means: number[][] = [];
  const simQueues = recommendation.queues.map((rec) => {
    const planned: (IntervalRecommendation | null)[] = new Array(grid.count).fill(null);
    for (const i of rec.intervals) {
      const k = (i.start - grid.start) / grid.intervalMs;
      if (Number.isInteger(k) && k >= 0 && k < grid.count) planned[k] = i;
    }
    scenarioQueues.push({ id: rec.queueId, name: rec.queueName, zone: rec.zone, method: rec.method, planned });
    means.push(planned.map((i) => Math.max(0, i?.p50 ?? 0)));
    // A forecast queue that is no dispatch-rules queue (channel:phone) routes by the defaults.
    const rule = rules.find((r) => r.id === rec.queueId) ?? queueFor({ queueId: rec.queueId, zone: rec.zone, model: rec.model, intervals: [] }, rules);
    const cap = rec.method === 'workload' ? capacityOf(rec.headcount, rec.target.shrinkage) : null;
    const onFloor = (k: number) => {
      const i = planned[k];
      return i ? (cap ? workloadCapacity(i, cap) : i.agents) : 0;
    };
    const most = Math.ceil(Math.max(0, ...planned.map((_, k) => onFloor(k))) - 1e-9);
    const skills = queueSkills(rule);
    // The n-th agent is on duty where the floor holds more than n, at the pace of its share (14.7: the 15th at 0.7).
    for (let n = 0; n < most; n++) {
      const pace = planned.map((_, k) => Math.min(1, Math.max(0, onFloor(k) - n)));
      agents.push({ id: `${rec.queueId}#${n + 1}`, skills, queues: [rec.queueId], region: null, shifts: shiftsOf((k) => pace[k]! > 1e-9, grid), pace });
    }
    const ahts = rec.intervals.map((i) => i.ahtSeconds);
    const meanAht = ahts.length > 0 ? ahts.reduce((s, x) => s + x, 0) / ahts.length : 300;
    const simQueue = simQueueFor(rule, histories.get(rec.queueId), meanAht, planned.map((i) => i?.open ?? false), rec.method);
    // The workload plan gives tickets its target occupancy of each agent's time, no more.
    return rec.method === 'workload' ? { ...simQueue, ticketTimeShare: rec.target.maxOccupancy } : simQueue;
  });
  return { input: { grid, queues: simQueues, agents, arrivals: withCarriedReopens(grid, simQueues, means, seed), seed }, queues: scenarioQueues };
}
