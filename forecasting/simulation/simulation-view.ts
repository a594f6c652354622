// The simulation as JSON for the CLI's --json and the API: times as ISO in the queue's zone,
// shares and seconds rounded; each simulated figure the runs' median, its band the runs' p10-p90.
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';
import type { SimulationResult } from './run-simulation.ts';
import type { Band } from './replications.ts';
import type { FigureBands, Figures } from './simulation-report.ts';
import { DISAGREEMENT, MIN_JUDGED } from './simulation-report.ts';

const share = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const seconds = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

const band = (b: Band | null, round: (x: number) => number | null) => (b === null ? null : [round(b[0]), round(b[1])]);

function bands(b: FigureBands) {
  return {
    serviceLevel: band(b.serviceLevel, share), frtP50Seconds: band(b.frtP50Seconds, seconds), frtP90Seconds: band(b.frtP90Seconds, seconds),
    abandonment: band(b.abandonment, share), occupancy: band(b.occupancy, share), backlog: band(b.backlog, (x) => x),
  };
}

function figures(f: Figures) {
  return {
    arrivals: f.arrivals, serviceLevel: share(f.serviceLevel), plannedServiceLevel: share(f.plannedServiceLevel),
    frtP50Seconds: seconds(f.frtP50Seconds), frtP90Seconds: seconds(f.frtP90Seconds), abandonment: share(f.abandonment),
    occupancy: share(f.occupancy), plannedOccupancy: share(f.plannedOccupancy), bands: bands(f.bands),
  };
}

/** How an interval is flagged, for readers of the JSON. */
const FLAG_RULE = `the plan's service level outside the runs' p10-p90 band and more than ${DISAGREEMENT * 100} points from their median, with at least ${MIN_JUDGED} arrivals judged`;

export function simulationView(r: SimulationResult) {
  const zone = r.queues[0]?.zone ?? 'UTC';
  return {
    mode: r.mode, seed: r.seed, runs: r.runs, from: isoAt(r.from, zone), to: isoAt(r.to, zone), intervalMinutes: r.intervalMinutes,
    agents: r.agents, arrivals: r.arrivals, reopens: r.reopens,
    flagRule: { points: DISAGREEMENT * 100, minArrivalsJudged: MIN_JUDGED, rule: FLAG_RULE },
    ...(r.overall ? { overall: {
      frtP50Seconds: seconds(r.overall.frtP50Seconds), frtP90Seconds: seconds(r.overall.frtP90Seconds),
      realFrtP50Seconds: seconds(r.overall.realFrtP50Seconds), realFrtP90Seconds: seconds(r.overall.realFrtP90Seconds),
    } } : {}),
    queues: r.queues.map((q) => ({
      queue: q.queueId, name: q.name, zone: q.zone, method: q.method, strategy: q.strategy,
      summary: { ...figures(q.summary), backlogAtEnd: q.summary.backlogAtEnd, intervalsFlagged: q.summary.intervalsFlagged, disagrees: q.summary.disagrees },
      ...(q.real ? { real: { tickets: q.real.tickets, frtP50Seconds: seconds(q.real.frtP50Seconds), frtP90Seconds: seconds(q.real.frtP90Seconds) } } : {}),
      days: q.days.map((d) => ({ date: d.date, ...figures(d), peakBacklog: d.peakBacklog, intervalsFlagged: d.intervalsFlagged })),
      intervals: q.intervals.map((i) => ({
        start: isoAt(i.start, q.zone), ...figures(i), plannedAgents: i.plannedAgents, backlog: i.backlog, disagrees: i.disagrees,
      })),
    })),
  };
}

export type SimulationView = ReturnType<typeof simulationView>;
