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
  /**
   * Days a week each of these people works, on average: the config's people work a 5-day week; the
   * events' agents the days they recorded work in the last 4 weeks (a demo agent on duty every
   * open day works 7). The weekly hours check compares the plan with these days of 8 hours.
   */
  daysPerWeek: number;
  /** How it was counted, in both languages. */
  note: { en: string; zh: string };
}

/**
 * `days`: the distinct local days on which the agent recorded work, in any team (each event's day in
 * its team's calendar zone: a shift across UTC midnight is one day); absent: a 5-day week assumed.
 */
export interface AgentActivity { agent: string; team: string; seconds: number; days?: number }

/** A working week of the config's people. */
export const WORK_DAYS_A_WEEK = 5;

/** Days of events the head count looks at. */
export const HEADCOUNT_DAYS = 28;

/** An agent's team counts when it holds at least this share of the agent's handle time. */
export const MIN_TEAM_SHARE = 0.1;

const DAY = 86_400_000;

/**
 * Handle time per agent and team (the event's team) over [from, to), with the agent's days of work:
 * local days in the zone of the team's calendar, or `zone` for a team the config does not list.
 */
export async function readAgentActivity(db: DuckDBConnection, from: number, to: number, zone = 'UTC'): Promise<AgentActivity[]> {
  const reader = await db.runAndReadAll(`
    WITH work AS (
      SELECT e.agent_id, e.team_id, e.handle_seconds, CAST(timezone(coalesce(c.timezone, $zone), e.occurred_at) AS DATE) AS day
      FROM events e
      LEFT JOIN teams t ON t.team_id = e.team_id
      LEFT JOIN calendars c ON c.calendar_id = t.calendar_id
      WHERE e.agent_id IS NOT NULL AND e.team_id IS NOT NULL AND e.handle_seconds > 0
        AND e.occurred_at >= to_timestamp($from_ms::DOUBLE / 1000) AND e.occurred_at < to_timestamp($to_ms::DOUBLE / 1000)
    ), agent_days AS (SELECT agent_id, count(DISTINCT day) AS days FROM work GROUP BY agent_id)
    SELECT agent_id, team_id, sum(handle_seconds), any_value(days)
    FROM work JOIN agent_days USING (agent_id)
    GROUP BY agent_id, team_id`, { from_ms: from, to_ms: to, zone });
  return reader.getRows().map(([agent, team, seconds, days]) => ({ agent: String(agent), team: String(team), seconds: Number(seconds), days: Number(days) }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Each agent is one person split over the teams holding at least MIN_TEAM_SHARE of their handle
 * time, in proportion to it; so the teams' head counts add up to the distinct agents (nobody is
 * counted in two teams at once), and an occasional helper does not inflate a team.
 */
export function poolHeadcount(activity: readonly AgentActivity[], minShare = MIN_TEAM_SHARE): Map<string, Headcount> {
  const byAgent = new Map<string, Map<string, number>>();
  const daysOf = new Map<string, number>();
  for (const a of activity) {
    if (!(a.seconds > 0)) continue;
    const teams = byAgent.get(a.agent) ?? new Map<string, number>();
    teams.set(a.team, (teams.get(a.team) ?? 0) + a.seconds);
    byAgent.set(a.agent, teams);
    if (a.days !== undefined) daysOf.set(a.agent, a.days);
  }
  const weeks = HEADCOUNT_DAYS / 7;
  const tally = new Map<string, { dedicated: number; shared: number; sharedFte: number; personDays: number }>();
  for (const [agent, teams] of byAgent) {
    const total = [...teams.values()].reduce((s, x) => s + x, 0);
    const kept = [...teams].filter(([, s]) => s >= minShare * total);
    const keptTotal = kept.reduce((s, [, x]) => s + x, 0);
    // Days a week the agent works (their days of work in the window, or a working week when unknown).
    const daysPerWeek = Math.min(7, daysOf.has(agent) ? daysOf.get(agent)! / weeks : WORK_DAYS_A_WEEK);
    for (const [team, seconds] of kept) {
      const t = tally.get(team) ?? { dedicated: 0, shared: 0, sharedFte: 0, personDays: 0 };
      const share = kept.length === 1 ? 1 : seconds / keptTotal;
      if (kept.length === 1) t.dedicated += 1;
      else { t.shared += 1; t.sharedFte += share; }
      t.personDays += share * daysPerWeek;
      tally.set(team, t);
    }
  }
  const result = new Map<string, Headcount>();
  for (const [team, t] of tally) {
    const agents = t.dedicated + t.sharedFte;
    result.set(team, {
      agents, source: 'events', dedicated: t.dedicated, shared: t.shared, sharedFte: t.sharedFte, daysPerWeek: agents > 0 ? t.personDays / agents : WORK_DAYS_A_WEEK,
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
      agents: t.headcount, source: 'config', dedicated: t.headcount, shared: 0, sharedFte: 0, daysPerWeek: WORK_DAYS_A_WEEK,
      note: { en: `${t.headcount} agents (headcount in the config)`, zh: `${t.headcount} 名坐席 (配置中的 headcount)` },
    });
  }
  return result;
}

/**
 * Head count per team: the config's where it gives one, else counted from the events before `until`
 * (days of work in each team's calendar zone, `zone` for a team without one).
 */
export async function readHeadcount(db: DuckDBConnection, teams: readonly Pick<TeamConfig, 'id' | 'headcount'>[], until: number,
  zone = 'UTC'): Promise<Map<string, Headcount>> {
  const fromEvents = poolHeadcount(await readAgentActivity(db, until - HEADCOUNT_DAYS * DAY, until, zone));
  for (const [team, h] of configHeadcount(teams)) fromEvents.set(team, h);
  return fromEvents;
}
