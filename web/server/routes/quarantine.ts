// GET /api/quarantine: rows the ingest refused, as a MetricTable, paged and filterable by run:
// where each came from (source, position, field), why, and the start of its raw text, shown exactly as
// stored: the ingest hashed its personal values as the events hold them (ingest/quarantine-raw.ts).
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { AppContext } from '../app.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { sendTable } from '../tabular/send-table.ts';
import { isExportFormat } from '../tabular/export-encoders.ts';
import { streamTable } from '../tabular/stream-table.ts';
import { localIso, logQuery, logRange, type LogQuery } from './ingest-log-query.ts';

/** Raw text shown per row; the full text stays in the warehouse (`deskpulse quarantine list`). */
export const RAW_PREVIEW_CHARS = 500;

const Query = logQuery({
  run: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'only rows of this ingest run' })),
});

const COLUMNS: MetricTable['columns'] = [
  { key: 'run', label: { en: 'Run', zh: '批次' }, unit: 'number' },
  { key: 'source', label: { en: 'Source', zh: '来源' }, unit: 'text' },
  { key: 'position', label: { en: 'Position', zh: '位置' }, unit: 'text' },
  { key: 'field', label: { en: 'Field', zh: '字段' }, unit: 'text' },
  { key: 'reason', label: { en: 'Reason', zh: '原因' }, unit: 'text' },
  { key: 'raw', label: { en: 'Raw text', zh: '原始内容' }, unit: 'text' },
  { key: 'quarantined_at', label: { en: 'Quarantined at', zh: '隔离时间' }, unit: 'timestamp' },
];

const WHERE = `quarantined_at >= $start::TIMESTAMPTZ AND quarantined_at < $end::TIMESTAMPTZ AND ($run IS NULL OR run_id = $run)`;
const ORDER = 'ORDER BY run_id DESC, source, line NULLS LAST, position';
const RAW_PREVIEW = `CASE WHEN length(raw) > $preview THEN left(raw, $preview) || '…' ELSE raw END`;
const FIRST = 'SELECT epoch_ms(min(quarantined_at)) FROM quarantine';

export const quarantineRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/quarantine', {
    config: { roles: ['admin', 'manager'] },
    schema: { summary: 'Rows refused by the ingest, newest run first', querystring: Query, response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const query = request.query as LogQuery & { run?: number };
    if (isExportFormat(query.format)) {
      const range = await readWarehouse(ctx, (db) => logRange(db, query, ctx.timezone, FIRST));
      const { from, to, timezone } = range.filter;
      return streamTable(ctx, request, reply, query.format, {
        table: { name: 'quarantine', period: { from, to, timezone }, clock: 'calendar', columns: COLUMNS },
        sql: `SELECT run_id AS run, source, position, field, reason, ${RAW_PREVIEW} AS raw, quarantined_at FROM quarantine WHERE ${WHERE} ${ORDER}`,
        params: { start: range.start, end: range.end, run: query.run ?? null, preview: RAW_PREVIEW_CHARS },
      });
    }
    return readWarehouse(ctx, async (db) => {
      const range = await logRange(db, query, ctx.timezone, FIRST);
      const params = { start: range.start, end: range.end, run: query.run ?? null };
      const total = Number((await db.runAndReadAll(`SELECT count(*) FROM quarantine WHERE ${WHERE}`, params)).getRows()[0]?.[0] ?? 0);
      const reader = await db.runAndReadAll(`SELECT run_id, source, position, field, reason, ${RAW_PREVIEW} AS raw,
          epoch_ms(quarantined_at) AS at
        FROM quarantine WHERE ${WHERE} ${ORDER} LIMIT $limit OFFSET $offset`,
      { ...params, preview: RAW_PREVIEW_CHARS, limit: range.limit, offset: range.offset });
      const zone = range.filter.timezone;
      const table: MetricTable = {
        name: 'quarantine', period: { from: range.filter.from, to: range.filter.to, timezone: zone }, previous: null, clock: 'calendar',
        columns: COLUMNS, total,
        rows: reader.getRowObjectsJS().map((r) => ({
          run: Number(r.run_id), source: String(r.source), position: String(r.position),
          field: r.field === null ? null : String(r.field), reason: String(r.reason),
          raw: r.raw === null ? null : String(r.raw), quarantined_at: localIso(r.at, zone),
        })),
      };
      return sendTable(request, reply, table);
    });
  });
};
