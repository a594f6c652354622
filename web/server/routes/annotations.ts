// GET /api/annotations: what the charts mark on a range's time axis (promotion days, holidays) and the
// KPI targets they draw as lines, from the warehouse's copy of the config (warehouse/metrics/annotations.ts).
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { annotations } from '../../../warehouse/metrics/annotations.ts';
import { periodBounds } from '../../../warehouse/metrics/filter.ts';
import type { AppContext } from '../app.ts';
import { filterQuery, toMetricFilter, type FilterQuery } from '../metric-query.ts';
import { metricCacheKey } from '../metric-cache.ts';
import { readWarehouse } from '../read-warehouse.ts';

/** The filter query without export options: the answer is small JSON only. */
const Query = Type.Omit(filterQuery(), ['format', 'lang'], { additionalProperties: false });

const Label = Type.Object({ en: Type.String(), zh: Type.String() });
const Annotations = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() }),
  markers: Type.Array(Type.Object({
    date: Type.String({ description: 'local date, YYYY-MM-DD' }),
    kind: Type.Union([Type.Literal('promotion'), Type.Literal('holiday')]),
    name: Type.Union([Type.String(), Type.Null()], { description: "the promotion's name in the config" }),
    calendars: Type.Array(Type.String(), { description: 'holidays: the calendars closed that day (of the filtered teams, else all)' }),
  })),
  targets: Type.Array(Type.Object({
    metric: Type.String(), value: Type.Number({ description: "in the metric's unit (ratios 0..1, durations in seconds)" }), label: Label,
  })),
});

export const annotationRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/annotations', {
    schema: { summary: "Promotion days and holidays of the range, and the config's KPI targets, for the charts", querystring: Query, response: { 200: Annotations } },
  }, async (request, reply) => {
    const filter = toMetricFilter(request.query as FilterQuery, request.principal, ctx.timezone);
    periodBounds(filter);
    // Kept like the metric tables: the config's copy is written when the warehouse is opened, not while serving.
    const key = metricCacheKey(request.routeOptions.url ?? request.url, request.params, (request.query ?? {}) as Record<string, unknown>, filter);
    const { table: found, outcome } = await ctx.metrics.get(key, () => readWarehouse(ctx, (db) => annotations(db, filter)));
    reply.header('x-cache', outcome);
    return { period: { from: filter.from, to: filter.to, timezone: filter.timezone }, ...found };
  });
};
