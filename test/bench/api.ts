// API benchmark: `npm run bench -- api [--db FILE | --days N --tickets-per-day N] [--seconds 3] [--cold-requests 4] [--sql-only]
// [--only PATH] [--cold-only]`.
// On a copy of a demo warehouse (default: the 10M-event one, see test/bench/web.ts; with --days or
// --tickets-per-day a fresh demo of that size instead, for a quick check), for every
// dashboard endpoint and a 28-day and a one-year range ending on the data's last day:
// - sql: the warehouse function run directly in DuckDB (median of 3, after one warm-up), wall and CPU time;
// - warm: HTTP latency over keep-alive connections at concurrency 1 and 16 for `seconds` each,
//   server with its result cache (what a dashboard user gets once anyone asked the question);
// - cold: the same with the cache off (DESKPULSE_METRIC_CACHE=off), `cold-requests` per
//   connection, and the ratio cold HTTP p50 / SQL (the API's own overhead and queueing);
// and the server's RSS (current and peak); and the cold overview from the daily rollup against the
// same from the tickets (?exact=true), `overview_rollup_vs_facts`. Prints JSON. --sql-only stops after the SQL times;
// --only keeps the endpoints whose path starts with PATH; --cold-only skips the warm mode. A request the
// server turns away for its query budget (HTTP 503) is counted (`rejected_503`), not timed.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { Warehouse } from '../../warehouse/database.ts';
import { loadConfig } from '../../warehouse/config.ts';
import { agentDays, agents } from '../../warehouse/metrics/agents.ts';
import { agentTickets } from '../../warehouse/metrics/agent-tickets.ts';
import { backlogTable } from '../../warehouse/metrics/backlog.ts';
import { breakdown } from '../../warehouse/metrics/breakdown.ts';
import { arrivalHeatmap, frtBuckets, replyTimes, statusTimes } from '../../warehouse/metrics/distributions.ts';
import type { MetricFilter } from '../../warehouse/metrics/filter.ts';
import { liveBreaching, liveOpen } from '../../warehouse/metrics/live.ts';
import { overview } from '../../warehouse/metrics/overview.ts';
import { keepDailyRollup } from '../../warehouse/rollups/daily-rollup.ts';
import { problemHeatmap, problemTrend, problems } from '../../warehouse/metrics/problems.ts';
import { lowRatings, ratingDistribution, satisfactionBy, satisfactionTrend } from '../../warehouse/metrics/satisfaction.ts';
import type { MetricTable } from '../../warehouse/metrics/table.ts';
import { ticketDetail, ticketEvents } from '../../warehouse/metrics/ticket-detail.ts';
import { timeseries } from '../../warehouse/metrics/timeseries.ts';
import { toMetricFilter } from '../../web/server/metric-query.ts';
import { deskpulse, serveWarehouse, type Served } from '../e2e/support/e2e-server.ts';
import { processMemoryMb, quantile } from './support/measure.ts';

const { values } = parseArgs({ options: {
  db: { type: 'string', default: '/tmp/bench/w10m.duckdb' },
  seconds: { type: 'string', default: '3' },
  'cold-requests': { type: 'string', default: '4' },
  'sql-only': { type: 'boolean', default: false },
  only: { type: 'string' },
  'cold-only': { type: 'boolean', default: false },
  days: { type: 'string' },
  'tickets-per-day': { type: 'string' },
} });
const demo = values.days !== undefined || values['tickets-per-day'] !== undefined;
if (!demo && !existsSync(values.db)) throw new Error(`no warehouse at ${values.db}; pass --db or build the 10M demo (see test/bench/web.ts)`);

type Compute = (db: DuckDBConnection, filter: MetricFilter) => Promise<MetricTable>;
/** Every dashboard endpoint (path and its own query) and the warehouse function it answers with; one agent's and one ticket's pages for the given ones. */
const endpoints = (agent: string, ticket: string): [string, Record<string, string>, Compute][] => [
  ['/api/overview', {}, (db, f) => overview(db, f, { rollup: true })],
  ['/api/timeseries', { grain: 'day' }, (db, f) => timeseries(db, f, 'day', { rollup: true })],
  ['/api/breakdown', { by: 'team' }, (db, f) => breakdown(db, f, 'team', { rollup: true })],
  ['/api/agents', {}, (db, f) => agents(db, f, { rollup: true })],
  [`/api/agents/${encodeURIComponent(agent)}`, {}, (db, f) => agentDays(db, f, agent, { rollup: true })],
  [`/api/agents/${encodeURIComponent(agent)}/tickets`, {}, (db, f) => agentTickets(db, f, agent)],
  [`/api/tickets/${encodeURIComponent(ticket)}`, {}, (db, f) => ticketDetail(db, f, ticket)],
  [`/api/tickets/${encodeURIComponent(ticket)}/events`, {}, (db, f) => ticketEvents(db, f, ticket)],
  ['/api/problems', {}, (db, f) => problems(db, f, { rollup: true })],
  ['/api/problems/subtypes', {}, (db, f) => problems(db, f, { bySubtype: true, rollup: true })],
  ['/api/problems/trend', { grain: 'day' }, (db, f) => problemTrend(db, f, 'day')],
  ['/api/problems/heatmap', { by: 'region' }, (db, f) => problemHeatmap(db, f, 'region')],
  ['/api/satisfaction', {}, ratingDistribution],
  ['/api/satisfaction/trend', { grain: 'day' }, (db, f) => satisfactionTrend(db, f, 'day')],
  ['/api/satisfaction/by', { by: 'team' }, (db, f) => satisfactionBy(db, f, 'team')],
  ['/api/satisfaction/low-ratings', { page: '1', page_size: '20' }, (db, f) => lowRatings(db, f, { page: 1, pageSize: 20 })],
  ['/api/backlog', {}, (db, f) => backlogTable(db, f, { rollup: true })],
  ['/api/heatmap', {}, (db, f) => arrivalHeatmap(db, f, { rollup: true })],
  ['/api/frt-buckets', {}, frtBuckets],
  ['/api/status-times', {}, (db, f) => statusTimes(db, f, { rollup: true })],
  ['/api/reply-times', {}, replyTimes],
  ['/api/live', {}, (db, f) => liveOpen(db, f)],
  ['/api/live/agents', {}, (db, f) => liveOpen(db, f, { byAgent: true })],
  ['/api/live/breaching', {}, (db, f) => liveBreaching(db, f)],
];

const round = (n: number) => Math.round(n * 10) / 10;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { requests: s.length, p50: round(quantile(s, 0.5)), p95: round(quantile(s, 0.95)), p99: round(quantile(s, 0.99)), max: round(s.at(-1) ?? NaN) };
};

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-api-bench-'));
const db = join(dir, 'bench.duckdb');
if (demo) deskpulse(['demo', '--days', values.days ?? '60', '--tickets-per-day', values['tickets-per-day'] ?? '500'], db);
else copyFileSync(values.db, db);
const timezone = loadConfig('config/deskpulse.yaml').timezone;

// The ranges end on the data's last local day.
const warehouse = await Warehouse.open(db);
const connection = await warehouse.connect();
// as `serve` does at start: the rollup built when a migration emptied it (the SQL figures then use it too)
await keepDailyRollup(connection, timezone);
const last = String((await connection.runAndReadAll(`SELECT strftime(timezone($tz, max(created_at)), '%Y-%m-%d') FROM tickets`, { tz: timezone })).getRowsJS()[0]?.[0]);
const to = DateTime.fromISO(last, { zone: timezone });
const RANGES = { '28d': { from: to.minus({ days: 27 }).toISODate()!, to: last }, '365d': { from: to.minus({ days: 364 }).toISODate()!, to: last } };
// The agent with the most tickets, and a ticket of the last day with the most events: a team lead's usual clicks.
const [agent, ticket] = (await connection.runAndReadAll(`SELECT
    (SELECT agent_id FROM tickets WHERE agent_id IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC, agent_id LIMIT 1),
    (SELECT ticket_id FROM tickets WHERE created_at >= $day::TIMESTAMPTZ ORDER BY event_count DESC, ticket_id LIMIT 1)`,
  { day: to.toUTC().toISO()! })).getRowsJS()[0]!.map(String) as [string, string];
const ENDPOINTS = endpoints(agent, ticket).filter(([path]) => values.only === undefined || path.startsWith(values.only));
const admin = { role: 'admin' as const, teams: null, tokenId: null };

const sqlMs: Record<string, number> = {};
// The CPU time (this process: DuckDB's threads included) each endpoint's SQL took: on a machine shared
// with other work, wall times follow the load; CPU times much less so.
const sqlCpuMs: Record<string, number> = {};
for (const [path, query, compute] of ENDPOINTS) {
  for (const [range, dates] of Object.entries(RANGES)) {
    const filter = toMetricFilter({ ...dates }, admin, timezone);
    const runs: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await compute(connection, filter);
      const used = process.cpuUsage(cpuBefore);
      if (i > 0) {
        runs.push(performance.now() - started);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    const key = `${path} ${range}`;
    sqlMs[key] = round(runs.sort((a, b) => a - b)[1]!);
    sqlCpuMs[key] = round(cpu.sort((a, b) => a - b)[1]!);
    process.stderr.write(`sql ${path}?${new URLSearchParams(query)} ${range}: ${sqlMs[key]} ms (CPU ${sqlCpuMs[key]} ms)\n`);
  }
}
// The overview's KPIs from the daily rollup against the tickets (issue 19 §2), in DuckDB alone.
const overviewSourcesSqlMs: Record<string, { rollup: number; facts: number }> = {};
for (const [range, dates] of Object.entries(RANGES)) {
  const filter = toMetricFilter({ ...dates }, admin, timezone);
  const median = async (rollup: boolean) => {
    const runs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      await overview(connection, filter, { rollup });
      if (i > 0) runs.push(performance.now() - started);
    }
    return round(runs.sort((a, b) => a - b)[1]!);
  };
  overviewSourcesSqlMs[range] = { rollup: await median(true), facts: await median(false) };
  process.stderr.write(`sql /api/overview ${range} rollup vs facts: ${JSON.stringify(overviewSourcesSqlMs[range])} ms\n`);
}
connection.closeSync();
warehouse.close();

/**
 * Latencies of `connections` closed loops asking `url` until `seconds` pass or each asked `perConnection`
 * times, and how many answers were 503 (the query budget spent: counted, not timed; other errors stop).
 */
async function load(url: string, connections: number, limit: { seconds?: number; perConnection?: number }): Promise<{ ms: number[]; rejected: number }> {
  const until = performance.now() + (limit.seconds ?? Infinity) * 1000;
  const ms: number[] = [];
  let rejected = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    for (let i = 0; i < (limit.perConnection ?? Infinity) && performance.now() < until; i++) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 503) rejected++;
      else if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      else ms.push(performance.now() - started);
    }
  }));
  return { ms, rejected };
}

/** summary() of a load's latencies, with its 503 count. */
const loadSummary = ({ ms, rejected }: { ms: number[]; rejected: number }) => ({ ...summary(ms), rejected_503: rejected });

async function measure(server: Served, mode: 'warm' | 'cold') {
  const rows: Record<string, unknown>[] = [];
  for (const [path, query] of ENDPOINTS) {
    for (const [range, dates] of Object.entries(RANGES)) {
      const url = `${server.url}${path}?${new URLSearchParams({ ...dates, ...query })}`;
      await load(url, 1, { perConnection: 1 });  // warms the cache (warm) or DuckDB's buffers (cold)
      const row: Record<string, unknown> = { endpoint: path, query, range, sql_ms: sqlMs[`${path} ${range}`], sql_cpu_ms: sqlCpuMs[`${path} ${range}`] };
      for (const connections of [1, 16]) {
        const limit = mode === 'warm' ? { seconds: Number(values.seconds) } : { perConnection: connections === 1 ? Number(values['cold-requests']) : 1 };
        const ms = loadSummary(await load(url, connections, limit));
        row[`c${connections}`] = mode === 'cold' && connections === 1 ? { ...ms, http_to_sql: round(ms.p50 / (sqlMs[`${path} ${range}`] ?? NaN)) } : ms;
      }
      rows.push(row);
      process.stderr.write(`${mode} ${path} ${range}: ${JSON.stringify(row.c1)} ${JSON.stringify(row.c16)}\n`);
    }
  }
  return { endpoints: rows, server_rss_mb: processMemoryMb(server.pid) };
}

/** Cold /api/overview at c=1 from the daily rollup (x-source: rollup) and from the tickets (?exact=true), per range. */
async function overviewSources(server: Served) {
  const figures: Record<string, unknown> = {};
  for (const [range, dates] of Object.entries(RANGES)) {
    const url = `${server.url}/api/overview?${new URLSearchParams(dates)}`;
    const source = (await fetch(url).then(async (r) => { await r.arrayBuffer(); return r.headers.get('x-source'); }));
    const perConnection = Number(values['cold-requests']) * 2;
    figures[range] = {
      source, rollup_c1: loadSummary(await load(url, 1, { perConnection })), facts_c1: loadSummary(await load(`${url}&exact=true`, 1, { perConnection })),
      sql_ms: overviewSourcesSqlMs[range],
    };
    process.stderr.write(`cold /api/overview ${range} rollup vs facts: ${JSON.stringify(figures[range])}\n`);
  }
  return figures;
}

const out: Record<string, unknown> = {
  bench: 'api', warehouse: demo ? { demo: { days: values.days ?? '60', ticketsPerDay: values['tickets-per-day'] ?? '500' } } : values.db, ranges: RANGES, agent, ticket,
};

/** The targets (ms, p95): cold at c=1, and with the cache as now at c=16. */
const TARGETS = { cold: { overview: { c1: 80 }, others: { c1: 150 } }, warm: { overview: { c16: 100 }, others: { c16: 100 } } } as const;

/**
 * The yardsticks per mode measured: worst p95 of the overview and of every other endpoint per
 * concurrency, each beside its target where the issue sets one, and the 503s turned away.
 */
function yardsticks(): Record<string, unknown> {
  const measured = (['warm', 'cold'] as const).filter((mode) => out[mode] !== undefined);
  return Object.fromEntries(measured.map((mode) => {
    const rows = (out[mode] as { endpoints: Record<string, unknown>[] }).endpoints;
    const figure = (overviewOnly: boolean, c: 'c1' | 'c16') => {
      const of = rows.filter((e) => (e.endpoint === '/api/overview') === overviewOnly).map((e) => e[c] as { p95: number; rejected_503: number });
      if (of.length === 0) return { p95_ms: 'not measured (--only)' };
      // an endpoint every request of which was turned away has no p95 (NaN): not available, not 0
      const p95 = Math.max(...of.map((e) => (Number.isNaN(e.p95) ? Infinity : e.p95)));
      const target = (TARGETS[mode][overviewOnly ? 'overview' : 'others'] as Partial<Record<'c1' | 'c16', number>>)[c];
      return { p95_ms: p95 === Infinity ? 'not available (an endpoint had every request turned away, 503)' : p95, ...(target === undefined ? {} : { target_ms: target, met: p95 <= target }),
        rejected_503: of.reduce((n, e) => n + e.rejected_503, 0) };
    };
    return [mode, { overview: { c1: figure(true, 'c1'), c16: figure(true, 'c16') }, others_worst: { c1: figure(false, 'c1'), c16: figure(false, 'c16') } }];
  }));
}

try {
  if (values['sql-only']) {
    out.sql_ms = sqlMs;
    out.sql_cpu_ms = sqlCpuMs;
    out.overview_rollup_vs_facts = { sql_ms: overviewSourcesSqlMs };
  } else {
    for (const mode of values['cold-only'] ? ['cold'] as const : ['warm', 'cold'] as const) {
      const server = await serveWarehouse(db, ['--open'], mode === 'cold' ? { DESKPULSE_METRIC_CACHE: 'off' } : {});
      try {
        out[mode] = await measure(server, mode);
        if (mode === 'cold') out.overview_rollup_vs_facts = await overviewSources(server);
      } finally {
        await server.stop();
      }
    }
    out.summary = yardsticks();
  }
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
