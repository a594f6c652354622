// GET /api/live (open, unassigned, unanswered by team and age, now), /api/live/agents (by agent),
// /api/live/agent-states (busy, idle, away per agent), /api/live/waiting (the longest waiting for a
// first reply) and /api/live/breaching (tickets breaching an SLA target within the hour). Live = now, not the range.
import type { FastifyPluginAsync } from 'fastify';
import { liveAgentStates, liveBreaching, liveOpen, liveWaiting, liveWaitingRows } from '../../../warehouse/metrics/live.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerList, answerMetric } from './metric-route.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { Type, type Static } from '@sinclair/typebox';

const WaitingQuery = filterQuery({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'longest waiting tickets listed (default 10); `total` counts them all' })),
});

/**
 * Live tables are about this moment. Every write clears them, so what is kept only lags the clock
 * (ages, the hour ahead): for the wallboard's default refresh period, 30 s, so a page opened again
 * within it (the Overview's live panel, another screen of the floor) does not count them again.
 */
export const LIVE_REFRESH_MS = 30_000;
const NOW = { maxAgeMs: LIVE_REFRESH_MS };

export const liveRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const response = { 200: MetricTableSchema };
  app.get('/live', {
    schema: { summary: 'Open, unassigned and unanswered tickets now, by team and age', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveOpen(db, filter), NOW));

  app.get('/live/agents', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Open and unanswered tickets now, by agent and age', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveOpen(db, filter, { byAgent: true }), NOW));

  app.get('/live/agent-states', {
    config: { roles: PEOPLE_ROLES },
    schema: {
      summary: 'Each agent now: busy (acted in the last hour, holds open tickets), idle (acted, holds none) or away (holds open tickets, not seen in the hour)',
      querystring: filterQuery(), response,
    },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveAgentStates(db, filter), NOW));

  app.get('/live/waiting', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Open tickets waiting for a first reply now, longest waiting first (an export holds them all)', querystring: WaitingQuery, response },
  }, (request, reply) => {
    const { limit } = request.query as Static<typeof WaitingQuery>;
    return answerList(ctx, request, reply, (db, filter) => liveWaiting(db, filter, limit === undefined ? {} : { limit }),
      (filter) => liveWaitingRows(filter), NOW);
  });

  app.get('/live/breaching', {
    config: { roles: PEOPLE_ROLES },
    schema: { summary: 'Open tickets that will breach an SLA target within the next hour', querystring: filterQuery(), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => liveBreaching(db, filter), NOW));
};
