// The shell every core metric route shares: filter query in, MetricFilter for the caller (team leads
// scoped in SQL), the table from the result cache or one warehouse connection (within the query
// budget), out in the asked format, with `x-cache: hit|miss|bypass` saying which (and `x-source:
// rollup|facts` for a table a rollup may answer).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { AppContext } from '../app.ts';
import { metricCacheKey } from '../metric-cache.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { toMetricFilter, type FilterQuery } from '../metric-query.ts';
import { sendTable } from '../tabular/send-table.ts';
import { isExportFormat } from '../tabular/export-encoders.ts';
import { streamTable } from '../tabular/stream-table.ts';
import type { ListedRows } from '../../../warehouse/metrics/paged-rows.ts';

export interface AnswerOptions {
  /** The oldest kept table this route may answer with (default: the cache's own limit). */
  maxAgeMs?: number;
}

export async function answerMetric(ctx: AppContext, request: FastifyRequest, reply: FastifyReply,
  compute: (db: DuckDBConnection, filter: MetricFilter) => Promise<MetricTable>, options: AnswerOptions = {}): Promise<FastifyReply> {
  const filter = toMetricFilter(request.query as FilterQuery, request.principal, ctx.timezone);
  const run = () => readWarehouse(ctx, (db) => compute(db, filter));
  const { table, outcome } = await ctx.metrics.get(
    metricCacheKey(request.routeOptions.url ?? request.url, request.params, (request.query ?? {}) as Record<string, unknown>, filter), run, options.maxAgeMs);
  reply.header('x-cache', outcome);
  if (table.source) reply.header('x-source', table.source);
  return sendTable(request, reply, table);
}

/**
 * A paged list: a page as JSON (answerMetric), or, for ?format=csv|xlsx|ndjson|arrow, every row under
 * the filter streamed into the file (no page size; stream-table.ts).
 */
export async function answerList(ctx: AppContext, request: FastifyRequest, reply: FastifyReply,
  compute: (db: DuckDBConnection, filter: MetricFilter) => Promise<MetricTable>,
  every: (filter: MetricFilter) => ListedRows, options: AnswerOptions = {}): Promise<FastifyReply> {
  const format = (request.query as { format?: string } | undefined)?.format;
  if (!isExportFormat(format)) return answerMetric(ctx, request, reply, compute, options);
  const filter = toMetricFilter(request.query as FilterQuery, request.principal, ctx.timezone);
  const { name, columns, sql, params } = every(filter);
  const period = { from: filter.from, to: filter.to, timezone: filter.timezone };
  return streamTable(ctx, request, reply, format, { table: { name, period, clock: filter.clock ?? 'business', columns }, sql, params });
}
