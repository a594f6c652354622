// GET /api/live (open, unassigned, unanswered by team and age, now), /api/live/agents (by agent) and
// /api/live/breaching (tickets breaching an SLA target within the hour). Live = now, not the range.
import type { FastifyPluginAsync } from 'fastify';
import { liveBreaching, liveOpen } from '../../../warehouse/metrics/live.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';

/** Live tables are about this moment: a kept one is good for a few seconds only. */
const NOW = { maxAgeMs: 10_000 };

export const liveRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const response = { 200: MetricTableSchema };
  app.get('/live', {
    schema: { summary: 'Open, unassigned and unanswered tickets now, by team and age', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveOpen(db, filter), NOW));

  app.get('/live/agents', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Open and unanswered tickets now, by agent and age', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveOpen(db, filter, { byAgent: true }), NOW));

  app.get('/live/breaching', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Open tickets that will breach an SLA target within the next hour', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveBreaching(db, filter), NOW));
};
