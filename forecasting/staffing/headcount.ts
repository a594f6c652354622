// How many people each queue really has: the config's `headcount:` of its team, else the agents
// active in the team over the last 4 weeks, each counted once across teams (multi-skill pooling).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TeamConfig } from '../../warehouse/config.ts';

export interface Headcount {
  /** People who can work the queue; fractional when agents shared with other teams are split. */
  agents: number;
  source: 'config' | 'events';
  /** Agents who work only this team. */
  dedicated: number;
  /** Agents who also work other teams, and the share of them counted here. */
  shared: number;
  sharedFte: number;
  /** How it was counted, in both languages. */
  note: { en: string; zh: string };
}

export interface AgentActivity { agent: string; team: string; seconds: number }

/** Days of events the head count looks at. */
export const HEADCOUNT_DAYS = 28;

/** An agent's team counts when it holds at least this share of the agent's handle time. */
export const MIN_TEAM_SHARE = 0.1;

const DAY = 86_400_000;

/** Handle time per agent and team (the event's team) over [from, to). */
export async function readAgentActivity(db: DuckDBConnection, from: number, to: number): Promise<AgentActivity[]> {
  const reader = await db.runAndReadAll(`
    SELECT agent_id, team_id, sum(handle_seconds)
    FROM events
    WHERE agent_id IS NOT NULL AND team_id IS NOT NULL AND handle_seconds > 0
      AND occurred_at >= to_timestamp($from_ms::DOUBLE / 1000) AND occurred_at < to_timestamp($to_ms::DOUBLE / 1000)
    GROUP BY ALL`, { from_ms: from, to_ms: to });
  return reader.getRows().map(([agent, team, seconds]) => ({ agent: String(agent), team: String(team), seconds: Number(seconds) }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Each agent is one person split over the teams holding at least MIN_TEAM_SHARE of their handle
 * time, in proportion to it; so the teams' head counts add up to the distinct agents (nobody is
 * counted in two teams at once), and an occasional helper does not inflate a team.
 */
export function poolHeadcount(activity: readonly AgentActivity[], minShare = MIN_TEAM_SHARE): Map<string, Headcount> {
  const byAgent = new Map<string, Map<string, number>>();
  for (const a of activity) {
    if (!(a.seconds > 0)) continue;
    const teams = byAgent.get(a.agent) ?? new Map<string, number>();
    teams.set(a.team, (teams.get(a.team) ?? 0) + a.seconds);
    byAgent.set(a.agent, teams);
  }
  const tally = new Map<string, { dedicated: number; shared: number; sharedFte: number }>();
  for (const teams of byAgent.values()) {
    const total = [...teams.values()].reduce((s, x) => s + x, 0);
    const kept = [...teams].filter(([, s]) => s >= minShare * total);
    const keptTotal = kept.reduce((s, [, x]) => s + x, 0);
    for (const [team, seconds] of kept) {
      const t = tally.get(team) ?? { dedicated: 0, shared: 0, sharedFte: 0 };
      if (kept.length === 1) t.dedicated += 1;
      else { t.shared += 1; t.sharedFte += seconds / keptTotal; }
      tally.set(team, t);
    }
  }
  const result = new Map<string, Headcount>();
  for (const [team, t] of tally) {
    const agents = t.dedicated + t.sharedFte;
    result.set(team, {
      agents, source: 'events', dedicated: t.dedicated, shared: t.shared, sharedFte: t.sharedFte,
      note: {
        en: `${t.dedicated} agents working only ${team}` + (t.shared > 0 ? ` + ${t.shared} shared with other teams, counted by their share of work (${round1(t.sharedFte)})` : '') +
          `, from the last ${HEADCOUNT_DAYS} days of events`,
        zh: `近 ${HEADCOUNT_DAYS} 天事件: ${t.dedicated} 名坐席只服务本团队` + (t.shared > 0 ? `, 另有 ${t.shared} 名与其他团队共享, 按工作量占比计 ${round1(t.sharedFte)} 人` : ''),
      },
    });
  }
  return result;
}

/** The config's `headcount:` per team. */
export function configHeadcount(teams: readonly Pick<TeamConfig, 'id' | 'headcount'>[]): Map<string, Headcount> {
  const result = new Map<string, Headcount>();
  for (const t of teams) {
    if (t.headcount === undefined) continue;
    result.set(t.id, {
      agents: t.headcount, source: 'config', dedicated: t.headcount, shared: 0, sharedFte: 0,
      note: { en: `${t.headcount} agents (headcount in the config)`, zh: `${t.headcount} 名坐席 (配置中的 headcount)` },
    });
  }
  return result;
}

/** Head count per team: the config's where it gives one, else counted from the events before `until`. */
export async function readHeadcount(db: DuckDBConnection, teams: readonly Pick<TeamConfig, 'id' | 'headcount'>[], until: number): Promise<Map<string, Headcount>> {
  const fromEvents = poolHeadcount(await readAgentActivity(db, until - HEADCOUNT_DAYS * DAY, until));
  for (const [team, h] of configHeadcount(teams)) fromEvents.set(team, h);
  return fromEvents;
}
