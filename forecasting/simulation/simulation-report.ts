// The simulation's figures per queue, per interval and per local day, beside the analytical plan's:
// service level (share answered / first-responded within the target), FRT p50 / p90, backlog,
// occupancy and abandonment; intervals where simulated and planned service level differ by more
// than 5 points (with enough arrivals to tell) are flagged.
import { DateTime } from 'luxon';
import type { IntervalRecommendation } from '../staffing/recommend.ts';
import type { ScenarioQueue } from './plan-scenario.ts';
import type { SimGrid, SimIntervalTally, SimQueue, SimResult } from './simulation-model.ts';

/** Simulated and planned service level may differ by this much before an interval is flagged. */
export const DISAGREEMENT = 0.05;
/** Arrivals judged against the target that an interval needs before a difference means anything. */
export const MIN_JUDGED = 30;

export interface Figures {
  arrivals: number;
  /** Simulated share within the target (null: no target, or nothing judged). */
  serviceLevel: number | null;
  /** The analytical plan's (Erlang C / A, workload SLA attainment); null without a plan figure. */
  plannedServiceLevel: number | null;
  frtP50Seconds: number | null;
  frtP90Seconds: number | null;
  /** Share of arrivals who hung up (live queues with a patience). */
  abandonment: number | null;
  occupancy: number | null;
  plannedOccupancy: number | null;
}

export interface SimulatedInterval extends Figures {
  start: number;
  plannedAgents: number | null;
  backlog: number;
  /** |simulated - planned service level| > 5 points with at least MIN_JUDGED arrivals judged. */
  disagrees: boolean;
}

export interface SimulatedDay extends Figures {
  /** Local date in the queue's zone. */
  date: string;
  peakBacklog: number;
  intervalsFlagged: number;
}

export interface SimulatedQueue {
  queueId: string;
  name: string;
  zone: string;
  method: string;
  strategy: string;
  /** disagrees: the same test as an interval's, over the whole horizon. */
  summary: Figures & { backlogAtEnd: number; intervalsFlagged: number; disagrees: boolean };
  days: SimulatedDay[];
  intervals: SimulatedInterval[];
  /** Replay only: the week's real first-response times, in the same clock as the simulated ones. */
  real?: { tickets: number; frtP50Seconds: number | null; frtP90Seconds: number | null };
}

/** Nearest-rank percentile of unsorted values (null when empty). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Figures over some intervals of one queue (planned figures arrival-weighted, as the plan's summary). */
function figures(tallies: readonly SimIntervalTally[], planned: readonly (IntervalRecommendation | null)[], queue: SimQueue): Figures {
  let arrivals = 0; let judged = 0; let met = 0; let abandoned = 0; let busy = 0; let staffed = 0;
  let planWeight = 0; let planMet = 0; let planWork = 0; let planBusy = 0;
  const waits: number[] = [];
  tallies.forEach((t, k) => {
    arrivals += t.arrivals; judged += t.judged; met += t.metTarget; abandoned += t.abandoned; busy += t.busySeconds; staffed += t.staffedSeconds;
    for (const w of t.waits) waits.push(w);
    const p = planned[k];
    if (p && p.serviceLevel !== null && p.arrivals > 0) { planWeight += p.arrivals; planMet += p.serviceLevel * p.arrivals; }
    if (p && p.agents > 0) { planWork += p.agents * p.minutes; planBusy += p.occupancy * p.agents * p.minutes; }
  });
  return {
    arrivals,
    serviceLevel: queue.targetWaitSeconds !== null && judged > 0 ? met / judged : null,
    plannedServiceLevel: planWeight > 0 ? planMet / planWeight : null,
    frtP50Seconds: percentile(waits, 0.5),
    frtP90Seconds: percentile(waits, 0.9),
    abandonment: queue.patienceSeconds !== null && arrivals > 0 ? abandoned / arrivals : null,
    occupancy: staffed > 0 ? Math.min(1, busy / staffed) : null,
    plannedOccupancy: planWork > 0 ? planBusy / planWork : null,
  };
}

function disagrees(judged: number, f: Figures): boolean {
  return judged >= MIN_JUDGED && f.serviceLevel !== null && f.plannedServiceLevel !== null
    && Math.abs(f.serviceLevel - f.plannedServiceLevel) > DISAGREEMENT;
}

export function simulationReport(grid: SimGrid, queues: readonly SimQueue[], scenario: readonly ScenarioQueue[], result: SimResult): SimulatedQueue[] {
  return scenario.map((sq, q) => {
    const queue = queues[q]!;
    const tallies = result.tallies[q]!;
    const intervals = tallies.map((t, k): SimulatedInterval => {
      const p = sq.planned[k] ?? null;
      const f = figures([t], [p], queue);
      return { start: grid.start + k * grid.intervalMs, ...f, plannedAgents: p ? p.agents : null, backlog: t.backlogAtEnd, disagrees: disagrees(t.judged, f) };
    });
    const byDay = new Map<string, number[]>();
    intervals.forEach((iv, k) => {
      const date = DateTime.fromMillis(iv.start, { zone: sq.zone }).toISODate()!;
      byDay.set(date, [...(byDay.get(date) ?? []), k]);
    });
    const days = [...byDay].map(([date, ks]): SimulatedDay => ({
      date,
      ...figures(ks.map((k) => tallies[k]!), ks.map((k) => sq.planned[k] ?? null), queue),
      peakBacklog: Math.max(...ks.map((k) => tallies[k]!.backlogAtEnd)),
      intervalsFlagged: ks.filter((k) => intervals[k]!.disagrees).length,
    }));
    const whole = figures(tallies, sq.planned, queue);
    return {
      queueId: sq.id, name: sq.name, zone: sq.zone, method: sq.method, strategy: queue.strategy,
      summary: {
        ...whole,
        disagrees: disagrees(tallies.reduce((n, t) => n + t.judged, 0), whole),
        backlogAtEnd: tallies[tallies.length - 1]?.backlogAtEnd ?? 0,
        intervalsFlagged: intervals.filter((i) => i.disagrees).length,
      },
      days, intervals,
    };
  });
}
