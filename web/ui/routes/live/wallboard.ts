// The wallboard's numbers from the live tables: the floor's totals (/api/live) and, per team, its open
// and waiting tickets beside its agents online, busy, idle and away (/api/live/agent-states).
import type { Cell } from '../../lib/api/types.ts';

type Row = Record<string, Cell>;

const count = (v: Cell | undefined) => (typeof v === 'number' ? v : 0);

/** Open, unassigned and waiting (unanswered) tickets over every team and age. */
export function floorTotals(live: Row[]): { open: number; unassigned: number; waiting: number } {
  const sum = (key: string) => live.reduce((n, r) => n + count(r[key]), 0);
  return { open: sum('open'), unassigned: sum('unassigned'), waiting: sum('unanswered') };
}

export interface TeamNow { team: string; open: number; waiting: number; busy: number; idle: number; away: number }

/** One entry per team in either table (teams by id; tickets without a team under ''). */
export function teamsNow(live: Row[], agents: Row[]): TeamNow[] {
  const teams = new Map<string, TeamNow>();
  const of = (team: Cell | undefined) => {
    const id = team === null || team === undefined ? '' : String(team);
    let t = teams.get(id);
    if (!t) teams.set(id, (t = { team: id, open: 0, waiting: 0, busy: 0, idle: 0, away: 0 }));
    return t;
  };
  for (const r of live) {
    const t = of(r.team);
    t.open += count(r.open);
    t.waiting += count(r.unanswered);
  }
  for (const r of agents) {
    const state = r.agent_state;
    if (state === 'busy' || state === 'idle' || state === 'away') of(r.team)[state] += 1;
  }
  return [...teams.values()].sort((a, b) => (a.team === '' ? 1 : b.team === '' ? -1 : a.team.localeCompare(b.team)));
}

/** Agents online (acted in the last hour): busy and idle ones. */
export const online = (teams: TeamNow[]) => teams.reduce((n, t) => n + t.busy + t.idle, 0);
