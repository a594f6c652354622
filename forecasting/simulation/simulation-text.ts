// The human summary of a simulation: per queue its totals beside the plan (or, replayed, beside the
// real first-response times) and one line per local day.
import { DateTime } from 'luxon';
import type { SimulationResult } from './run-simulation.ts';
import type { Figures } from './simulation-report.ts';
import { DISAGREEMENT } from './simulation-report.ts';

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/** Seconds as "42s", "12m", "3.5h". */
export function shortDuration(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

const COLUMNS = ['date', 'arrivals', 'SL sim', 'SL plan', 'FRT p50', 'FRT p90', 'abandon', 'occupancy', 'peak backlog', 'flagged'];

function dayRow(date: string, f: Figures, peakBacklog: number, flagged: number): string[] {
  return [date, String(f.arrivals), pct(f.serviceLevel), pct(f.plannedServiceLevel), shortDuration(f.frtP50Seconds), shortDuration(f.frtP90Seconds),
    pct(f.abandonment), pct(f.occupancy), String(peakBacklog), String(flagged)];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`);
}

/** Where the simulation leaves the plan, worded as the page words it (web/ui/lib/planning/simulation-summary.ts). */
function offThePlan(flagged: number, wholeHorizon: boolean): string {
  const points = DISAGREEMENT * 100;
  if (flagged > 0) return `${flagged} intervals off the plan by more than ${points} points${wholeHorizon ? ', and the whole horizon too' : ''}`;
  return wholeHorizon ? `off the plan by more than ${points} points over the horizon (no single interval has enough arrivals to tell)`
    : `within ${points} points of the plan wherever an interval has enough arrivals to tell`;
}

export function simulationText(r: SimulationResult): string {
  const zone = r.queues[0]?.zone ?? 'UTC';
  const day = (t: number) => DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const lines = [
    `${r.mode === 'replay' ? 'replayed' : 'simulated plan'} ${day(r.from)} to ${day(r.to)} (${zone}), ${r.intervalMinutes}-minute intervals, seed ${r.seed}: ` +
      `${r.queues.length} queues, ${r.arrivals} arrivals (+${r.reopens} reopened), ${r.agents} agents`,
  ];
  if (r.overall) {
    const o = r.overall;
    lines.push(`all queues: FRT p50 ${shortDuration(o.frtP50Seconds)} p90 ${shortDuration(o.frtP90Seconds)} simulated, ` +
      `${shortDuration(o.realFrtP50Seconds)} / ${shortDuration(o.realFrtP90Seconds)} real`);
  }
  for (const q of r.queues) {
    const s = q.summary;
    const versus = r.mode === 'replay' && q.real
      ? `real FRT p50 ${shortDuration(q.real.frtP50Seconds)} p90 ${shortDuration(q.real.frtP90Seconds)} (${q.real.tickets} answered)`
      : `plan SL ${pct(s.plannedServiceLevel)}, occupancy ${pct(s.occupancy)} (plan ${pct(s.plannedOccupancy)})`;
    lines.push('', `${q.queueId} ${q.name} (${q.strategy}, ${q.method}): SL ${pct(s.serviceLevel)}, FRT p50 ${shortDuration(s.frtP50Seconds)} ` +
      `p90 ${shortDuration(s.frtP90Seconds)}, abandonment ${pct(s.abandonment)}; ${versus}; backlog at end ${s.backlogAtEnd}; ` +
      offThePlan(s.intervalsFlagged, s.disagrees));
    lines.push(...table([COLUMNS, ...q.days.map((d) => dayRow(d.date, d, d.peakBacklog, d.intervalsFlagged))]));
  }
  return `${lines.join('\n')}\n`;
}
