// The simulation's figures per queue, per interval and per local day, beside the analytical plan's:
// service level (share answered / first-responded within the target), FRT p50 / p90, backlog,
// occupancy and abandonment, each the median of the replications with their p10-p90 band;
// intervals where the plan lies outside the simulated service level's band and the median is more
// than 5 points off it (with enough arrivals to tell) are flagged.
import { DateTime } from 'luxon';
import type { IntervalRecommendation } from '../staffing/recommend.ts';
import type { ScenarioQueue } from './plan-scenario.ts';
import { percentile, spreadOf, type Band } from './replications.ts';

export { percentile };
import type { SimGrid, SimIntervalTally, SimQueue, SimResult } from './simulation-model.ts';

/** Simulated (median) and planned service level may differ by this much before an interval is flagged. */
export const DISAGREEMENT = 0.05;
/** Arrivals judged against the target that an interval needs before a difference means anything. */
export const MIN_JUDGED = 30;

/** The runs' p10-p90 of a figure (null where no run measured it); backlog: the interval's, the day's peak, the horizon's end. */
export type FigureBands = Record<'serviceLevel' | 'frtP50Seconds' | 'frtP90Seconds' | 'abandonment' | 'occupancy' | 'backlog', Band | null>;

/** The simulated figures are the runs' medians; the planned ones do not vary. */
export interface Figures {
  arrivals: number;
  /** Arrivals judged against the target (the runs' median). */
  judged: number;
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
  bands: FigureBands;
}

export interface SimulatedInterval extends Figures {
  start: number;
  plannedAgents: number | null;
  backlog: number;
  /** The plan outside the simulated service level's band and more than 5 points from its median, with at least MIN_JUDGED arrivals judged. */
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

type RunFigures = Omit<Figures, 'bands'> & { backlog: number };

/** One run's figures over some intervals of one queue (planned figures arrival-weighted, as the plan's summary). */
function runFigures(tallies: readonly SimIntervalTally[], planned: readonly (IntervalRecommendation | null)[], queue: SimQueue, backlog: number): RunFigures {
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
    judged,
    backlog,
    serviceLevel: queue.targetWaitSeconds !== null && judged > 0 ? met / judged : null,
    plannedServiceLevel: planWeight > 0 ? planMet / planWeight : null,
    frtP50Seconds: percentile(waits, 0.5),
    frtP90Seconds: percentile(waits, 0.9),
    abandonment: queue.patienceSeconds !== null && arrivals > 0 ? abandoned / arrivals : null,
    occupancy: staffed > 0 ? Math.min(1, busy / staffed) : null,
    plannedOccupancy: planWork > 0 ? planBusy / planWork : null,
  };
}

/** The runs' figures combined: medians, their bands, the plan's figures as they are. */
function combined(runs: readonly RunFigures[]): Figures & { backlog: number } {
  const of = (pick: (f: RunFigures) => number | null) => spreadOf(runs.map(pick));
  const sl = of((f) => f.serviceLevel); const p50 = of((f) => f.frtP50Seconds); const p90 = of((f) => f.frtP90Seconds);
  const abandonment = of((f) => f.abandonment); const occupancy = of((f) => f.occupancy); const backlog = of((f) => f.backlog);
  const first = runs[0]!;
  return {
    arrivals: of((f) => f.arrivals).median!, judged: of((f) => f.judged).median!, backlog: backlog.median!,
    serviceLevel: sl.median, plannedServiceLevel: first.plannedServiceLevel, frtP50Seconds: p50.median, frtP90Seconds: p90.median,
    abandonment: abandonment.median, occupancy: occupancy.median, plannedOccupancy: first.plannedOccupancy,
    bands: { serviceLevel: sl.band, frtP50Seconds: p50.band, frtP90Seconds: p90.band, abandonment: abandonment.band, occupancy: occupancy.band, backlog: backlog.band },
  };
}

/**
 * The plan disagrees with the simulation when it lies outside the runs' service-level band AND the
 * median is more than 5 points from it: the band alone flags small true differences once many runs
 * narrow it, the distance alone flags one run's luck. One run's band is its value: the distance alone.
 */
function disagrees(f: Figures): boolean {
  const band = f.bands.serviceLevel;
  if (f.judged < MIN_JUDGED || f.serviceLevel === null || f.plannedServiceLevel === null || band === null) return false;
  const plan = f.plannedServiceLevel;
  return (plan < band[0] || plan > band[1]) && Math.abs(f.serviceLevel - plan) > DISAGREEMENT;
}

/**
 * The plan's intervals as the simulation can judge them: a written ticket is judged once answered or
 * waiting past its target, which on a business clock only open hours count. The tickets after the
 * window's last open hour (a last weekend's) are neither in it, so the plan's figure leaves them out
 * too: the plan, over a longer horizon, counted them late (the demo's week: quality planned 0.50
 * against 0.68 simulated, 0.66 over the tickets both judge).
 */
function plannedAsJudged(queue: SimQueue, planned: readonly (IntervalRecommendation | null)[]): (IntervalRecommendation | null)[] {
  if (queue.live || queue.targetWaitSeconds === null || !queue.businessClock || !queue.open) return [...planned];
  const lastOpen = queue.open.lastIndexOf(true);
  return planned.map((p, k) => (p && k > lastOpen ? { ...p, serviceLevel: null } : p));
}

/** The report of one or more runs of the same scenario (replications with different seeds): medians and bands over them. */
export function simulationReport(grid: SimGrid, queues: readonly SimQueue[], scenario: readonly ScenarioQueue[], ...results: SimResult[]): SimulatedQueue[] {
  return scenario.map((sq, q) => {
    const queue = queues[q]!;
    const runs = results.map((r) => r.tallies[q]!);
    const planned = plannedAsJudged(queue, sq.planned);
    const intervals = Array.from({ length: grid.count }, (_, k): SimulatedInterval => {
      const p = planned[k] ?? null;
      const { backlog, ...f } = combined(runs.map((tallies) => runFigures([tallies[k]!], [p], queue, tallies[k]!.backlogAtEnd)));
      return { start: grid.start + k * grid.intervalMs, ...f, plannedAgents: p ? p.agents : null, backlog, disagrees: disagrees(f) };
    });
    const byDay = new Map<string, number[]>();
    intervals.forEach((iv, k) => {
      const date = DateTime.fromMillis(iv.start, { zone: sq.zone }).toISODate()!;
      byDay.set(date, [...(byDay.get(date) ?? []), k]);
    });
    const days = [...byDay].map(([date, ks]): SimulatedDay => {
      const { backlog, ...f } = combined(runs.map((tallies) => runFigures(ks.map((k) => tallies[k]!), ks.map((k) => planned[k] ?? null), queue,
        Math.max(...ks.map((k) => tallies[k]!.backlogAtEnd)))));
      return { date, ...f, peakBacklog: backlog, intervalsFlagged: ks.filter((k) => intervals[k]!.disagrees).length };
    });
    const { backlog, ...whole } = combined(runs.map((tallies) => runFigures(tallies, planned, queue, tallies[tallies.length - 1]?.backlogAtEnd ?? 0)));
    return {
      queueId: sq.id, name: sq.name, zone: sq.zone, method: sq.method, strategy: queue.strategy,
      summary: { ...whole, disagrees: disagrees(whole), backlogAtEnd: backlog, intervalsFlagged: intervals.filter((i) => i.disagrees).length },
      days, intervals,
    };
  });
}
