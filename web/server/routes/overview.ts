// GET /api/overview: every KPI of the range with the previous period of the same length and the change.
// The KPIs are kept like every metric table; the counts of the range's tickets not answered or
// resolved yet (their age so far) depend on the time, so they are kept under the minute they were
// counted in and counted again in the next one.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { censoring } from '../../../warehouse/metrics/censoring.ts';
import { overviewKpis, overviewTable } from '../../../warehouse/metrics/overview.ts';
import type { AppContext } from '../app.ts';
import { metricCacheKey } from '../metric-cache.ts';
import { filterQuery, toMetricFilter, type FilterQuery } from '../metric-query.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { sendTable } from '../tabular/send-table.ts';

/** How long censored counts (ages so far) are kept: to the end of the minute they were counted in. */
export const CENSORING_SLOT_MS = 60_000;

/** The key of the censored counts of `kpisKey`'s question at `at`: the same question within one minute only. */
export function censoringCacheKey(kpisKey: string, at: number): string {
  return `${kpisKey}@censoring:${Math.floor(at / CENSORING_SLOT_MS)}`;
}

const OverviewQuery = filterQuery({
  exact: Type.Optional(Type.Boolean({
    description: 'true: every KPI from the tickets; else the daily rollup answers what it holds when the range has no filter (x-source: rollup, quantiles approximate within 1%)',
  })),
});

export const overviewRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/overview', {
    schema: { summary: 'KPIs of the range against the previous period', querystring: OverviewQuery, response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const filter = toMetricFilter(request.query as FilterQuery, request.principal, ctx.timezone);
    const key = metricCacheKey(request.routeOptions.url ?? request.url, request.params, (request.query ?? {}) as Record<string, unknown>, filter);
    const rollup = (request.query as { exact?: boolean }).exact !== true;
    const [kpis, censored] = await Promise.all([
      ctx.metrics.get(key, () => readWarehouse(ctx, (db) => overviewKpis(db, filter, { rollup }))),
      ctx.metrics.get(censoringCacheKey(key, Date.now()), () => readWarehouse(ctx, (db) => censoring(db, filter, { rollup }))),
    ]);
    reply.header('x-cache', kpis.outcome === censored.outcome ? kpis.outcome : 'miss');
    reply.header('x-source', kpis.table.source);
    return sendTable(request, reply, overviewTable(kpis.table, censored.table));
  });
};
