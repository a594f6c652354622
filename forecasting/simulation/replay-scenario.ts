// A past week replayed: the tickets that really arrived (per dispatch-rules queue, first matching
// queue wins; calls and chats live, the rest written), the agents really on duty (in their teams'
// open hours the intervals in which they recorded work, gaps of up to four intervals bridged as the
// same shift; outside them only as long as the work they recorded), staffed for the
// teams they worked that week, with the skills of the teams they worked in the 4 weeks before and
// the region most of their tickets came from; the real first-response times to compare with, and
// the written tickets' reply delay that is not queueing.
import { DOUBLE, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { DispatchQueueRule } from '../dispatch-rules/read-dispatch-rules.ts';
import { HEADCOUNT_DAYS } from '../staffing/headcount.ts';
import { LIVE_CHANNELS } from '../staffing/recommend.ts';
import { teamOfQueue } from '../staffing/staffing-for-forecast.ts';
import { quantileSampler, type HandlingHistory } from './handling-history.ts';
import type { ScenarioQueue } from './plan-scenario.ts';
import { partShiftsOf, queueSkills, simQueueFor } from './queue-rules.ts';
import { queueMatchParams, queueMatchSql } from '../series/queue-match-sql.ts';
import type { SimAgent, SimArrival, SimGrid, SimInput, SimQueue, SimResult } from './simulation-model.ts';

const DAY = 86_400_000;

export interface ReplayQueue extends ScenarioQueue {
  /** Real first-response seconds of the window's tickets (in the queue's SLA clock), answered ones. */
  realFrt: number[];
}

export interface ReplayScenario {
  input: SimInput;
  queues: ReplayQueue[];
}

const TICKETS = `
  SELECT ticket_id, epoch_ms(created_at), region, channel, first_response_seconds, first_response_business_seconds
  FROM tickets
  WHERE created_at >= to_timestamp($from_ms::DOUBLE / 1000) AND created_at < to_timestamp($to_ms::DOUBLE / 1000)
    AND ${queueMatchSql()}
  ORDER BY created_at, ticket_id`;

async function queueTickets(db: DuckDBConnection, rule: DispatchQueueRule, from: number, to: number) {
  const { values, types } = queueMatchParams(rule.match);
  const rows = (await db.runAndReadAll(TICKETS, { ...values, from_ms: from, to_ms: to }, types)).getRows();
  return rows.map(([id, at, region, channel, frt, frtBusiness]) => ({
    id: String(id), at: Number(at), region: region === null ? null : String(region),
    live: (LIVE_CHANNELS as readonly string[]).includes(String(channel ?? '').toLowerCase()),
    frt: frt === null ? null : Number(frt), frtBusiness: frtBusiness === null ? null : Number(frtBusiness),
  }));
}

/** Gaps in an agent's recorded work of up to this many intervals are the same shift (a quiet afternoon, not a shift change). */
const BRIDGED_INTERVALS = 4;

/**
 * Per agent: the share of each grid interval on duty, and the teams they worked in the window. In
 * the open hours of a team they worked for, an interval in which they recorded work is on duty
 * whole, gaps bridged; outside them, only as long as the work they recorded (a reply after the
 * closing, overtime): on duty all night, an agent who sent one reply at 21:00 answered every
 * caller waiting for the morning.
 */
async function agentWork(db: DuckDBConnection, grid: SimGrid, openOf: (team: string) => Promise<readonly boolean[] | undefined>) {
  const rows = (await db.runAndReadAll(`
    SELECT agent_id, list(k ORDER BY k), list(seconds ORDER BY k), flatten(list(teams))
    FROM (
      SELECT agent_id, floor((epoch_ms(occurred_at) - $start) / $interval)::INTEGER AS k, sum(handle_seconds) AS seconds,
             list(DISTINCT team_id) FILTER (WHERE team_id IS NOT NULL) AS teams
      FROM events
      WHERE agent_id IS NOT NULL AND handle_seconds > 0
        AND occurred_at >= to_timestamp($start::DOUBLE / 1000) AND occurred_at < to_timestamp($end::DOUBLE / 1000)
      GROUP BY agent_id, k
    )
    GROUP BY agent_id ORDER BY agent_id`,
  { start: grid.start, interval: grid.intervalMs, end: grid.start + grid.count * grid.intervalMs },
  { start: DOUBLE, interval: DOUBLE, end: DOUBLE })).getRowsJS();
  const intervalSeconds = grid.intervalMs / 1000;
  const result = [];
  for (const [agent, intervals, seconds, teamLists] of rows) {
    const teams = new Set(((teamLists as unknown[] | null) ?? []).map(String));
    const calendars = await Promise.all([...teams].map(openOf));
    // A team without a calendar is always open.
    const inHours = (k: number) => teams.size === 0 || calendars.some((open) => !open || open[k]);
    const share = new Float64Array(grid.count);
    const list = (intervals as unknown[]).map(Number);
    const worked = (seconds as unknown[]).map(Number);
    list.forEach((k, i) => {
      share[k] = inHours(k) ? 1 : Math.min(1, worked[i]! / intervalSeconds);
      const next = list[i + 1];
      if (!inHours(k) || next === undefined || next - k - 1 > BRIDGED_INTERVALS) return;
      for (let j = k + 1; j < next; j++) if (inHours(j)) share[j] = 1;
    });
    result.push({ id: String(agent), share, teams });
  }
  return result;
}

/** Each agent's skills (teams worked) and most frequent ticket region over the weeks before `until`. */
async function agentProfiles(db: DuckDBConnection, until: number) {
  const rows = (await db.runAndReadAll(`
    SELECT e.agent_id, list(DISTINCT e.team_id) FILTER (WHERE e.team_id IS NOT NULL), mode(t.region)
    FROM events e JOIN tickets t USING (ticket_id)
    WHERE e.agent_id IS NOT NULL AND e.occurred_at >= to_timestamp($from::DOUBLE / 1000) AND e.occurred_at < to_timestamp($until::DOUBLE / 1000)
    GROUP BY e.agent_id`, { from: until - HEADCOUNT_DAYS * DAY, until }, { from: DOUBLE, until: DOUBLE })).getRowsJS();
  return new Map(rows.map(([agent, teams, region]) => [String(agent), {
    skills: ((teams as unknown[] | null) ?? []).map(String), region: region === null ? null : String(region),
  }]));
}

/** Per grid interval, whether the team's calendar is open in it. */
async function openIntervals(db: DuckDBConnection, team: string, grid: SimGrid): Promise<boolean[] | undefined> {
  const rows = (await db.runAndReadAll(`
    SELECT epoch_ms(o.start_at), epoch_ms(o.end_at)
    FROM teams t JOIN calendar_open_intervals o USING (calendar_id)
    WHERE t.team_id = $team AND o.end_at > to_timestamp($start::DOUBLE / 1000) AND o.start_at < to_timestamp($end::DOUBLE / 1000)`,
  { team, start: grid.start, end: grid.start + grid.count * grid.intervalMs }, { team: VARCHAR, start: DOUBLE, end: DOUBLE })).getRows();
  if (rows.length === 0) return undefined;
  const open = new Array<boolean>(grid.count).fill(false);
  for (const [s, e] of rows) {
    for (let k = 0; k < grid.count; k++) {
      const from = grid.start + k * grid.intervalMs;
      if (Number(s) < from + grid.intervalMs && Number(e) > from) open[k] = true;
    }
  }
  return open;
}

/**
 * The replay's written tickets with their reply delay: a replay compares with the real FRT, which
 * holds more than the wait for an agent (routing, reading, the team's habits). The history's lag
 * (first response in open time, reply-lag.ts) holds its own queueing too, and the simulation queues
 * anew: added whole, the queueing counts twice. So the delay drawn is the lag less the queueing
 * `queueFree` (the same replay run without any delay) gives the queue's written tickets, in open
 * time, quantile by quantile, never below 0: what of the lag the week's capacity does not explain.
 * A plan simulation draws none, as the staffing plan counts none.
 */
export function withReplyDelays(input: SimInput, lags: ReadonlyMap<string, readonly number[]>, queueFree: SimResult): SimInput {
  const queues = input.queues.map((queue, q): SimQueue => {
    const lag = lags.get(queue.id);
    if (!lag) return queue;
    const waits = Float64Array.from(queueFree.writtenWaits[q] ?? []).sort();
    const net = lag.map((x, k) => {
      const queued = waits.length > 0 ? waits[Math.min(waits.length - 1, Math.floor(((k + 0.5) / lag.length) * waits.length))]! : 0;
      return Math.max(0, x - queued);
    });
    return { ...queue, responseLagSeconds: quantileSampler(net) };
  });
  return { ...input, queues };
}

export async function replayScenario(db: DuckDBConnection, rules: readonly DispatchQueueRule[], histories: ReadonlyMap<string, HandlingHistory>,
  grid: SimGrid, zone: string, seed: number): Promise<ReplayScenario> {
  const to = grid.start + grid.count * grid.intervalMs;
  const seen = new Set<string>();
  const arrivals: SimArrival[] = [];
  const queues: ReplayQueue[] = [];
  const simQueues = [];
  const calendars = new Map<string, Promise<boolean[] | undefined>>();
  const openOf = (team: string) => {
    if (!calendars.has(team)) calendars.set(team, openIntervals(db, team, grid));
    return calendars.get(team)!;
  };
  for (const [q, rule] of rules.entries()) {
    const open = await openOf(teamOfQueue(rule.id));
    const simQueue = simQueueFor(rule, histories.get(rule.id), 300, open);
    const realFrt: number[] = [];
    for (const t of await queueTickets(db, rule, grid.start, to)) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      arrivals.push({ at: t.at, queue: q, region: t.region, live: t.live });
      const frt = simQueue.businessClock && !t.live ? t.frtBusiness : t.frt;
      if (frt !== null) realFrt.push(frt);
    }
    simQueues.push(simQueue);
    queues.push({ id: rule.id, name: rule.name, zone, method: simQueue.live ? 'live' : 'workload', planned: new Array(grid.count).fill(null), realFrt });
  }
  arrivals.sort((a, b) => a.at - b.at);
  const profiles = await agentProfiles(db, to);
  // A team's people have its queue's skills (skill_match names skills, the events name teams).
  const skillsOfTeam = (team: string) => [team, ...rules.filter((r) => teamOfQueue(r.id) === team).flatMap(queueSkills)];
  const agents: SimAgent[] = (await agentWork(db, grid, openOf)).map(({ id, share, teams }) => {
    const profile = profiles.get(id);
    return {
      id,
      skills: [...new Set([...(profile?.skills ?? []), ...teams].flatMap(skillsOfTeam))],
      queues: rules.filter((r) => teams.has(teamOfQueue(r.id))).map((r) => r.id),
      region: profile?.region ?? null,
      shifts: partShiftsOf((k) => share[k]!, grid),
    };
  });
  return { input: { grid, queues: simQueues, agents, arrivals, seed }, queues };
}
