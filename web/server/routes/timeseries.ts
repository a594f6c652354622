// GET /api/timeseries?grain=day|week|month|hour|weekday: the KPIs per time bucket of the range.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { GRAINS, type Grain } from '../../../warehouse/metrics/buckets.ts';
import { timeseries } from '../../../warehouse/metrics/timeseries.ts';
import type { AppContext } from '../app.ts';
import { filterQuery } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

const Query = filterQuery({
  grain: Type.Optional(Type.Union(GRAINS.map((g) => Type.Literal(g)), { description: 'bucket: local day (default), ISO week, month, hour of day or weekday' })),
  exact: Type.Optional(Type.Boolean({
    description: 'true: every figure from the tickets; else the daily rollup answers day, week and month buckets of a range without filters (x-source: rollup, quantiles approximate within 1%)',
  })),
});

export const timeseriesRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/timeseries', {
    schema: { summary: 'KPIs per day, week, month, hour of day or weekday', querystring: Query, response: { 200: MetricTableSchema } },
  }, (request, reply) => {
    const { grain = 'day', exact } = request.query as { grain?: Grain; exact?: boolean };
    return answerMetric(ctx, request, reply, (db, filter) => timeseries(db, filter, grain, { rollup: exact !== true }));
  });
};
