// The floor right now: open, unassigned and unanswered tickets by age per team or per agent, the
// tickets waiting longest for a first reply, each agent's state (busy, idle, away) and the tickets
// that will breach an SLA target within the next hour. `now` is a parameter (tests fix it).
import type { DuckDBConnection } from '@duckdb/node-api';
import { filterParams, type MetricFilter } from './filter.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import { zonedRows } from './zoned-rows.ts';
import type { MetricTable } from './table.ts';
import type { ListedRows } from './paged-rows.ts';

export const AGE_BUCKETS = ['<1h', '1-4h', '4-8h', '8-24h', '1-3d', '3-7d', '>7d'] as const;

export interface LiveOptions { now?: Date }

function liveParams(filter: MetricFilter, options: LiveOptions) {
  return { ...filterParams(filter), now: (options.now ?? new Date()).toISOString() };
}

/** Open tickets at `now` per team (or per agent) and age bucket; only non-empty cells. */
export async function liveOpen(db: DuckDBConnection, filter: MetricFilter, options: LiveOptions & { byAgent?: boolean } = {}): Promise<MetricTable> {
  const byAgent = options.byAgent ?? false;
  const rows = await queryRows(db, metricSql('live-open'), { ...liveParams(filter, options), by_agent: byAgent });
  const columns = peopleColumns(byAgent ? 'agent' : 'team', 'age_bucket', 'open', 'unassigned', 'unanswered');
  return peopleTable(byAgent ? 'live-agents' : 'live', filter, byAgent ? columns.filter((c) => c.key !== 'unassigned') : columns, rows);
}

/** Open tickets whose first-response or resolution target will be breached within the hour after `now`, soonest first. */
export async function liveBreaching(db: DuckDBConnection, filter: MetricFilter, options: LiveOptions = {}): Promise<MetricTable> {
  const rows = await zonedRows(db, metricSql('live-breaching'), liveParams(filter, options), filter.timezone);
  return peopleTable('live-breaching', filter, peopleColumns('ticket_id', 'sla', 'team', 'agent', 'priority', 'clock', 'target_seconds',
    'created_at', 'due_at', 'remaining_seconds'), rows);
}

const WAITING_COLUMNS = peopleColumns('ticket_id', 'team', 'agent', 'priority', 'created_at', 'waiting_seconds');
const LONGEST_WAITING_FIRST = 'ORDER BY created_at, ticket_id';

/** Open tickets no agent has answered yet, longest waiting first (at most `limit`), with how many wait in all (`total`). */
export async function liveWaiting(db: DuckDBConnection, filter: MetricFilter, options: LiveOptions & { limit?: number } = {}): Promise<MetricTable> {
  const sql = `SELECT *, count(*) OVER () AS waiting_total FROM (${metricSql('live-waiting')}) ${LONGEST_WAITING_FIRST} LIMIT $limit`;
  const rows = await zonedRows(db, sql, { ...liveParams(filter, options), limit: options.limit ?? 10 }, filter.timezone);
  return peopleTable('live-waiting', filter, WAITING_COLUMNS, rows, { total: Number(rows[0]?.waiting_total ?? 0) });
}

/** Every waiting ticket, longest waiting first: what an export of /api/live/waiting streams. */
export function liveWaitingRows(filter: MetricFilter, options: LiveOptions = {}): ListedRows {
  return { name: 'live-waiting', columns: WAITING_COLUMNS, params: liveParams(filter, options),
    sql: `SELECT ${WAITING_COLUMNS.map((c) => c.key).join(', ')} FROM (${metricSql('live-waiting')}) ${LONGEST_WAITING_FIRST}` };
}

/**
 * Each agent holding open tickets or active in the hour before `now`: team, state (busy, idle, away), open, unanswered, last active.
 * States rest on agents' events: data with none at all (a source of status changes only) says so, rather than "0 online".
 */
export async function liveAgentStates(db: DuckDBConnection, filter: MetricFilter, options: LiveOptions = {}): Promise<MetricTable> {
  const rows = await zonedRows(db, metricSql('live-agent-states'), liveParams(filter, options), filter.timezone);
  // One agent event anywhere answers it (the scan stops there); whatever the filter, it is about the source.
  const [any] = await queryRows(db, `SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE actor = 'agent' AND agent_id IS NOT NULL LIMIT 1)`, {});
  const table = peopleTable('live-agent-states', filter, peopleColumns('team', 'agent', 'agent_state', 'open', 'unanswered', 'last_active_at'), rows);
  return { ...table, agentStates: { unavailable: Number(any?.n) > 0 ? null : 'no_agent_events' } };
}
