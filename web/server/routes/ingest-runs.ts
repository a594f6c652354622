// GET /api/ingest-runs: the ingest log as a MetricTable, newest first, paged; for admins and
// managers checking what was loaded, when, and how much of it was refused.
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
import { SOURCE_COLUMNS_SQL, UPLOAD_TOKEN_SQL } from '../ingest-source.ts';

const Query = logQuery({
  status: Type.Optional(Type.Union([Type.Literal('committed'), Type.Literal('failed')], { description: 'only runs with this status' })),
});

const COLUMNS: MetricTable['columns'] = [
  { key: 'run', label: { en: 'Run', zh: '批次' }, unit: 'number' },
  { key: 'source', label: { en: 'Source file', zh: '来源文件' }, unit: 'text' },
  { key: 'origin', label: { en: 'Via', zh: '方式' }, unit: 'text' },
  { key: 'uploaded_by', label: { en: 'Uploaded by (token)', zh: '上传者（令牌）' }, unit: 'text' },
  { key: 'mapping', label: { en: 'Mapping', zh: '映射' }, unit: 'text' },
  { key: 'started_at', label: { en: 'Started', zh: '开始时间' }, unit: 'timestamp' },
  { key: 'finished_at', label: { en: 'Finished', zh: '结束时间' }, unit: 'timestamp' },
  { key: 'seconds', label: { en: 'Duration', zh: '耗时' }, unit: 'seconds' },
  { key: 'status', label: { en: 'Status', zh: '状态' }, unit: 'text' },
  { key: 'rows_read', label: { en: 'Rows read', zh: '读取行数' }, unit: 'count' },
  { key: 'accepted', label: { en: 'Accepted', zh: '已接受' }, unit: 'count' },
  { key: 'duplicates', label: { en: 'Duplicates', zh: '重复' }, unit: 'count' },
  { key: 'quarantined', label: { en: 'Quarantined', zh: '已隔离' }, unit: 'count' },
  { key: 'mostly_quarantined', label: { en: 'Mostly quarantined', zh: '大部分被隔离' }, unit: 'text' },
  { key: 'tickets_touched', label: { en: 'Tickets updated', zh: '更新工单数' }, unit: 'count' },
  { key: 'message', label: { en: 'Message', zh: '消息' }, unit: 'text' },
];

const FIRST = 'SELECT epoch_ms(min(started_at)) FROM ingest_runs';
const WHERE = `started_at >= $start::TIMESTAMPTZ AND started_at < $end::TIMESTAMPTZ AND ($status IS NULL OR status = $status)`;
/** A run whose rows were mostly refused is marked: its data is likelier a wrong file or mapping than a few bad rows. */
export const MOSTLY_QUARANTINED = 0.5;
// The source as shown (file names, who uploaded over HTTP) and the mark, over ingest_runs r.
const SHOWN = `${SOURCE_COLUMNS_SQL},
  r.rows_read > 0 AND r.quarantined > r.rows_read * ${MOSTLY_QUARANTINED} AS mostly_quarantined`;
const RUNS = `ingest_runs r LEFT JOIN api_tokens t ON t.token_id = ${UPLOAD_TOKEN_SQL}`;

export const ingestRunRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/ingest-runs', {
    config: { roles: ['admin', 'manager'] },
    schema: { summary: 'The ingest log: one row per batch, newest first', querystring: Query, response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const query = request.query as LogQuery & { status?: string };
    if (isExportFormat(query.format)) {
      const range = await readWarehouse(ctx, (db) => logRange(db, query, ctx.timezone, FIRST));
      const { from, to, timezone } = range.filter;
      return streamTable(ctx, request, reply, query.format, {
        table: { name: 'ingest-runs', period: { from, to, timezone }, clock: 'calendar', columns: COLUMNS },
        sql: `SELECT run_id AS run, ${SHOWN}, mapping, started_at, finished_at, epoch(finished_at) - epoch(started_at) AS seconds, status,
            rows_read, accepted, duplicates, quarantined, tickets_touched, message
          FROM ${RUNS} WHERE ${WHERE} ORDER BY run_id DESC`,
        params: { start: range.start, end: range.end, status: query.status ?? null },
      });
    }
    return readWarehouse(ctx, async (db) => {
      const range = await logRange(db, query, ctx.timezone, FIRST);
      const params = { start: range.start, end: range.end, status: query.status ?? null };
      const total = Number((await db.runAndReadAll(`SELECT count(*) FROM ingest_runs WHERE ${WHERE}`, params)).getRows()[0]?.[0] ?? 0);
      const reader = await db.runAndReadAll(`SELECT run_id, ${SHOWN}, mapping, epoch_ms(started_at) AS started, epoch_ms(finished_at) AS finished,
          epoch(finished_at) - epoch(started_at) AS seconds, status, rows_read, accepted, duplicates, quarantined, tickets_touched, message
        FROM ${RUNS} WHERE ${WHERE}
        ORDER BY run_id DESC LIMIT $limit OFFSET $offset`, { ...params, limit: range.limit, offset: range.offset });
      const zone = range.filter.timezone;
      const table: MetricTable = {
        name: 'ingest-runs', period: { from: range.filter.from, to: range.filter.to, timezone: zone }, previous: null, clock: 'calendar',
        columns: COLUMNS, total,
        rows: reader.getRowObjectsJS().map((r) => ({
          run: Number(r.run_id), source: r.source === null ? null : String(r.source), origin: String(r.origin),
          uploaded_by: r.uploaded_by === null ? null : String(r.uploaded_by), mapping: r.mapping === null ? null : String(r.mapping),
          started_at: localIso(r.started, zone), finished_at: localIso(r.finished, zone),
          seconds: r.seconds === null ? null : Number(r.seconds), status: String(r.status),
          rows_read: Number(r.rows_read), accepted: Number(r.accepted), duplicates: Number(r.duplicates),
          quarantined: Number(r.quarantined), mostly_quarantined: r.mostly_quarantined === true, tickets_touched: Number(r.tickets_touched),
          message: r.message === null ? null : String(r.message),
        })),
      };
      return sendTable(request, reply, table);
    });
  });
};
