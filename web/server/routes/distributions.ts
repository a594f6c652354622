// GET /api/heatmap, /api/frt-buckets, /api/status-times, /api/reply-times, /api/backlog,
// /api/step-on-time: the distributions, the daily backlog and the step on-time rate of the range, each a MetricTable.
import type { FastifyPluginAsync } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { arrivalHeatmap, frtBuckets, replyTimes, statusTimes } from '../../../warehouse/metrics/distributions.ts';
import { backlogTable } from '../../../warehouse/metrics/backlog.ts';
import { stepOnTime } from '../../../warehouse/metrics/step-limits.ts';
import type { AppContext } from '../app.ts';
import { ExactProperty, filterQuery, rollupAllowed } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { answerMetric } from './metric-route.ts';

// `rollup`: the daily rollup may answer (no ?exact=true), for the routes that take ?exact.
type Compute = (db: DuckDBConnection, filter: MetricFilter, rollup: boolean) => Promise<MetricTable>;
const ROUTES: [string, string, Compute, { exact?: true }?][] = [
  ['/heatmap', 'Tickets created per local weekday (1 = Monday) and hour (from the daily rollup without a filter: x-source)',
    (db, filter, rollup) => arrivalHeatmap(db, filter, { rollup }), { exact: true }],
  ['/frt-buckets', 'First response time buckets (<1h, 1-4h, 4-8h, 8-24h, >24h, unanswered)', frtBuckets],
  ['/status-times', 'Time in each status; requester wait (new+open+on_hold) and agent wait (pending) (from the daily rollup without a filter: x-source)',
    (db, filter, rollup) => statusTimes(db, filter, { rollup }), { exact: true }],
  ['/reply-times', 'Agent replies per day with median and p90 reply time', replyTimes],
  ['/backlog', 'Tickets open at the end of each day, with created and resolved/closed that day (from the daily rollup without a filter: x-source)',
    (db, filter) => backlogTable(db, filter, { rollup: true })],
  ['/step-on-time', 'Step visits ended in the range within their step limit (step_on_time), per status and in all', stepOnTime],
];

export const distributionRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  for (const [url, summary, compute, options] of ROUTES) {
    app.get(url, { schema: { summary, querystring: filterQuery(options?.exact ? ExactProperty : {}), response: { 200: MetricTableSchema } } },
      (request, reply) => answerMetric(ctx, request, reply, (db, filter) => compute(db, filter, rollupAllowed(request.query))));
  }
};
