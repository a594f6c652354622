// The shell every core metric route shares: filter query in, MetricFilter for the caller (team leads
// scoped in SQL), one warehouse connection for the call, the MetricTable out in the asked format.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { AppContext } from '../app.ts';
import { toMetricFilter, type FilterQuery } from '../metric-query.ts';
import { sendTable } from '../tabular/send-table.ts';

export async function answerMetric(ctx: AppContext, request: FastifyRequest, reply: FastifyReply,
  compute: (db: DuckDBConnection, filter: MetricFilter) => Promise<MetricTable>): Promise<FastifyReply> {
  const filter = toMetricFilter(request.query as FilterQuery, request.principal, ctx.timezone);
  const db = await ctx.warehouse.connect();
  let table: MetricTable;
  try {
    table = await compute(db, filter);
  } finally {
    db.closeSync();
  }
  return sendTable(request, reply, table);
}
