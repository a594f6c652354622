// GET /api/problems (Pareto by problem type), /api/problems/subtypes, /api/problems/trend?grain= and
// /api/problems/heatmap?by=region|product: aggregates, open to every reading role.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { HEATMAP_DIMENSIONS, problemHeatmap, problems, problemTrend, TREND_GRAINS } from '../../../warehouse/metrics/problems.ts';
import type { AppContext } from '../app.ts';
import { ExactProperty, filterQuery, rollupAllowed } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

// Checked by the warehouse functions, which answer 400 naming the field for other values.
export const GrainProperty = { grain: Type.Optional(Type.String({ maxLength: 16, description: `${TREND_GRAINS.join(' | ')} (default day)` })) };
const ByQuery = filterQuery({ by: Type.String({ maxLength: 32, description: HEATMAP_DIMENSIONS.join(' | ') }) });

export const problemRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const response = { 200: MetricTableSchema };
  const fromRollup = ' (from the daily rollup without a filter: x-source)';
  app.get('/problems', {
    schema: { summary: `Problem types by frequency (Pareto) against the previous period${fromRollup}`, querystring: filterQuery(ExactProperty), response },
  }, (request, reply) => answerMetric(ctx, request, reply, (db, filter) => problems(db, filter, { rollup: rollupAllowed(request.query) })));

  app.get('/problems/subtypes', {
    schema: { summary: `Problem (type, subtype) pairs by frequency against the previous period${fromRollup}`, querystring: filterQuery(ExactProperty), response },
  }, (request, reply) => answerMetric(ctx, request, reply,
    (db, filter) => problems(db, filter, { bySubtype: true, rollup: rollupAllowed(request.query) })));

  app.get('/problems/trend', {
    schema: { summary: 'Tickets per bucket and problem type', querystring: filterQuery(GrainProperty), response },
  }, (request, reply) => {
    const grain = (request.query as { grain?: string }).grain ?? 'day';
    return answerMetric(ctx, request, reply, (db, filter) => problemTrend(db, filter, grain));
  });

  app.get('/problems/heatmap', {
    schema: { summary: 'Tickets per problem type and region or product', querystring: ByQuery, response },
  }, (request, reply) => {
    const by = (request.query as { by: string }).by;
    return answerMetric(ctx, request, reply, (db, filter) => problemHeatmap(db, filter, by));
  });
};
