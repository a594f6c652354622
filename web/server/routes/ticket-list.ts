// GET /api/tickets: the tickets behind a chart mark (the filter plus the mark's basis, hour,
// weekday, status, first response bucket, or the tickets a first response median or an SLA
// attainment counts), paged and sorted, or every row as an export; the same
// roles and team scope as the other ticket lists (team leads: their teams only).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { FRT_BUCKETS } from '../../../warehouse/metrics/distributions.ts';
import { complaintTermTickets } from '../../../warehouse/metrics/complaint-review.ts';
import { AGE_BUCKETS } from '../../../warehouse/metrics/live.ts';
import { SLA_STATES, TICKET_LIST_BASES, TICKET_LIST_SLAS, TICKET_LIST_SORTS, ticketList, ticketListRows, type TicketMark } from '../../../warehouse/metrics/ticket-list.ts';
import type { AppContext } from '../app.ts';
import { filterQuery, toMetricFilter } from '../metric-query.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { PageProperties } from './agents.ts';
import { answerList } from './metric-route.ts';

const Query = filterQuery({
  ...PageProperties,
  sort: Type.Optional(Type.String({ maxLength: 64, description: `sort column: ${Object.keys(TICKET_LIST_SORTS).join(', ')}, and sla_state with sla (default created_at)` })),
  on: Type.Optional(Type.Union(TICKET_LIST_BASES.map((b) => Type.Literal(b)), {
    description: 'which instant falls in the range: created (default), resolved (last resolution), rated; or open now, or open and breaching an SLA within the hour (the range plays no part)',
  })),
  hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23, description: 'local hour of that instant, 0..23' })),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday of that instant, 1 = Monday .. 7 = Sunday' })),
  rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'the ticket\'s (last) rating, 1..5' })),
  rating_dimension: Type.Optional(Type.String({ minLength: 1, maxLength: 40,
    description: 'with on=rated: the tickets whose last rating in this dimension (speed, quality, attitude, ...) was given in the range, as /api/satisfaction/dimensions counts them; rating then filters that rating' })),
  status: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'status now (new, open, pending, on_hold, resolved, closed)' })),
  frt_bucket: Type.Optional(Type.Union(FRT_BUCKETS.map((b) => Type.Literal(b)), { description: `first response bucket: ${FRT_BUCKETS.join(', ')}` })),
  age_bucket: Type.Optional(Type.Union(AGE_BUCKETS.map((b) => Type.Literal(b)), { description: `with on=open: age since creation now, ${AGE_BUCKETS.join(', ')}` })),
  measured: Type.Optional(Type.Literal('first_response', { description: 'only tickets with a measured first response: those the first response median and p90 count' })),
  sla: Type.Optional(Type.Union(TICKET_LIST_SLAS.map((s) => Type.Literal(s)), {
    description: 'only the tickets created in the range that this SLA\'s attainment judges (met, or breached: late, or waiting/open past the target), with an sla_state column',
  })),
  sla_state: Type.Optional(Type.Union(SLA_STATES.map((s) => Type.Literal(s)), { description: 'with sla: only the met, or only the breached tickets' })),
  term: Type.Optional(Type.String({ minLength: 1, maxLength: 64,
    description: 'only the tickets whose complaint or low-rating comment (given in the range) holds this term, as /api/problems/complaint-review counts it' })),
});
type Query = Static<typeof Query>;

/** A list of tickets open now is about this moment: a kept one is good for a few seconds only. */
const LIVE = { maxAgeMs: 10_000 };

export const ticketListRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: Query }>('/tickets', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'The tickets behind a chart mark, paged and sorted (every row with format=csv|xlsx|ndjson|arrow)', querystring: Query,
      response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { page, page_size: pageSize, sort, order, on, hour, weekday, status, frt_bucket: frtBucket, age_bucket: ageBucket, rating,
      measured, sla, sla_state: slaState, term, rating_dimension: ratingDimension } = request.query;
    // A term's tickets come from segmenting comments in Node, so they are found before the list's SQL.
    const ticketIds = term === undefined ? undefined
      : await readWarehouse(ctx, (db) => complaintTermTickets(db, toMetricFilter(request.query, request.principal, ctx.timezone), term));
    const mark: TicketMark = { on, hour, weekday, status, frtBucket, ageBucket, rating, measured, sla, slaState, ticketIds, ratingDimension };
    const live = on === 'open' || on === 'breaching';
    return answerList(ctx, request, reply, (db, filter) => ticketList(db, filter, mark, { page, pageSize, sort, order }),
      (filter) => ticketListRows(filter, mark, { sort, order }), live ? LIVE : {});
  });
};
