// An agent's scorecard: each of its measures beside the median of its team's agents over the same
// filter, with the difference and whether it is better or worse by the measure's direction (the
// people catalog's). Pure: it reads the rows of the agents table (agents.ts).
import type { Row } from './metric-sql.ts';
import { PEOPLE_COLUMNS } from './people-columns.ts';
import { PEOPLE_METRICS } from './people-catalog.ts';
import type { ColumnUnit, Label } from './table.ts';

/** The measures a scorecard shows, in order. */
export const SCORECARD_MEASURES = [
  'assigned', 'resolved', 'replies', 'aht_seconds', 'open_now', 'frt_median', 'resolution_median', 'csat', 'reopen_rate',
] as const;
export type ScorecardMeasure = (typeof SCORECARD_MEASURES)[number];

/** Differences smaller than this share of the median read as "same as the team". */
export const SAME_WITHIN = 0.005;

export interface ScorecardLine {
  key: ScorecardMeasure;
  label: Label;
  unit: ColumnUnit;
  value: number | null;
  teamMedian: number | null;
  /** Agents of the team with a value (the agent included): what the median rests on. */
  teamAgents: number;
  /** (value - team median) / team median; null without both or with a zero median. */
  relative: number | null;
  /** Where the value lies against the median. */
  position: 'above' | 'below' | 'same' | null;
  /** Good or bad news by the measure's direction; null for measures with no direction (workload counts). */
  verdict: 'better' | 'worse' | 'same' | null;
}

export interface Scorecard { agent: string; team: string | null; lines: ScorecardLine[] }

const higherIsBetter = (key: ScorecardMeasure): boolean | null =>
  PEOPLE_METRICS.find((m) => m.key === `agent_${key}`)?.higherIsBetter ?? null;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The scorecard of `agent` among `rows` (the agents table under one filter); its team is its row's. */
export function agentScorecard(rows: readonly Row[], agent: string): Scorecard {
  const own = rows.find((r) => r.agent === agent);
  const team = (own?.team as string | null | undefined) ?? null;
  const mates = own ? rows.filter((r) => r.team === team) : [];
  const lines = SCORECARD_MEASURES.map((key): ScorecardLine => {
    const value = numberOf(own?.[key]);
    const values = mates.map((r) => numberOf(r[key])).filter((v): v is number => v !== null);
    const teamMedian = median(values);
    const difference = value !== null && teamMedian !== null ? value - teamMedian : null;
    const relative = difference !== null && teamMedian !== 0 ? difference / teamMedian! : null;
    const same = difference !== null && (difference === 0 || (relative !== null && Math.abs(relative) < SAME_WITHIN));
    const position = difference === null ? null : same ? 'same' : difference > 0 ? 'above' : 'below';
    const up = higherIsBetter(key);
    const verdict = position === null || up === null ? null : position === 'same' ? 'same'
      : (position === 'above') === up ? 'better' : 'worse';
    const column = PEOPLE_COLUMNS[key];
    return { key, label: column.label, unit: column.unit, value, teamMedian, teamAgents: values.length, relative, position, verdict };
  });
  return { agent, team, lines };
}
