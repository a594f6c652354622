// Fuzz run: `npm run bench -- fuzz [--seconds 20] [--concurrency 4] [--days 10] [--tickets-per-day 40] [--seed 1] [--rss-limit-mb 1024]
// [--budget-ms N]` (N: the server's DESKPULSE_QUERY_BUDGET_MS, to see interrupted queries answer 503, never 500).
// Serves a small demo warehouse on loopback and, for `seconds`, sends every query parameter of every
// route in the OpenAPI document (and every path parameter) hostile values: oversized, reversed and
// huge ranges, unicode, null bytes, SQL / path / CRLF injection, negative, huge numbers, empty and
// repeated; as admin, team lead and planner. Meanwhile it polls /api/health every 200 ms and samples
// the server's memory. Prints JSON: answers by status, every 5xx but a 503 for a spent query budget
// (route, caller, query, body excerpt), health poll failures, peak RSS and whether the server lived.
// Exits 1 when the server failed any of that. Loopback only, bounded in time and count.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deskpulse, serveWarehouse, type Served } from '../e2e/support/e2e-server.ts';
import { readOperations, requiredQuery, type Operation } from '../web/server/security/openapi-operations.ts';
import { processMemoryMb, quantile } from './support/measure.ts';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '20' },
  concurrency: { type: 'string', default: '4' },
  days: { type: 'string', default: '10' },
  'tickets-per-day': { type: 'string', default: '40' },
  seed: { type: 'string', default: '1' },
  'rss-limit-mb': { type: 'string', default: '1024' },
  'max-requests': { type: 'string', default: '200000' },
  'budget-ms': { type: 'string' },
} });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const RSS_LIMIT_MB = Number(values['rss-limit-mb']);
/** How long requests still in flight at the end may take before they count as unanswered. */
const GRACE_MS = 45_000;
const HEALTH_EVERY_MS = 200;
const HEALTH_TIMEOUT_MS = 2_000;

type Caller = 'admin' | 'team_lead' | 'planner';
/** Query entries, already percent-encoded (so null bytes and broken escapes go out as written). */
type Entries = [string, string][];

const enc = encodeURIComponent;
/** One hostile value: its kind and the encoded text that goes into the URL. */
const value = (kind: string, text: string) => ({ kind, raw: enc(text) });
const raw = (kind: string, encoded: string) => ({ kind, raw: encoded });

const HOSTILE = [
  value('empty', ''), value('blank', ' \t'),
  value('oversized', 'x'.repeat(5_000)), value('oversized', '9'.repeat(400)), value('oversized-url', 'y'.repeat(70_000)),
  value('unicode', '售后退换货'), value('unicode', '😀🔥'), value('unicode', '\u202egnp.exe'), value('unicode', 'e\u0301\u0301\u0301\u0301'),
  value('unicode', '\uFEFFreturns'), value('unicode', 'ｒｅｔｕｒｎｓ'), raw('unicode', '%ED%A0%80'), raw('unicode', '%FF%FE'),
  raw('null-byte', '%00'), raw('null-byte', 'returns%00'), raw('null-byte', '%00%00%00%00'), raw('broken-escape', '%'), raw('broken-escape', '%E0%A4%A'),
  value('sql', "' OR '1'='1"), value('sql', "1; DROP TABLE events; --"), value('sql', "x') UNION SELECT token_id, secret_sha256 FROM api_tokens --"),
  value('sql', "read_csv('/etc/passwd')"), value('sql', '"; ATTACH \'/tmp/x.db\' AS x; --'),
  value('path', '../../../../etc/passwd'), value('path', '/etc/shadow'), value('path', '/dev/zero'), value('path', '/proc/self/environ'),
  raw('path', '..%252f..%252fetc%252fpasswd'), value('path', 'C:\\Windows\\win.ini'),
  raw('crlf', 'a%0d%0aSet-Cookie:%20deskpulse_token=x'), raw('crlf', '%0d%0a%0d%0aHTTP/1.1%20200%20OK'),
  value('template', '${7*7}{{7*7}}<%= 7*7 %>'), value('html', '<script>alert(1)</script>'), value('shell', '$(id)`id`'),
  value('negative', '-1'), value('negative', '-0'), value('negative', '-99999999999'),
  value('huge', '1e308'), value('huge', '1.8e309'), value('huge', '99999999999999999999999'), value('huge', '2147483648'),
  value('huge', '9007199254740993'), value('huge', 'Infinity'), value('huge', 'NaN'), value('huge', '0x7fffffff'),
  value('date', '0000-01-01'), value('date', '9999-12-31'), value('date', '2026-02-30'), value('date', '275760-09-13'), value('date', '-271821-04-20'),
  value('duration', '100000d'), value('duration', '1000d'), value('duration', '99999w'), value('duration', '-5d'), value('duration', '0d'),
  value('duration', '1e9h'), value('duration', '14d14d'),
  value('zone', 'local'), value('zone', 'system'), value('zone', 'Etc/GMT+14'), value('zone', 'UTC+99:99'), value('zone', '../../../etc/localtime'),
  value('boolean', 'yes'), value('boolean', '2'),
];

/** The same parameter sent many times. */
const REPEATS = [2, 100, 3_000];

/** Several parameters together (reversed and huge ranges, largest sizes), sent where a route has them all. */
const COMBOS: { kind: string; entries: Entries }[] = [
  { kind: 'reversed-range', entries: [['from', '2026-12-01'], ['to', '2026-01-01']] },
  { kind: 'huge-range', entries: [['from', '1900-01-01'], ['to', '2999-12-31']] },
  { kind: 'huge-range', entries: [['from', '0001-01-01'], ['to', '9999-12-31'], ['clock', 'business']] },
  { kind: 'huge-range', entries: [['from', '0001-01-01'], ['to', '9999-12-31'], ['grain', 'day']] },
  { kind: 'huge-export', entries: [['from', '1900-01-01'], ['to', '2999-12-31'], ['grain', 'day'], ['format', 'xlsx']] },
  { kind: 'huge-export', entries: [['from', '1900-01-01'], ['to', '2999-12-31'], ['format', 'csv']] },
  { kind: 'huge-page', entries: [['page', '1000000'], ['page_size', '500']] },
  { kind: 'huge-horizon', entries: [['horizon', '100000d'], ['interval', '15m']] },
  { kind: 'huge-horizon', entries: [['horizon', '1000d'], ['interval', '15m'], ['history', '400']] },
  { kind: 'huge-horizon', entries: [['horizon', '365d'], ['interval', '15m'], ['refresh', 'true']] },
  { kind: 'huge-what-if', entries: [['volume_factor', '100'], ['aht_seconds', '86400'], ['within', '3600'], ['target', '0.999999']] },
  { kind: 'huge-runs', entries: [['runs', '100'], ['run', '1']] },
];

interface Case { op: Operation; path: string; entries: Entries; what: string }

/** The operation and parameter (or combination) a case aims at. */
const target = (c: Case) => `${c.op.key} ${c.what.split(':')[0]}`;

/** Every hostile value of every parameter of every operation that reads parameters. */
function casesFor(op: Operation, pathValues: Record<string, string>): Case[] {
  if (op.method !== 'GET' && op.query.length === 0) return [];
  const required = Object.entries(requiredQuery(op)).map(([k, v]) => [k, enc(v)] as [string, string]);
  const path = (overrides: Record<string, string> = {}) => op.path.replace(/\{(\w+)\}/g, (_, n: string) => overrides[n] ?? enc(pathValues[n] ?? 'fuzz'));
  const without = (names: string[]) => required.filter(([k]) => !names.includes(k));
  const cases: Case[] = [];
  for (const { name } of op.query) {
    for (const h of HOSTILE) cases.push({ op, path: path(), entries: [...without([name]), [name, h.raw]], what: `${name}: ${h.kind}` });
    for (const n of REPEATS) {
      cases.push({ op, path: path(), entries: [...without([name]), ...Array.from({ length: n }, () => [name, 'returns'] as [string, string])], what: `${name}: repeated x${n}` });
    }
  }
  for (const name of op.pathParameters) {
    for (const h of HOSTILE) cases.push({ op, path: path({ [name]: h.raw }), entries: required, what: `{${name}}: ${h.kind}` });
  }
  for (const combo of COMBOS) {
    if (combo.entries.every(([k]) => op.query.some((p) => p.name === k))) {
      // Each combination is a target of its own (no colon in `what`): every one is sent in the first round.
      const what = `${combo.kind} ${combo.entries.map(([k, v]) => `${k}=${v}`).join('&')}`;
      cases.push({ op, path: path(), entries: [...without(combo.entries.map(([k]) => k)), ...combo.entries], what });
    }
  }
  return cases;
}

/** A seeded random number generator (mulberry32): the same seed sends the same cases in the same order. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * The cases in rounds: each round sends every target one value it has not had yet (in random
 * order), so a short run still reaches every parameter of every route, with varied values.
 */
function inRounds(cases: Case[], seed: number): Case[] {
  const random = seeded(seed);
  const byTarget = new Map<string, Case[]>();
  for (const c of cases) byTarget.set(target(c), [...(byTarget.get(target(c)) ?? []), c]);
  const groups = shuffle([...byTarget.values()].map((g) => shuffle(g, random)), random);
  const rounds = Math.max(...groups.map((g) => g.length));
  return Array.from({ length: rounds }, (_, r) => groups.flatMap((g) => (g[r] ? [g[r]] : []))).flat();
}

interface ServerError { route: string; caller: Caller; what: string; url: string; status: number | string; body: string }

const excerpt = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
/** A 503 that says the request's query time budget was spent: the answer the issue allows. */
const isBudget503 = (status: number, body: string) => status === 503 && /QueryBudget|took longer than/.test(body);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-fuzz-'));
  let server: Served | undefined;
  try {
    cpSync('config', join(dir, 'config'), { recursive: true });
    const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
    deskpulse(['demo', '--days', values.days!, '--tickets-per-day', values['tickets-per-day']!, '--seed', '7'], db, config);
    const tokens: Record<Caller, string> = { admin: '', team_lead: '', planner: '' };
    for (const role of Object.keys(tokens) as Caller[]) {
      tokens[role] = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', role, '--name', `fuzz-${role}`,
        ...(role === 'team_lead' ? ['--team', 'returns'] : [])], db, config)) as { token: string }).token;
    }
    server = await serveWarehouse(db, ['--config', config],
      values['budget-ms'] ? { DESKPULSE_QUERY_BUDGET_MS: values['budget-ms'] } : {});
    const base = server.url;
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`refusing to fuzz ${base}: loopback only`);
    const auth = (caller: Caller) => ({ authorization: `Bearer ${tokens[caller]}` });

    // Real ids for the path parameters not being fuzzed (a tight --budget-ms may refuse the look-up: then one that 404s).
    const agentTickets = await (await fetch(`${base}/api/agents/A001/tickets?page_size=1`, { headers: auth('admin') })).json() as { rows?: { ticket_id: string }[] };
    const pathValues = { agent: 'A001', ticket: agentTickets.rows?.[0]?.ticket_id ?? 'T0', id: 'fuzz-no-such-token' };
    const operations = await readOperations(base);
    const cases = inRounds(operations.flatMap((op) => casesFor(op, pathValues)), Number(values.seed));
    // Half as admin (who reaches every handler), a quarter each as team lead and planner.
    const callerOf = (i: number): Caller => (['admin', 'team_lead', 'admin', 'planner'] as const)[i % 4]!;

    const before = processMemoryMb(server.pid);
    const health = { polls: 0, failures: 0, maxMs: 0, firstFailures: [] as string[] };
    let maxRssMb = before.rss;
    /** RSS about every 5% of the run: whether memory levels off or keeps growing. */
    const rssOverTime: { s: number; mb: number }[] = [];
    const pollStart = Date.now();
    let fuzzing = true;
    const poll = (async () => {
      while (fuzzing) {
        const started = Date.now();
        try {
          const response = await fetch(`${base}/api/health`, { headers: auth('admin'), signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`status ${response.status}`);
        } catch (err) {
          health.failures++;
          if (health.firstFailures.length < 10) health.firstFailures.push(`${new Date().toISOString()}: ${(err as Error).message}`);
        }
        const ms = Date.now() - started;
        health.polls++;
        health.maxMs = Math.max(health.maxMs, ms);
        try {
          const { rss } = processMemoryMb(server!.pid);
          maxRssMb = Math.max(maxRssMb, rss);
          const s = Math.round((Date.now() - pollStart) / 1000);
          if (s >= (rssOverTime.at(-1)?.s ?? -Infinity) + Math.max(1, SECONDS / 20)) rssOverTime.push({ s, mb: rss });
        } catch { /* the server is gone: the health failures say so */ }
        await new Promise((r) => setTimeout(r, Math.max(0, HEALTH_EVERY_MS - ms)));
      }
    })();

    const byStatus: Record<string, number> = {};
    const serverErrors: ServerError[] = [];
    const latencies: number[] = [];
    const slowest: { ms: number; route: string; caller: Caller; what: string; status: number | string }[] = [];
    let budget503 = 0;
    let sent = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const maxRequests = Math.min(Number(values['max-requests']), cases.length);
    const inFlight = new Set<AbortController>();
    const worker = async () => {
      while (Date.now() < deadline && sent < maxRequests) {
        const i = sent++;
        const c = cases[i]!;
        const caller = callerOf(i);
        const query = c.entries.map(([k, v]) => `${enc(k)}=${v}`).join('&');
        const url = `${c.path}${query ? `?${query}` : ''}`;
        const abort = new AbortController();
        inFlight.add(abort);
        const started = Date.now();
        let status: number | string;
        let body = '';
        try {
          const response = await fetch(`${base}${url}`, {
            method: c.op.method, signal: abort.signal,
            headers: { ...auth(caller), ...(c.op.method === 'POST' ? { 'content-type': 'application/x-ndjson' } : {}) },
            ...(c.op.method === 'POST' ? { body: '' } : {}),
          });
          body = await response.text();
          status = response.status;
        } catch (err) {
          status = abort.signal.aborted ? 'unanswered' : `network: ${(err as Error).cause ? String((err as Error & { cause: Error }).cause.message) : (err as Error).message}`;
        } finally {
          inFlight.delete(abort);
        }
        const ms = Date.now() - started;
        latencies.push(ms);
        slowest.push({ ms, route: c.op.key, caller, what: c.what, status });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
        const key = typeof status === 'number' ? String(status) : status.split(':')[0]!;
        byStatus[key] = (byStatus[key] ?? 0) + 1;
        if (typeof status === 'number' && isBudget503(status, body)) budget503++;
        else if (typeof status !== 'number' || status >= 500) {
          serverErrors.push({ route: c.op.key, caller, what: c.what, url: excerpt(url, 200), status, body: excerpt(body) });
        }
      }
    };
    const startedAt = Date.now();
    const workers = Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const grace = setTimeout(() => inFlight.forEach((a) => a.abort()), SECONDS * 1000 + GRACE_MS);
    await workers;
    clearTimeout(grace);
    const fuzzSeconds = (Date.now() - startedAt) / 1000;
    fuzzing = false;
    await poll;

    const alive = await fetch(`${base}/api/health`, { headers: auth('admin'), signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
    let peakRssMb: number | null = null;
    try {
      peakRssMb = processMemoryMb(server.pid).peak;
    } catch { /* gone */ }
    const byClass: Record<string, number> = {};
    for (const [status, n] of Object.entries(byStatus)) {
      const cls = /^\d+$/.test(status) ? `${status[0]}xx` : status;
      byClass[cls] = (byClass[cls] ?? 0) + n;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const reasons = [
      ...(serverErrors.length ? [`${serverErrors.length} answers >= 500 (or none) other than a spent query budget`] : []),
      ...(health.failures ? [`${health.failures} of ${health.polls} health polls failed`] : []),
      ...(alive ? [] : ['the server did not answer at the end']),
      ...(peakRssMb !== null && peakRssMb > RSS_LIMIT_MB ? [`peak RSS ${peakRssMb} MB over ${RSS_LIMIT_MB} MB`] : []),
    ];
    console.log(JSON.stringify({
      demo: { days: Number(values.days), ticketsPerDay: Number(values['tickets-per-day']) }, queryBudgetMs: values['budget-ms'] ?? 'default',
      seconds: Math.round(fuzzSeconds * 10) / 10, concurrency: CONCURRENCY, seed: Number(values.seed),
      cases: {
        total: cases.length, sent, operations: operations.length, operationsWithParameters: new Set(cases.map((c) => c.op.key)).size,
        operationsReached: new Set(cases.slice(0, sent).map((c) => c.op.key)).size,
        targets: new Set(cases.map(target)).size, targetsReached: new Set(cases.slice(0, sent).map(target)).size,
      },
      requests: sent, requestsPerSecond: Math.round(sent / fuzzSeconds), byClass, byStatus,
      latencyMs: { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? null }, slowest,
      budget503, serverErrors,
      health: { everyMs: HEALTH_EVERY_MS, timeoutMs: HEALTH_TIMEOUT_MS, ...health },
      rssMb: { before: before.rss, maxSampled: maxRssMb, peak: peakRssMb, limit: RSS_LIMIT_MB, overTime: rssOverTime },
      aliveAtEnd: alive,
      ...(alive ? {} : { serverStderrTail: server.stderr().slice(-3000) }),
      verdict: { ok: reasons.length === 0, reasons },
    }, null, 2));
    if (reasons.length) process.exitCode = 1;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
