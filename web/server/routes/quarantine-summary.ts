// The Data page's summaries of the ingest log: GET /api/quarantine/reasons (the most frequent reasons
// over the range, values in quotes folded so one kind of fault is one line) and GET
// /api/ingest-runs/rate (rows read and quarantined per local day, and the share quarantined).
import type { FastifyPluginAsync } from 'fastify';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { AppContext } from '../app.ts';
import { readWarehouse } from '../read-warehouse.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { sendTable } from '../tabular/send-table.ts';
import { localIso, logQuery, logRange, type LogQuery } from './ingest-log-query.ts';

/** Reasons listed: the top of a long tail is what an operator acts on. */
export const TOP_REASONS = 20;

/**
 * The kind of a reason: quoted values ("2026-13-01") and a rating's number become "…", and the cut
 * note's character count too, so 'occurred_at "x" is not ISO 8601' counts once whatever x was.
 */
export const REASON_KIND_SQL = `regexp_replace(regexp_replace(regexp_replace(reason,
  '"[^"]*"', '"…"', 'g'), '^rating \\S+ must', 'rating … must'), 'of \\d+ characters', 'of … characters', 'g')`;

const REASON_COLUMNS: MetricTable['columns'] = [
  { key: 'reason', label: { en: 'Reason', zh: '原因' }, unit: 'text' },
  { key: 'field', label: { en: 'Field', zh: '字段' }, unit: 'text' },
  { key: 'rows', label: { en: 'Rows', zh: '行数' }, unit: 'count' },
  { key: 'share', label: { en: 'Share of quarantined rows', zh: '占隔离行比例' }, unit: 'ratio' },
  { key: 'runs', label: { en: 'Runs', zh: '批次数' }, unit: 'count' },
  { key: 'last_at', label: { en: 'Last seen', zh: '最近出现' }, unit: 'timestamp' },
];

const RATE_COLUMNS: MetricTable['columns'] = [
  { key: 'day', label: { en: 'Day', zh: '日期' }, unit: 'date' },
  { key: 'runs', label: { en: 'Runs', zh: '批次数' }, unit: 'count' },
  { key: 'rows_read', label: { en: 'Rows read', zh: '读取行数' }, unit: 'count' },
  { key: 'quarantined', label: { en: 'Quarantined', zh: '已隔离' }, unit: 'count' },
  { key: 'quarantine_rate', label: { en: 'Quarantine rate', zh: '隔离率' }, unit: 'ratio' },
];

const Query = logQuery({});

export const quarantineSummaryRoutes = (ctx: AppContext): FastifyPluginAsync => async (app) => {
  const config = { roles: ['admin', 'manager'] as const };

  app.get('/quarantine/reasons', {
    config: { roles: [...config.roles] },
    schema: { summary: `The ${TOP_REASONS} most frequent quarantine reasons in the range, quoted values folded`, querystring: Query,
      response: { 200: MetricTableSchema } },
  }, async (request, reply) => readWarehouse(ctx, async (db) => {
    const range = await logRange(db, request.query as LogQuery, ctx.timezone, 'SELECT epoch_ms(min(quarantined_at)) FROM quarantine');
    const reader = await db.runAndReadAll(`
      WITH refused AS (
        SELECT ${REASON_KIND_SQL} AS kind, field, run_id, quarantined_at FROM quarantine
        WHERE quarantined_at >= $start::TIMESTAMPTZ AND quarantined_at < $end::TIMESTAMPTZ)
      SELECT kind, field, count(*) AS n, count(*) / sum(count(*)) OVER () AS share, count(DISTINCT run_id) AS runs,
             epoch_ms(max(quarantined_at)) AS last_at
      FROM refused GROUP BY kind, field ORDER BY n DESC, kind, field NULLS FIRST LIMIT ${TOP_REASONS}`, { start: range.start, end: range.end });
    const zone = range.filter.timezone;
    const table: MetricTable = {
      name: 'quarantine-reasons', period: { from: range.filter.from, to: range.filter.to, timezone: zone }, previous: null, clock: 'calendar',
      columns: REASON_COLUMNS,
      rows: reader.getRowObjectsJS().map((r) => ({
        reason: String(r.kind), field: r.field === null ? null : String(r.field), rows: Number(r.n), share: Number(r.share),
        runs: Number(r.runs), last_at: localIso(r.last_at, zone),
      })),
    };
    return sendTable(request, reply, table);
  }));

  app.get('/ingest-runs/rate', {
    config: { roles: [...config.roles] },
    schema: { summary: 'Rows read and quarantined per local day of the runs\' start, and the share quarantined', querystring: Query,
      response: { 200: MetricTableSchema } },
  }, async (request, reply) => readWarehouse(ctx, async (db) => {
    const range = await logRange(db, request.query as LogQuery, ctx.timezone, 'SELECT epoch_ms(min(started_at)) FROM ingest_runs');
    const zone = range.filter.timezone;
    // Every day of the range, days without runs as 0 rows and no rate (not 0%: nothing was read).
    const reader = await db.runAndReadAll(`
      WITH days AS (
        SELECT strftime(d, '%Y-%m-%d') AS day FROM range($from::DATE, $to::DATE + 1, INTERVAL 1 DAY) r(d)),
      per_day AS (
        SELECT strftime(timezone($tz, started_at), '%Y-%m-%d') AS day, count(*) AS runs, sum(rows_read) AS rows_read, sum(quarantined) AS quarantined
        FROM ingest_runs WHERE started_at >= $start::TIMESTAMPTZ AND started_at < $end::TIMESTAMPTZ GROUP BY ALL)
      SELECT day, coalesce(runs, 0) AS runs, coalesce(rows_read, 0) AS rows_read, coalesce(quarantined, 0) AS quarantined,
             quarantined / nullif(rows_read, 0) AS quarantine_rate
      FROM days LEFT JOIN per_day USING (day) ORDER BY day`,
    { from: range.filter.from, to: range.filter.to, tz: zone, start: range.start, end: range.end });
    const table: MetricTable = {
      name: 'quarantine-rate', period: { from: range.filter.from, to: range.filter.to, timezone: zone }, previous: null, clock: 'calendar',
      columns: RATE_COLUMNS,
      rows: reader.getRowObjectsJS().map((r) => ({
        day: String(r.day), runs: Number(r.runs), rows_read: Number(r.rows_read), quarantined: Number(r.quarantined),
        quarantine_rate: r.quarantine_rate === null ? null : Number(r.quarantine_rate),
      })),
    };
    return sendTable(request, reply, table);
  }));
};
