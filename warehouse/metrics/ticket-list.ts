// The tickets behind a chart mark (a bar, point or cell): the filter plus what the mark adds (which
// instant the range is about, local hour and weekday, status, first response bucket, the tickets a
// first response median or an SLA attainment counts), a page at a time and sorted by a declared
// column, or every row for an export. See sql/ticket-list.sql and sql/ticket-list-sla.sql.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
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

/** The SLA targets whose attainment a list can be about: the tickets that figure judges, each met or breached. */
export const TICKET_LIST_SLAS = ['first_response', 'resolution'] as const;
export type TicketListSla = (typeof TICKET_LIST_SLAS)[number];
export const SLA_STATES = ['met', 'breached'] as const;

/**
 * With an SLA mark the list has its judgement as a column, and sorts by it ('breached' < 'met': ascending puts breaches first),
 * beside what it judged: the policy's clock, target and the time elapsed in that clock (the first response and
 * resolution columns follow the filter's clock, which may be the other one).
 */
const SLA_SORTS = { ...TICKET_LIST_SORTS, sla_state: 'sla_state' } as const;

const COLUMNS = peopleColumns('ticket_id', 'created_at', 'team', 'agent', 'channel', 'problem_type', 'product', 'status',
  'first_response_seconds', 'resolution_seconds', 'rating');

/** What a clicked mark adds to the filter. */
export interface TicketMark {
  on?: TicketListBasis;
  /** Local hour (0..23) of the instant `on`. */
  hour?: number;
  /** ISO weekday (1 = Monday) of the instant `on`. */
  weekday?: number;
  /** The ticket's (last) rating, 1..5; with ratingDimension its last rating in that dimension. */
  rating?: number;
  /** With on=rated: the tickets rated in this dimension in the range (what CSAT per dimension counts), their rating that one. */
  ratingDimension?: string;
  /** Status now. */
  status?: string;
  /** A first response bucket of /api/frt-buckets. */
  frtBucket?: string;
  /** The age bucket (since creation, calendar time, at `now`) of /api/live. */
  ageBucket?: string;
  /** Only tickets with a measured first response: those a first response median or p90 counts. */
  measured?: 'first_response';
  /** Only the tickets created in the range that this SLA's attainment judges, with their state (sql/ticket-list-sla.sql). */
  sla?: TicketListSla;
  /** With `sla`: only those met, or only those breached. */
  slaState?: (typeof SLA_STATES)[number];
  /** Only these tickets: those behind a complaint review term (complaint-review.ts complaintTermTickets). */
  ticketIds?: string[];
  /** The instant live lists are about (tests fix it; default now). */
  now?: Date;
}

function markParams(filter: MetricFilter, mark: TicketMark): Record<string, DuckDBValue> {
  if (mark.frtBucket !== undefined && !(FRT_BUCKETS as readonly string[]).includes(mark.frtBucket)) {
    throw new FilterError('frt_bucket', `frt_bucket: "${mark.frtBucket}" is not a first response bucket; use one of ${FRT_BUCKETS.join(', ')}`);
  }
  if (mark.sla !== undefined && (mark.on ?? 'created') !== 'created') {
    throw new FilterError('sla', `sla: an SLA attainment judges the tickets created in the range; drop on=${mark.on} or sla`);
  }
  if (mark.slaState !== undefined && mark.sla === undefined) {
    throw new FilterError('sla_state', 'sla_state: says which judged tickets to keep; add sla=first_response or sla=resolution');
  }
  const on = mark.on ?? 'created';
  if (mark.ratingDimension !== undefined) return dimensionParams(filter, mark);
  return {
    ...filterParams(filter),
    // Breaching tickets are open ones narrowed by sql/live-breaching.sql (see listedSql).
    on: on === 'breaching' ? 'open' : on,
    now: (mark.now ?? new Date()).toISOString(),
    hour: mark.hour ?? null, weekday: mark.weekday ?? null, status: mark.status ?? null, frt_bucket: mark.frtBucket ?? null,
    age_bucket: mark.ageBucket ?? null, rating: mark.rating ?? null, measured: mark.measured ?? null,
    ...(mark.sla ? { sla: mark.sla, sla_state: mark.slaState ?? null } : {}),
    // No ticket id is '': an empty list (which has no element type to bind) must match nothing.
    ...(mark.ticketIds ? { ticket_ids: listValue(mark.ticketIds.length > 0 ? mark.ticketIds : ['']) } : {}),
  };
}

/**
 * The list of a dimension's ratings: every ticket under the filter (the list's own range opened wide,
 * as its basis `created` would restrict them), joined to their last rating in the dimension given in
 * the range (dimension_ratings(), migrations/0029), which also stands for their rating.
 */
function dimensionParams(filter: MetricFilter, mark: TicketMark): Record<string, DuckDBValue> {
  if ((mark.on ?? 'created') !== 'rated') {
    throw new FilterError('rating_dimension', 'rating_dimension: lists the tickets rated in that dimension in the range; add on=rated');
  }
  const unsupported = (['hour', 'weekday', 'frtBucket', 'ageBucket', 'measured', 'sla'] as const).find((k) => mark[k] !== undefined);
  if (unsupported) throw new FilterError('rating_dimension', `rating_dimension: cannot be combined with ${unsupported}; drop one of them`);
  const params = filterParams(filter);
  return {
    ...params, on: 'created', start: '-infinity', end: 'infinity', now: new Date().toISOString(),
    hour: null, weekday: null, status: mark.status ?? null, frt_bucket: null, age_bucket: null, rating: null, measured: null,
    rating_dimension: mark.ratingDimension!, dimension_start: params.start!, dimension_end: params.end!, dimension_rating: mark.rating ?? null,
    ...(mark.ticketIds ? { ticket_ids: listValue(mark.ticketIds.length > 0 ? mark.ticketIds : ['']) } : {}),
  };
}

const DIMENSION_RATED = `SELECT ticket_id, rating FROM dimension_ratings()
  WHERE rating_dimension = $rating_dimension AND rated_at >= $dimension_start::TIMESTAMPTZ AND rated_at < $dimension_end::TIMESTAMPTZ
    AND ($dimension_rating::INTEGER IS NULL OR rating = $dimension_rating::INTEGER)`;

/** The listed rows, only the mark's own tickets when it names them. */
function listedSql(mark: TicketMark): string {
  const marked = markedSql(mark);
  return mark.ticketIds ? `SELECT * FROM (${marked}) WHERE list_contains($ticket_ids, ticket_id)` : marked;
}

/** The rows of the mark; "about to breach" is the live view's own list (one definition), not a second copy of it. */
function markedSql(mark: TicketMark): string {
  const list = metricSql('ticket-list');
  if (mark.ratingDimension !== undefined) {
    return `SELECT l.* REPLACE (d.rating::INTEGER AS rating) FROM (${list}) l JOIN (${DIMENSION_RATED}) d USING (ticket_id)`;
  }
  if (mark.sla) {
    return `SELECT l.*, j.sla_state, j.clock, j.target_seconds, j.elapsed_seconds FROM (${list}) l JOIN (${metricSql('ticket-list-sla')}) j USING (ticket_id)
      WHERE $sla_state::VARCHAR IS NULL OR j.sla_state = $sla_state::VARCHAR`;
  }
  if (mark.on !== 'breaching') return list;
  return `SELECT * FROM (${list}) WHERE ticket_id IN (SELECT ticket_id FROM (${metricSql('live-breaching')}))`;
}

/** An SLA list's verdict and what it judged, shown right after the ticket (the reason the list was opened), not off to the right. */
const SLA_COLUMNS = peopleColumns('sla_state', 'clock', 'target_seconds', 'elapsed_seconds');
const columnsOf = (mark: TicketMark) => (mark.sla ? [...COLUMNS.slice(0, 2), ...SLA_COLUMNS, ...COLUMNS.slice(2)] : COLUMNS);
const sortsOf = (mark: TicketMark) => (mark.sla ? SLA_SORTS : TICKET_LIST_SORTS);

const DEFAULT_SORT = 'created_at';

export async function ticketList(db: DuckDBConnection, filter: MetricFilter, mark: TicketMark, request: PageRequest = {}): Promise<MetricTable> {
  const clause = pageClause(request, sortsOf(mark), DEFAULT_SORT);
  const { rows, total } = await pagedRows(db, listedSql(mark), clause, markParams(filter, mark), filter.timezone);
  return peopleTable('tickets', filter, columnsOf(mark), rows, { total });
}

/** Every ticket of the list, in its order (exports). */
export function ticketListRows(filter: MetricFilter, mark: TicketMark, request: PageRequest = {}): ListedRows {
  return listedRows('tickets', listedSql(mark), columnsOf(mark), pageClause(request, sortsOf(mark), DEFAULT_SORT), markParams(filter, mark));
}
