// GET /api/tickets/:ticket (the derived ticket, one row) and /api/tickets/:ticket/events (its events
// in order) and /api/tickets/:ticket/sla (its SLA clocks now): admin, manager and team leads for
// tickets now in their teams (else 403).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { ticketDetail, ticketEvents, ticketSla } from '../../../warehouse/metrics/ticket-detail.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { mayViewTicket } from './people-access.ts';

const Params = Type.Object({ ticket: Type.String({ minLength: 1, maxLength: 200 }) });

export const ticketRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const config = { roles: PEOPLE_ROLES };

  app.get<{ Params: Static<typeof Params> }>('/tickets/:ticket', {
    config,
    schema: { summary: 'One ticket as derived from its events', params: Params, querystring: filterQuery(), response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { ticket } = request.params;
    if (!(await mayViewTicket(ctx, request, reply, ticket))) return reply;
    return answerMetric(ctx, request, reply, (db, filter) => ticketDetail(db, filter, ticket));
  });

  app.get<{ Params: Static<typeof Params> }>('/tickets/:ticket/events', {
    config,
    schema: { summary: 'The events of one ticket, in order', params: Params, querystring: filterQuery(), response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { ticket } = request.params;
    if (!(await mayViewTicket(ctx, request, reply, ticket))) return reply;
    return answerMetric(ctx, request, reply, (db, filter) => ticketEvents(db, filter, ticket));
  });

  app.get<{ Params: Static<typeof Params> }>('/tickets/:ticket/sla', {
    config,
    schema: { summary: 'The SLA clocks of one ticket (first response, resolution): met, breached or running now', params: Params, querystring: filterQuery(), response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { ticket } = request.params;
    if (!(await mayViewTicket(ctx, request, reply, ticket))) return reply;
    return answerMetric(ctx, request, reply, (db, filter) => ticketSla(db, filter, ticket));
  });
};
