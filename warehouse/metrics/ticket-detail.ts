// One ticket as derived (a one-row table) and its events in order: the drill-down under the agent
// and low-rating lists. Who may see it is the caller's to check with ticketAccess (its team now).
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { teamScopeCondition, type MetricFilter } from './filter.ts';
import type { Access } from './agents.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import { zonedRows } from './zoned-rows.ts';
import type { MetricTable } from './table.ts';

const TICKET_COLUMNS = peopleColumns(
  'ticket_id', 'created_at', 'status', 'team', 'current_agent', 'channel', 'problem_type', 'problem_subtype', 'product',
  'region', 'priority', 'customer_id', 'first_response_at', 'resolved_at', 'closed_at', 'first_response_seconds',
  'resolution_seconds', 'reopen_count', 'transfer_count', 'escalated', 'replies', 'handle_seconds', 'rating', 'rated_at', 'comment',
);

const EVENT_COLUMNS = peopleColumns(
  'event_id', 'occurred_at', 'type', 'actor', 'agent', 'team', 'status', 'status_before', 'status_after', 'priority', 'rating',
  'rating_dimension', 'comment', 'handle_seconds',
);

/** 'forbidden' when the ticket's current team is outside `scopeTeams` (null: every team). */
export async function ticketAccess(db: DuckDBConnection, ticketId: string, scopeTeams: string[] | null | undefined): Promise<Access> {
  const [row] = await queryRows(db, `
    SELECT coalesce(${teamScopeCondition('team_id')}, false) AS visible
    FROM tickets WHERE ticket_id = $ticket_id`,
  { ticket_id: ticketId, scope_teams: scopeTeams ? listValue(scopeTeams) : null });
  if (!row) return 'unknown';
  return row.visible ? 'visible' : 'forbidden';
}

export async function ticketDetail(db: DuckDBConnection, filter: MetricFilter, ticketId: string): Promise<MetricTable> {
  const rows = await zonedRows(db, `
    SELECT ticket_id, created_at, status, team_id AS team, agent_id AS current_agent, channel, problem_type, problem_subtype,
           product, region, priority, customer_id, first_response_at, resolved_at, closed_at,
           CASE WHEN $business THEN first_response_business_seconds ELSE first_response_seconds END AS first_response_seconds,
           CASE WHEN $business THEN resolution_business_seconds ELSE resolution_seconds END AS resolution_seconds,
           reopen_count, transfer_count, escalated, agent_reply_count AS replies, handle_seconds, rating, rated_at,
           rating_comment AS comment
    FROM tickets WHERE ticket_id = $ticket_id`,
  { ticket_id: ticketId, business: (filter.clock ?? 'business') === 'business' }, filter.timezone);
  return peopleTable(`ticket-${ticketId}`, filter, TICKET_COLUMNS, rows);
}

export async function ticketEvents(db: DuckDBConnection, filter: MetricFilter, ticketId: string): Promise<MetricTable> {
  const rows = await zonedRows(db, `
    -- The derived status spans (lifecycle/derive-tickets.sql) held just before the event's instant and
    -- from it on: events sharing one instant all show the status the instant ends in.
    WITH spans AS (SELECT status, started_at FROM ticket_status_spans WHERE ticket_id = $ticket_id),
    evented AS (
      SELECT e.*, (SELECT arg_max(status, started_at) FROM spans WHERE started_at < e.occurred_at) AS status_before,
             (SELECT arg_max(status, started_at) FROM spans WHERE started_at <= e.occurred_at) AS status_after
      FROM events e WHERE e.ticket_id = $ticket_id
    )
    SELECT event_id, occurred_at, type, actor, agent_id AS agent, team_id AS team, status, status_before, status_after, priority,
           rating::INTEGER AS rating, rating_dimension, comment, handle_seconds
    FROM evented
    -- the order derivation follows (migrations/0017): at one instant the source's own order first
    ORDER BY occurred_at, source_seq NULLS FIRST, event_type_rank(type), event_id`,
  { ticket_id: ticketId }, filter.timezone);
  return peopleTable(`ticket-${ticketId}-events`, filter, EVENT_COLUMNS, rows);
}

const SLA_COLUMNS = peopleColumns('sla', 'clock', 'target_seconds', 'elapsed_seconds', 'sla_state', 'due_at', 'stopped_at');

/** The ticket's SLA clocks (first response, resolution) as of `now`: see sql/ticket-sla.sql. */
export async function ticketSla(db: DuckDBConnection, filter: MetricFilter, ticketId: string, now: Date = new Date()): Promise<MetricTable> {
  const rows = await zonedRows(db, metricSql('ticket-sla'), { ticket_id: ticketId, now: now.toISOString() }, filter.timezone);
  return peopleTable(`ticket-${ticketId}-sla`, filter, SLA_COLUMNS, rows);
}
