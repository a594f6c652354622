// The tickets behind a chart mark (a bar, point or cell): the filter plus what the mark adds (which
// instant the range is about, local hour and weekday, status, first response bucket), a page at a
// time and sorted by a declared column, or every row for an export. See sql/ticket-list.sql.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { FRT_BUCKETS } from './distributions.ts';
import { FilterError, filterParams, type MetricFilter } from './filter.ts';
import { metricSql } from './metric-sql.ts';
import { listedRows, pageClause, pagedRows, type ListedRows, type PageRequest } from './paged-rows.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import type { MetricTable } from './table.ts';

/** Which instant of a ticket the range is about, as each chart counts: `open` is open now, `breaching` open and about to breach an SLA. */
export const TICKET_LIST_BASES = ['created', 'resolved', 'rated', 'open', 'breaching'] as const;
export type TicketListBasis = (typeof TICKET_LIST_BASES)[number];

export const TICKET_LIST_SORTS = {
  ticket_id: 'ticket_id', created_at: 'created_at', team: 'team', agent: 'agent', channel: 'channel', problem_type: 'problem_type',
  product: 'product', status: 'status', first_response_seconds: 'first_response_seconds', resolution_seconds: 'resolution_seconds',
  rating: 'rating',
} as const;

const COLUMNS = peopleColumns('ticket_id', 'created_at', 'team', 'agent', 'channel', 'problem_type', 'product', 'status',
  'first_response_seconds', 'resolution_seconds', 'rating');

/** What a clicked mark adds to the filter. */
export interface TicketMark {
  on?: TicketListBasis;
  /** Local hour (0..23) of the instant `on`. */
  hour?: number;
  /** ISO weekday (1 = Monday) of the instant `on`. */
  weekday?: number;
  /** The ticket's (last) rating, 1..5. */
  rating?: number;
  /** Status now. */
  status?: string;
  /** A first response bucket of /api/frt-buckets. */
  frtBucket?: string;
  /** The age bucket (since creation, calendar time, at `now`) of /api/live. */
  ageBucket?: string;
  /** The instant live lists are about (tests fix it; default now). */
  now?: Date;
}

function markParams(filter: MetricFilter, mark: TicketMark): Record<string, DuckDBValue> {
  if (mark.frtBucket !== undefined && !(FRT_BUCKETS as readonly string[]).includes(mark.frtBucket)) {
    throw new FilterError('frt_bucket', `frt_bucket: "${mark.frtBucket}" is not a first response bucket; use one of ${FRT_BUCKETS.join(', ')}`);
  }
  const on = mark.on ?? 'created';
  return {
    ...filterParams(filter),
    // Breaching tickets are open ones narrowed by sql/live-breaching.sql (see listedSql).
    on: on === 'breaching' ? 'open' : on,
    now: (mark.now ?? new Date()).toISOString(),
    hour: mark.hour ?? null, weekday: mark.weekday ?? null, status: mark.status ?? null, frt_bucket: mark.frtBucket ?? null,
    age_bucket: mark.ageBucket ?? null, rating: mark.rating ?? null,
  };
}

/** The listed rows; "about to breach" is the live view's own list (one definition), not a second copy of it. */
function listedSql(mark: TicketMark): string {
  const list = metricSql('ticket-list');
  if (mark.on !== 'breaching') return list;
  return `SELECT * FROM (${list}) WHERE ticket_id IN (SELECT ticket_id FROM (${metricSql('live-breaching')}))`;
}

const DEFAULT_SORT = 'created_at';

export async function ticketList(db: DuckDBConnection, filter: MetricFilter, mark: TicketMark, request: PageRequest = {}): Promise<MetricTable> {
  const clause = pageClause(request, TICKET_LIST_SORTS, DEFAULT_SORT);
  const { rows, total } = await pagedRows(db, listedSql(mark), clause, markParams(filter, mark), filter.timezone);
  return peopleTable('tickets', filter, COLUMNS, rows, { total });
}

/** Every ticket of the list, in its order (exports). */
export function ticketListRows(filter: MetricFilter, mark: TicketMark, request: PageRequest = {}): ListedRows {
  return listedRows('tickets', listedSql(mark), COLUMNS, pageClause(request, TICKET_LIST_SORTS, DEFAULT_SORT), markParams(filter, mark));
}
