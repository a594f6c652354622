// GET /api/agents (workload and performance per agent), /api/agents/:agent (per day) and
// /api/agents/:agent/tickets (paged, sortable): admin, manager and team leads (own teams only).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { agentDays, agents } from '../../../warehouse/metrics/agents.ts';
import { AGENT_TICKET_SORTS, agentTicketRows, agentTickets } from '../../../warehouse/metrics/agent-tickets.ts';
import { MAX_PAGE_SIZE } from '../../../warehouse/metrics/paged-rows.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerList, answerMetric } from './metric-route.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { mayViewAgent } from './people-access.ts';
import { agentScorecard } from '../../../warehouse/metrics/agent-scorecard.ts';
import { metricCacheKey } from '../metric-cache.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { toMetricFilter, type FilterQuery } from '../metric-query.ts';
import { ScorecardSchema } from './agent-scorecard-schema.ts';

const Params = Type.Object({ agent: Type.String({ minLength: 1, maxLength: 200 }) });

export const PageProperties = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'page number, from 1 (default 1, at most 1,000,000)' })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `rows per page (default 50, at most ${MAX_PAGE_SIZE})` })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'sort direction (default desc)' })),
};

const TicketsQuery = filterQuery({
  ...PageProperties,
  sort: Type.Optional(Type.String({ maxLength: 64, description: `sort column: ${Object.keys(AGENT_TICKET_SORTS).join(', ')} (default assigned_at)` })),
});
type TicketsQuery = Static<typeof TicketsQuery>;

const ExactQuery = filterQuery({
  exact: Type.Optional(Type.Boolean({
    description: 'true: from the events and tickets; else the agents\' day rollup answers a range without filters or within one team (x-source: rollup, the same figures)',
  })),
});
type ExactQuery = Static<typeof ExactQuery>;

export const agentRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const config = { roles: PEOPLE_ROLES };

  app.get('/agents', {
    config,
    schema: { summary: 'Workload and performance per agent, with outlier marks', querystring: ExactQuery, response: { 200: MetricTableSchema } },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => agents(db, filter, { rollup: (request.query as ExactQuery).exact !== true })));

  app.get<{ Params: Static<typeof Params> }>('/agents/:agent', {
    config,
    schema: { summary: 'One agent\'s workload per day', params: Params, querystring: ExactQuery, response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { agent } = request.params;
    if (!(await mayViewAgent(ctx, request, reply, agent))) return reply;
    return answerMetric(ctx, request, reply, (db, filter) => agentDays(db, filter, agent, { rollup: (request.query as ExactQuery).exact !== true }));
  });

  app.get<{ Params: Static<typeof Params> }>('/agents/:agent/scorecard', {
    config,
    schema: { summary: 'One agent\'s measures beside its team\'s median (the agents table under the same filter), better or worse',
      params: Params, querystring: filterQuery(), response: { 200: ScorecardSchema } },
  }, async (request, reply) => {
    const { agent } = request.params;
    if (!(await mayViewAgent(ctx, request, reply, agent))) return reply;
    // The agents table under the filter without its agent list (the team is the comparison), as /api/agents keeps it.
    const query = { ...(request.query as FilterQuery), agent: undefined };
    const filter = toMetricFilter(query, request.principal, ctx.timezone);
    const { table } = await ctx.metrics.get(metricCacheKey('/api/agents', {}, query, filter), () => readWarehouse(ctx, (db) => agents(db, filter, { rollup: true })));
    return { period: table.period, clock: table.clock, ...agentScorecard(table.rows, agent) };
  });

  app.get<{ Params: Static<typeof Params>; Querystring: TicketsQuery }>('/agents/:agent/tickets', {
    config,
    schema: { summary: 'The tickets assigned to an agent in the range, paged and sorted', params: Params, querystring: TicketsQuery,
      response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const { agent } = request.params;
    if (!(await mayViewAgent(ctx, request, reply, agent))) return reply;
    const { page, page_size: pageSize, sort, order } = request.query;
    return answerList(ctx, request, reply, (db, filter) => agentTickets(db, filter, agent, { page, pageSize, sort, order }),
      (filter) => agentTicketRows(filter, agent, { sort, order }));
  });
};
