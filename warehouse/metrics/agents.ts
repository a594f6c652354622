// Agent workload and performance: one row per agent over the range (with outlier marks) and one
// row per day for a single agent; which agent a fact counts for is said once, in sql/agent-facts.sql.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { filteredDimensions, filterParams, teamScopeCondition, type MetricFilter } from './filter.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { OUTLIER_MIN_SAMPLE, OUTLIER_OF, OUTLIER_SAMPLE_OF, outlierSides, type JudgedMetric } from './agent-outliers.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import type { MetricTable } from './table.ts';
import { firstResponseCoverage } from './first-response.ts';
import { rollupAnswers, rollupZone } from '../rollups/daily-rollup.ts';

const AGENT_COLUMNS = peopleColumns(
  'agent', 'team', 'assigned', 'resolved', 'replies', 'handle_seconds', 'aht_seconds', 'open_now', 'frt_median', 'resolution_median',
  'csat', 'ratings', 'reopen_rate', ...(Object.keys(OUTLIER_OF) as (keyof typeof OUTLIER_OF)[]),
);

const DAY_COLUMNS = peopleColumns(
  'day', 'assigned', 'resolved', 'replies', 'handle_seconds', 'aht_seconds', 'open_at_day_end', 'frt_median', 'resolution_median',
  'csat', 'ratings', 'reopen_rate',
);

/** sql/<rest>.sql continuing the agent facts of `filter` (which joins tickets only for the dimensions it filters). */
const onAgentFacts = (filter: MetricFilter, rest: string) => metricSql('agent-facts', { filtered: filteredDimensions(filter) }) + metricSql(rest);

/**
 * Whether the agents' day rollup (migrations/0034) answers `filter`: as the daily rollup, but within
 * one team too (a team lead's scope; of several, a ticket counted in two would be counted twice).
 */
function agentRollupAnswers(filter: MetricFilter, zone: string | null): boolean {
  return rollupAnswers({ ...filter, scopeTeams: null }, zone) && (filter.scopeTeams ?? []).length <= 1;
}

/** rollups/agent-rollup.sql with its slots filled: kept with the rollup it reads, as daily-rollup-kpis.sql is. */
const agentRollupSql = () => metricSql('../../rollups/agent-rollup');

/** agent-rollup.sql's own parameters: the range's local days, and one agent's days or every agent's range. */
const rollupParams = (filter: MetricFilter, agent: string | null) => ({ from_day: filter.from, to_day: filter.to, agent_id: agent, per_day: agent !== null });

/**
 * Every agent with work in the range or open tickets now, with outlier marks among them. `rollup`:
 * from the agents' day rollup when it answers the filter (the same figures), else from the facts.
 */
export async function agents(db: DuckDBConnection, filter: MetricFilter, options: { rollup?: boolean } = {}): Promise<MetricTable> {
  const zone = options.rollup ? await rollupZone(db) : null;
  const source = agentRollupAnswers(filter, zone) ? 'rollup' : 'facts';
  const sql = source === 'rollup' ? `${agentRollupSql()}, per_agent AS (SELECT * EXCLUDE (day) FROM per_agent_day)` : onAgentFacts(filter, 'agents');
  const rows = await queryRows(db, sql + metricSql('agent-open-now'), { ...filterParams(filter), ...rollupParams(filter, null) });
  // each agent against their own team's agents, only values resting on enough tickets or ratings
  const teams = rows.map((r) => r.team as string | null);
  for (const [column, metric] of Object.entries(OUTLIER_OF) as [keyof typeof OUTLIER_OF, JudgedMetric][]) {
    const sample = OUTLIER_SAMPLE_OF[metric];
    const counted = rows.map((r) => sample === null || Number(r[sample] ?? 0) >= OUTLIER_MIN_SAMPLE);
    const sides = outlierSides(rows.map((r) => r[metric] as number | null), teams, counted);
    rows.forEach((r, i) => { r[column] = sides[i]!; });
  }
  // frt_median per agent: what it rests on (tickets whose source measures no first response have none)
  return { ...peopleTable('agents', filter, AGENT_COLUMNS, rows), firstResponse: (await firstResponseCoverage(db, filter, { rollupZone: zone })).current, source };
}

/**
 * One agent's workload per local day of the range (every day, zeros included). `rollup`: the day's
 * figures and the agent's tickets from the agents' day rollup when it answers the filter; the
 * tickets held at each day's end from those tickets' assignment events.
 */
export async function agentDays(db: DuckDBConnection, filter: MetricFilter, agent: string, options: { rollup?: boolean } = {}): Promise<MetricTable> {
  const own: MetricFilter = { ...filter, values: { ...filter.values, agent: [agent] } };
  const source = options.rollup && agentRollupAnswers({ ...filter, values: { ...filter.values, agent: [] } }, await rollupZone(db)) ? 'rollup' : 'facts';
  const held = metricSql('agent-held', { filtered: filteredDimensions(own) });
  const sql = source === 'rollup'
    ? `${agentRollupSql()}, per_day AS (SELECT strftime(day, '%Y-%m-%d') AS day, * EXCLUDE (day, agent_id, team) FROM per_agent_day)${held}`
    : onAgentFacts(own, 'agent-days') + held;
  const rows = await queryRows(db, sql + metricSql('agent-day-rows'), { ...filterParams(own), ...rollupParams(filter, agent) });
  return { ...peopleTable(`agent-${agent}`, filter, DAY_COLUMNS, rows), firstResponse: (await firstResponseCoverage(db, own)).current, source };
}

export type Access = 'visible' | 'forbidden' | 'unknown';

/**
 * Whether a caller scoped to `scopeTeams` (null: every team) may see `agent`: the agent must have
 * held, replied on or been assigned a ticket of one of those teams. 'unknown': no trace of the agent.
 */
/** The agents with a trace in any of `teams` (what agentAccess lets a team lead see), as a set. */
export async function agentsOfTeams(db: DuckDBConnection, teams: readonly string[]): Promise<Set<string>> {
  if (teams.length === 0) return new Set();
  const inScope = teamScopeCondition('team_id');
  const rows = await queryRows(db, `
    SELECT agent_id FROM tickets WHERE ${inScope} AND agent_id IS NOT NULL
    UNION SELECT agent_id FROM agent_replies WHERE ${inScope}
    UNION SELECT agent_id FROM events WHERE ${inScope} AND agent_id IS NOT NULL`, { scope_teams: listValue([...teams]) });
  return new Set(rows.map((r) => String(r.agent_id)));
}

export async function agentAccess(db: DuckDBConnection, agent: string, scopeTeams: string[] | null | undefined): Promise<Access> {
  // Asked on every request for an agent's pages: EXISTS stops at the first trace instead of reading
  // them all. Only a refusal asks again, to tell 'forbidden' from 'unknown'.
  const traces = `SELECT team_id FROM tickets WHERE agent_id = $agent_id
    UNION ALL SELECT team_id FROM agent_replies WHERE agent_id = $agent_id
    UNION ALL SELECT team_id FROM events WHERE agent_id = $agent_id`;
  const [row] = await queryRows(db, `
    SELECT EXISTS (FROM (${traces}) WHERE ${teamScopeCondition('team_id')}) AS visible`,
  { agent_id: agent, scope_teams: scopeTeams ? listValue(scopeTeams) : null });
  if (row?.visible) return 'visible';
  const [known] = await queryRows(db, `SELECT EXISTS (${traces}) AS known`, { agent_id: agent });
  return known?.known ? 'forbidden' : 'unknown';
}
