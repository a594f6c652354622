// GET /api/breakdown?by=<dimension>: the overview KPIs of the range per value of one dimension.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DIMENSIONS, type Dimension } from '../../../warehouse/metrics/filter.ts';
import { breakdown } from '../../../warehouse/metrics/breakdown.ts';
import { ROLLUP_DIMENSIONS } from '../../../warehouse/rollups/daily-rollup.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

const Query = filterQuery({
  by: Type.Union(DIMENSIONS.map((d) => Type.Literal(d)), { description: `the dimension to group by: ${DIMENSIONS.join(', ')}` }),
  exact: Type.Optional(Type.Boolean({
    description: `true: every figure from the tickets; else the daily rollup answers a range without filters by ${ROLLUP_DIMENSIONS.join(', ')} (x-source: rollup, quantiles approximate within 1%)`,
  })),
});

export const breakdownRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/breakdown', {
    schema: { summary: 'KPIs per team, agent, channel, problem type, priority, region or product', querystring: Query, response: { 200: MetricTableSchema } },
  }, (request, reply) => {
    const { by, exact } = request.query as { by: Dimension; exact?: boolean };
    return answerMetric(ctx, request, reply, (db, filter) => breakdown(db, filter, by, { rollup: exact !== true }));
  });
};
