// GET /api/breakdown?by=<dimension>: the overview KPIs of the range per value of one dimension.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DIMENSIONS, type Dimension } from '../../../warehouse/metrics/filter.ts';
import { breakdown } from '../../../warehouse/metrics/breakdown.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

const Query = filterQuery({
  by: Type.Union(DIMENSIONS.map((d) => Type.Literal(d)), { description: `the dimension to group by: ${DIMENSIONS.join(', ')}` }),
});

export const breakdownRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/breakdown', {
    schema: { summary: 'KPIs per team, agent, channel, problem type, priority, region or product', querystring: Query, response: { 200: MetricTableSchema } },
  }, (request, reply) => {
    const by = (request.query as { by: Dimension }).by;
    return answerMetric(ctx, request, reply, (db, filter) => breakdown(db, filter, by));
  });
};
