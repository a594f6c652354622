// GET /api/overview: every KPI of the range with the previous period of the same length and the change.
import type { FastifyPluginAsync } from 'fastify';
import { overview } from '../../../warehouse/metrics/overview.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

export const overviewRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/overview', {
    schema: { summary: 'KPIs of the range against the previous period', querystring: filterQuery(), response: { 200: MetricTableSchema } },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => overview(db, filter)));
};
