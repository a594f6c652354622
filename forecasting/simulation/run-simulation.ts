// `staffing simulate` in one call, for the CLI and the API: the plan's queues (or a past week's
// replay) simulated in replications from a seed (replications.ts), and the report beside the plan.
import { DateTime } from 'luxon';
import type { DispatchQueueRule } from '../dispatch-rules/read-dispatch-rules.ts';
import { bilingualRangeError } from '../bilingual-error.ts';
import { latestArrival, NO_TICKETS } from '../series/warehouse-series.ts';
import type { StaffingRecommendation } from '../staffing/recommend.ts';
import { AHT_HISTORY_DAYS } from '../staffing/staffing-for-forecast.ts';
import type { WarehouseSession } from '../warehouse-session.ts';
import { readHandlingHistory, type HandlingHistory } from './handling-history.ts';
import { localDaysEnd, planScenario, type Window } from './plan-scenario.ts';
import { replyLags } from './reply-lag.ts';
import { replayScenario, withReplyDelays } from './replay-scenario.ts';
import { percentile, replicationSeeds, spreadOf } from './replications.ts';
import { simulationReport, type SimulatedQueue } from './simulation-report.ts';
import { simulateQueuesYielding } from './simulate-queues.ts';
import type { SimResult } from './simulation-model.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SimulationResult {
  mode: 'plan' | 'replay';
  /** Run r drew with seed + r. */
  seed: number;
  runs: number;
  from: number;
  to: number;
  intervalMinutes: number;
  agents: number;
  /** Arrivals and reopens: the runs' medians (a replay's arrivals are the week's). */
  arrivals: number;
  reopens: number;
  queues: SimulatedQueue[];
  /** Replay only: FRT percentiles over every queue's tickets, simulated (the runs' medians) and real. */
  overall?: { frtP50Seconds: number | null; frtP90Seconds: number | null; realFrtP50Seconds: number | null; realFrtP90Seconds: number | null };
}

async function histories(session: WarehouseSession, rules: readonly DispatchQueueRule[], until: number): Promise<Map<string, HandlingHistory>> {
  const result = new Map<string, HandlingHistory>();
  for (const r of rules) result.set(r.id, await readHandlingHistory(session.db, r.match, until - AHT_HISTORY_DAYS * DAY, until));
  return result;
}

const median = (values: readonly number[]) => spreadOf(values).median!;

/** The staffing plan simulated over `window` (default its first days) in `runs` replications, each with its own arrivals: null when no planned interval falls in it. */
export async function simulatePlan(session: WarehouseSession, recommendation: StaffingRecommendation, rules: readonly DispatchQueueRule[],
  window: Window, seed: number, runs: number, beforeRun: () => void = () => {}): Promise<SimulationResult | null> {
  const firstStart = Math.min(...recommendation.queues.flatMap((q) => q.intervals.map((i) => i.start)));
  const planned = rules.filter((r) => recommendation.queues.some((q) => q.queueId === r.id));
  const handling = await histories(session, planned, Number.isFinite(firstStart) ? firstStart : Date.now());
  return planReplications(recommendation, rules, handling, window, seed, runs, beforeRun);
}

/** simulatePlan once the handling histories are read. */
export async function planReplications(recommendation: StaffingRecommendation, rules: readonly DispatchQueueRule[], handling: ReadonlyMap<string, HandlingHistory>,
  window: Window, seed: number, runs: number, beforeRun: () => void = () => {}): Promise<SimulationResult | null> {
  const scenarios = replicationSeeds(seed, runs).map((s) => planScenario(recommendation, rules, handling, window, s));
  const first = scenarios[0];
  if (!first) return null;
  beforeRun();
  const results: SimResult[] = [];
  for (const scenario of scenarios) results.push(await simulateQueuesYielding(scenario!.input));
  const { input } = first;
  return {
    mode: 'plan', seed, runs, from: input.grid.start, to: input.grid.start + input.grid.count * input.grid.intervalMs, intervalMinutes: input.grid.intervalMs / 60_000,
    agents: input.agents.length, arrivals: median(scenarios.map((sc) => sc!.input.arrivals.length)), reopens: median(results.map((r) => r.reopens)),
    queues: simulationReport(input.grid, input.queues, first.queues, ...results),
  };
}

/** The local day `days` before the warehouse's last arrival: the start of the last full week by default. */
export async function defaultReplayStart(session: WarehouseSession, zone: string, days: number): Promise<number> {
  const latest = await latestArrival(session.db);
  // 404 over HTTP (the error handler's statusCode): the reason reaches planners too, not only admins.
  if (latest === null) throw Object.assign(bilingualRangeError(NO_TICKETS), { statusCode: 404 });
  return DateTime.fromMillis(latest, { zone }).startOf('day').minus({ days }).toMillis();
}

/**
 * A past window replayed at 60-minute intervals: real arrivals, the agents really on duty, and the
 * real FRT beside the simulated. The week's arrivals and duty are facts, the same in every run; the
 * runs vary what history only gives as distributions: handle times, reply delays, hang-ups, reopens.
 */
export async function simulateReplay(session: WarehouseSession, rules: readonly DispatchQueueRule[], zone: string, from: number, days: number,
  seed: number, runs: number, beforeRun: () => void = () => {}): Promise<SimulationResult> {
  const to = localDaysEnd(from, days, zone);
  const grid = { start: from, intervalMs: HOUR, count: Math.round((to - from) / HOUR) };
  const handling = await histories(session, rules, from);
  const scenario = await replayScenario(session.db, rules, handling, grid, zone, seed);
  const lags = await replyLags(session.db, rules, scenario.input, zone, from - AHT_HISTORY_DAYS * DAY, from);
  beforeRun();
  // Run first without reply delays (the seed's draws): the queueing that the history's lag is netted of (replay-scenario.ts).
  const input = withReplyDelays(scenario.input, lags, await simulateQueuesYielding(scenario.input));
  const results: SimResult[] = [];
  for (const s of replicationSeeds(seed, runs)) results.push(await simulateQueuesYielding({ ...input, seed: s }));
  const report = simulationReport(grid, input.queues, scenario.queues, ...results).map((q, k): SimulatedQueue => {
    const real = scenario.queues[k]!.realFrt;
    return { ...q, real: { tickets: real.length, frtP50Seconds: percentile(real, 0.5), frtP90Seconds: percentile(real, 0.9) } };
  });
  const simulated = results.map((r) => r.tallies.flatMap((perInterval) => perInterval.flatMap((t) => t.waits)));
  const real = scenario.queues.flatMap((q) => q.realFrt);
  const runsPercentile = (p: number) => spreadOf(simulated.map((waits) => percentile(waits, p))).median;
  return {
    mode: 'replay', seed, runs, from, to, intervalMinutes: 60, agents: input.agents.length, arrivals: input.arrivals.length,
    reopens: median(results.map((r) => r.reopens)), queues: report,
    overall: {
      frtP50Seconds: runsPercentile(0.5), frtP90Seconds: runsPercentile(0.9),
      realFrtP50Seconds: percentile(real, 0.5), realFrtP90Seconds: percentile(real, 0.9),
    },
  };
}

/** Midnight of a YYYY-MM-DD date in `zone`; a RangeError naming `what` otherwise. */
export function dayStart(date: string, zone: string, what = 'from'): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone }) : null;
  if (!day?.isValid) {
    throw bilingualRangeError({ en: `${what} "${date}" is not a date: give YYYY-MM-DD, e.g. 2026-11-02`, zh: `${what} “${date}” 不是日期：请写成 YYYY-MM-DD，例如 2026-11-02` });
  }
  return day.toMillis();
}

/** Days a simulation covers at most: the plan's default horizon (14 days). */
export const MAX_SIMULATED_DAYS = 14;
