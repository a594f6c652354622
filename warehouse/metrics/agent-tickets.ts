// The tickets assigned to one agent in the range, a page at a time, sorted by a column from the
// declared list only (an unknown one is a FilterError on `sort`), with the count of all of them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { filterParams, type MetricFilter } from './filter.ts';
import { metricSql } from './metric-sql.ts';
import { listedRows, pageClause, pagedRows, type ListedRows, type PageRequest } from './paged-rows.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import type { MetricTable } from './table.ts';

/** The columns a ticket list may be sorted by, each with its SQL expression over the listed rows. */
export const AGENT_TICKET_SORTS = {
  ticket_id: 'ticket_id', assigned_at: 'assigned_at', created_at: 'created_at', status: 'status', priority: 'priority',
  channel: 'channel', problem_type: 'problem_type', first_response_seconds: 'first_response_seconds',
  resolution_seconds: 'resolution_seconds', reopen_count: 'reopen_count', transfer_count: 'transfer_count',
  replies: 'replies', handle_seconds: 'handle_seconds', rating: 'rating',
} as const;
export type AgentTicketSort = keyof typeof AGENT_TICKET_SORTS;

const COLUMNS = peopleColumns(
  'ticket_id', 'assigned_at', 'created_at', 'status', 'team', 'current_agent', 'channel', 'problem_type', 'problem_subtype',
  'priority', 'first_response_at', 'resolved_at', 'first_response_seconds', 'resolution_seconds', 'reopen_count',
  'transfer_count', 'replies', 'handle_seconds', 'rating',
);

/** The agent is the path's: the agent filter would otherwise narrow to the tickets it holds now. */
const agentParams = (filter: MetricFilter, agent: string) => ({ ...filterParams({ ...filter, values: { ...filter.values, agent: [] } }), agent_id: agent });

export async function agentTickets(db: DuckDBConnection, filter: MetricFilter, agent: string, request: PageRequest = {}): Promise<MetricTable> {
  const clause = pageClause(request, AGENT_TICKET_SORTS, 'assigned_at');
  const { rows, total } = await pagedRows(db, metricSql('agent-tickets'), clause, agentParams(filter, agent), filter.timezone);
  return peopleTable(`agent-${agent}-tickets`, filter, COLUMNS, rows, { total });
}

/** All of the agent's tickets in the range, in the list's order (exports). */
export function agentTicketRows(filter: MetricFilter, agent: string, request: PageRequest = {}): ListedRows {
  return listedRows(`agent-${agent}-tickets`, metricSql('agent-tickets'), COLUMNS,
    pageClause(request, AGENT_TICKET_SORTS, 'assigned_at'), agentParams(filter, agent));
}
