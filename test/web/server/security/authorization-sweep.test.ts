// The authorization sweep of issue 15: every operation in the OpenAPI document x every role (and no
// token), sent to one real `deskpulse serve` on a small demo. Expected statuses come from
// ROUTE_ROLES, written from the route files: a route whose roles change, or a new route, fails here
// until this table says so. Team leads' answers (JSON, CSV, XLSX, Arrow) must hold no other team's team,
// agent or ticket ids; planners get no per-agent figures; no answer is a 5xx.
import { dirname, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARROW_STREAM, XLSX_TYPE } from '../../../../web/server/tabular/send-table.ts';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';
import { fillPath, readOperations, requiredQuery, type Operation } from './openapi-operations.ts';
import { KNOWN_RATING_DIMENSIONS } from '../../../../warehouse/metrics/rating-dimensions.ts';

type Role = 'admin' | 'manager' | 'team_lead' | 'planner' | 'ingest';
type Caller = Role | 'none';
const ROLES: Role[] = ['admin', 'manager', 'team_lead', 'planner', 'ingest'];
const LEAD_TEAMS = ['returns'];

/** auth-plugin.ts DEFAULT_ROLES: a route that names no roles. */
const READERS: Role[] = ['admin', 'manager', 'team_lead', 'planner'];
/** auth/people-roles.ts: agents and tickets one by one. */
const PEOPLE: Role[] = ['admin', 'manager', 'team_lead'];
/** routes/forecast.ts PLANNING_ROLES. */
const PLANNING: Role[] = ['admin', 'manager', 'planner'];
const PUBLIC = 'public';

/** Who may call each operation, read from the route files (config.roles, else READERS). */
const ROUTE_ROLES: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /api/health': PUBLIC,
  'POST /api/events': ['admin', 'ingest'],
  'POST /api/session': PUBLIC,
  'DELETE /api/session': PUBLIC,
  'GET /api/me': READERS,
  'GET /api/views': READERS,
  'POST /api/views': READERS,
  'GET /api/views/{view}': READERS,
  'POST /api/views/default': READERS,
  'DELETE /api/views/{view}': READERS,
  'GET /api/tokens': ['admin'],
  'POST /api/tokens': ['admin'],
  'DELETE /api/tokens/{id}': ['admin'],
  'GET /api/ingest-runs': ['admin', 'manager'],
  'GET /api/quarantine': ['admin', 'manager'],
  'GET /api/quarantine/reasons': ['admin', 'manager'],
  'GET /api/ingest-runs/rate': ['admin', 'manager'],
  'GET /api/metrics': READERS,
  'GET /api/labels': READERS,
  'GET /api/overview': READERS,
  'GET /api/timeseries': READERS,
  'GET /api/annotations': READERS,
  'GET /api/breakdown': READERS,
  'GET /api/heatmap': READERS,
  'GET /api/frt-buckets': READERS,
  'GET /api/status-times': READERS,
  'GET /api/step-on-time': READERS,
  'GET /api/reply-times': READERS,
  'GET /api/backlog': READERS,
  'GET /api/agents': PEOPLE,
  'GET /api/agents/{agent}': PEOPLE,
  'GET /api/agents/{agent}/tickets': PEOPLE,
  'GET /api/agents/{agent}/scorecard': PEOPLE,
  'GET /api/alerts': PEOPLE,
  'GET /api/alerts/history': PEOPLE,
  'POST /api/alerts/{id}/ack': PEOPLE,
  'POST /api/alerts/{id}/silence': PEOPLE,
  'GET /api/alerts/reports': PEOPLE,
  // alert-routing.ts: every reader reaches the handler, which refuses team leads (403, or 404 for others' alerts) and managers applying (403).
  'GET /api/alerts/{id}/route-proposal': READERS,
  'POST /api/alerts/{id}/route-proposal': READERS,
  'GET /api/tickets': PEOPLE,
  'GET /api/tickets/{ticket}': PEOPLE,
  'GET /api/tickets/{ticket}/events': PEOPLE,
  'GET /api/tickets/{ticket}/sla': PEOPLE,
  'GET /api/problems': READERS,
  'GET /api/problems/subtypes': READERS,
  'GET /api/problems/trend': READERS,
  'GET /api/problems/heatmap': READERS,
  'GET /api/problems/complaint-review': PEOPLE,
  'GET /api/satisfaction': READERS,
  'GET /api/satisfaction/trend': READERS,
  'GET /api/satisfaction/by': READERS,
  'GET /api/satisfaction/dimensions': READERS,
  'GET /api/satisfaction/low-ratings': PEOPLE,
  'GET /api/live': READERS,
  'GET /api/live/agents': PEOPLE,
  'GET /api/live/agent-states': PEOPLE,
  'GET /api/live/waiting': PEOPLE,
  'GET /api/live/breaching': PEOPLE,
  'GET /api/forecast': PLANNING,
  'POST /api/forecast/runs': ['admin', 'planner'],
  'GET /api/forecast/accuracy': PLANNING,
  'GET /api/staffing': PLANNING,
  'GET /api/staffing/simulation': PLANNING,
  'GET /api/dispatch-rules/diff': PLANNING,
  'POST /api/dispatch-rules/apply': ['admin', 'planner'],
  'GET /api/dispatch-rules/versions': PLANNING,
  'GET /api/dispatch-rules/versions/{version}': PLANNING,
  'POST /api/dispatch-rules/versions/{version}/rollback': ['admin', 'planner'],
};

/** Routes with `config.planExport`: planners may download these as CSV/XLSX, no other (tabular/send-table.ts). */
const PLANNER_EXPORTS = ['GET /api/forecast', 'GET /api/forecast/accuracy', 'GET /api/staffing', 'GET /api/dispatch-rules/versions'];

/** Routes whose `by` can group per agent. */
const BY_AGENT = ['GET /api/breakdown', 'GET /api/satisfaction/by'];

/** /api/labels names every team of the config (not of the data) for the screens; its team ids are no leak. */
const NAMES_CONFIG_TEAMS = 'GET /api/labels';
/** CSAT per rating dimension names its dimensions: the demo's "quality" is a rating dimension and a team. */
const NAMES_RATING_DIMENSIONS = 'GET /api/satisfaction/dimensions';

interface Request { method: string; headers?: Record<string, string>; body?: string }

/**
 * Each write is sent with a body the server refuses (or, for the session, one that changes nothing
 * others see), after every read, in this order: the sweep leaves the warehouse as it found it.
 */
const WRITES: Record<string, (caller: Caller, token: string | undefined) => { request: Request; allowed: number[] }> = {
  'POST /api/events': () => ({ request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not events' }, allowed: [400, 415] }),
  'POST /api/tokens': () => ({ request: json('POST', { role: 'superuser' }), allowed: [400] }),
  'DELETE /api/tokens/{id}': () => ({ request: { method: 'DELETE' }, allowed: [404] }),
  'POST /api/forecast/runs': () => ({ request: json('POST', { interval: '7m' }), allowed: [400] }),
  'POST /api/dispatch-rules/apply': () => ({ request: json('POST', { volume_factor: 0 }), allowed: [400] }),
  'POST /api/dispatch-rules/versions/{version}/rollback': () => ({ request: json('POST', { dryRun: true, undo: 1 }), allowed: [400] }),
  'POST /api/session': (caller, token) => caller === 'none'
    ? { request: json('POST', {}), allowed: [400] } : { request: json('POST', { token }), allowed: [200] },
  'DELETE /api/session': () => ({ request: { method: 'DELETE' }, allowed: [204] }),
  'POST /api/views': () => ({ request: json('POST', { name: 'sweep', path: 'not-a-path', search: '' }), allowed: [400] }),
  'POST /api/views/default': () => ({ request: json('POST', { id: 'v_sweep_none' }), allowed: [404] }),
  'DELETE /api/views/{view}': () => ({ request: { method: 'DELETE' }, allowed: [404] }),
  'POST /api/alerts/{id}/ack': () => ({ request: json('POST', {}), allowed: [404] }),
  'POST /api/alerts/{id}/silence': () => ({ request: json('POST', { for: 'forever' }), allowed: [400] }),
  // No alert on the sweep's server: found by nobody; a manager may not apply whichever it is.
  'POST /api/alerts/{id}/route-proposal': (caller) => ({ request: json('POST', { team: 'quality' }), allowed: caller === 'manager' ? [403] : [404] }),
};

/** GET routes on an alert: the sweep's server has none, so every caller the route allows gets 404. */
const ON_AN_ALERT = ['GET /api/alerts/{id}/route-proposal'];

function json(method: string, body: unknown): Request {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

interface Probe {
  op: string;
  caller: Caller;
  url: string;
  request?: Request;
  /** The statuses a caller whom the route allows may get. */
  allowed: number[];
  /** A planner asking for per-agent figures (issue 15, defect 4): 403 whatever the route's roles. */
  perAgent?: boolean;
  /** The numeric query parameter sent a value beyond any number (1e999). */
  infinite?: string;
}

interface Answer {
  probe: Probe; status: number; contentType: string; body: string;
  /** Every text of a 2xx answer, whatever its format (see valuesOf). */
  values: string[];
}

interface Ids {
  ownAgent: string; otherAgent: string; ownTicket: string; otherTicket: string; otherTeam: string;
  foreign: { teams: Set<string>; agents: Set<string>; tickets: Set<string> };
  allAgents: Set<string>; allTickets: Set<string>;
}

let server: E2eServer;
let operations: Operation[];
let ids: Ids;
let answers: Answer[];

const describeProbe = (a: Answer) => `${a.probe.request?.method ?? 'GET'} ${a.probe.url} as ${a.probe.caller} -> ${a.status}`;

async function send(probe: Probe): Promise<Answer> {
  const token = probe.caller === 'none' ? undefined : server.tokens[probe.caller];
  const response = await fetch(`${server.url}${probe.url}`, {
    method: probe.request?.method ?? 'GET', body: probe.request?.body,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...probe.request?.headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get('content-type') ?? '';
  return { probe, status: response.status, contentType, body: bytes.toString('utf8'), values: response.ok ? await valuesOf(contentType, bytes) : [] };
}

async function adminGet<T>(url: string): Promise<T> {
  const answer = await send({ op: 'setup', caller: 'admin', url, allowed: [200] });
  if (answer.status !== 200) throw new Error(`${describeProbe(answer)}: ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

type Row = Record<string, unknown>;

/** The demo's teams, agents and tickets as the admin sees them, split into the lead's and the others'. */
async function collectIds(): Promise<Ids> {
  const labels = await adminGet<{ labels: Record<string, Record<string, unknown>> }>('/api/labels');
  const teams = new Set([...Object.keys(labels.labels.team ?? {}),
    ...(await adminGet<{ rows: Row[] }>('/api/breakdown?by=team')).rows.map((r) => String(r.value))]);
  const agents = (await adminGet<{ rows: Row[] }>('/api/agents')).rows.map((r) => ({ agent: String(r.agent), team: String(r.team) }));
  // The lead may see every agent with a trace in the lead's teams, helpers of other teams too (the
  // demo's roster is sized to its volume, so small teams lean on them): the admin's agents of those teams.
  const helping = (await adminGet<{ rows: Row[] }>(`/api/agents?${LEAD_TEAMS.map((t) => `team=${t}`).join('&')}`)).rows.map((r) => String(r.agent));
  const ownAgents = new Set([...agents.filter((a) => LEAD_TEAMS.includes(a.team)).map((a) => a.agent), ...helping]);
  const tickets = new Map<string, Row>();
  const keep = (rows: Row[]) => rows.forEach((r) => tickets.set(String(r.ticket_id), r));
  for (const { agent } of agents) keep((await adminGet<{ rows: Row[] }>(`/api/agents/${agent}/tickets?page_size=500`)).rows);
  keep((await adminGet<{ rows: Row[] }>('/api/satisfaction/low-ratings?page_size=500')).rows);
  keep((await adminGet<{ rows: Row[] }>('/api/live/breaching')).rows);
  const isOwn = (r: Row) => LEAD_TEAMS.includes(String(r.team));
  const untransferred = [...tickets.values()].filter((r) => r.transfer_count === 0);
  // A team id that is also another dimension's value (the demo's problem type "logistics") proves nothing when found.
  const otherValues = new Set(Object.entries(labels.labels).filter(([d]) => d !== 'team').flatMap(([, v]) => Object.keys(v)));
  const foreign = {
    teams: new Set([...teams].filter((t) => !LEAD_TEAMS.includes(t) && !otherValues.has(t))),
    agents: new Set(agents.map((a) => a.agent).filter((a) => !ownAgents.has(a))),
    tickets: new Set([...tickets.values()].filter((r) => !isOwn(r)).map((r) => String(r.ticket_id))),
  };
  const first = <T>(what: string, values: T[]): T => {
    if (values[0] === undefined) throw new Error(`the demo has no ${what}`);
    return values[0];
  };
  const otherAgent = first('agent of another team', [...foreign.agents]);
  return {
    ownAgent: first('agent of the lead\'s team', [...ownAgents]), otherAgent,
    ownTicket: String(first('untransferred ticket of the lead\'s team', untransferred.filter(isOwn)).ticket_id),
    otherTicket: String(first('untransferred ticket of another team', untransferred.filter((r) => !isOwn(r))).ticket_id),
    otherTeam: agents.find((a) => a.agent === otherAgent)!.team,
    foreign, allAgents: new Set(agents.map((a) => a.agent)), allTickets: new Set(tickets.keys()),
  };
}

function probesFor(op: Operation): Probe[] {
  const query = (extra: Record<string, string> = {}) => {
    const text = new URLSearchParams({ ...requiredQuery(op), ...extra }).toString();
    return text ? `?${text}` : '';
  };
  const has = (name: string) => op.query.some((p) => p.name === name);
  const variants = op.pathParameters.includes('agent') ? [{ own: true, path: { agent: ids.ownAgent } }, { own: false, path: { agent: ids.otherAgent } }]
    : op.pathParameters.includes('ticket') ? [{ own: true, path: { ticket: ids.ownTicket } }, { own: false, path: { ticket: ids.otherTicket } }]
      // No dispatch-rules version exists on the sweep's server: those allowed get 404, the others 401/403.
      : op.pathParameters.includes('version') ? [{ own: true, path: { version: '1' } }]
        // No saved view exists on the sweep's server either.
        : op.pathParameters.includes('view') ? [{ own: true, path: { view: 'v_sweep_none' } }]
          : [{ own: true, path: { id: 'sweep-no-such-token' } }];
  const probes: Probe[] = [];
  for (const caller of [...ROLES, 'none' as const]) {
    const token = caller === 'none' ? undefined : server.tokens[caller];
    for (const { own, path } of variants) {
      const url = fillPath(op.path, path);
      if (op.method !== 'GET') {
        const write = WRITES[op.key];
        if (!write) throw new Error(`${op.key} writes: add a refused or harmless request for it to WRITES`);
        probes.push({ op: op.key, caller, url, ...write(caller, token) });
        continue;
      }
      const allowed = op.pathParameters.includes('version') || op.pathParameters.includes('view') || ON_AN_ALERT.includes(op.key) ? [404]
        : own || caller !== 'team_lead' ? [200] : [403];
      probes.push({ op: op.key, caller, url: url + query(), allowed });
      const exportAllowed = caller === 'planner' && !PLANNER_EXPORTS.includes(op.key) ? [403] : allowed;
      if (has('format')) probes.push({ op: op.key, caller, url: url + query({ format: 'csv' }), allowed: exportAllowed });
      // Every export format for team leads, whose answers are searched for ids (and for the admin, once, to prove the search finds them).
      if (has('format') && (caller === 'team_lead' || (caller === 'admin' && op.key === 'GET /api/agents'))) {
        probes.push({ op: op.key, caller, url: url + query({ format: 'xlsx' }), allowed });
        probes.push({ op: op.key, caller, url: url + query(), request: { method: 'GET', headers: { accept: ARROW_STREAM } }, allowed });
      }
    }
  }
  // The router decodes the path: `/%61pi/...` reaches the same route, and must meet the same guard.
  probes.push(...probes.filter((p) => p.caller === 'none').map((p) => ({ ...p, url: p.url.replace(/^\/api\//, '/%61pi/') })));
  if (op.method !== 'GET') return probes;
  const url = fillPath(op.path, variants[0]!.path);
  if (has('agent')) {
    probes.push({ op: op.key, caller: 'planner', url: url + query({ agent: ids.ownAgent }), allowed: [200], perAgent: true });
    probes.push({ op: op.key, caller: 'team_lead', url: url + query({ agent: ids.otherAgent }), allowed: [200, 403] });
    probes.push({ op: op.key, caller: 'admin', url: url + query({ agent: ids.otherAgent }), allowed: [200] });
  }
  if (has('team') && !ON_AN_ALERT.includes(op.key)) probes.push({ op: op.key, caller: 'team_lead', url: url + query({ team: ids.otherTeam }), allowed: [200, 403] });
  // Ajv coerces "1e999" to Infinity, which passes minimum and maximum (found by `npm run bench -- fuzz`).
  for (const { name } of op.query.filter((p) => p.schema.type === 'integer' || p.schema.type === 'number')) {
    probes.push({ op: op.key, caller: 'admin', url: url + query({ [name]: '1e999' }), allowed: [400], infinite: name });
  }
  if (BY_AGENT.includes(op.key)) {
    probes.push({ op: op.key, caller: 'planner', url: url + query({ by: 'agent' }), allowed: [200], perAgent: true });
    for (const caller of ['team_lead', 'admin'] as const) {
      probes.push({ op: op.key, caller, url: url + query({ by: 'agent' }), allowed: [200] });
      probes.push({ op: op.key, caller, url: url + query({ by: 'agent', format: 'csv' }), allowed: [200] });
    }
  }
  return probes;
}

/** Sends `probes` with `concurrency` requests in flight, answers in the probes' order. */
async function sendAll(probes: Probe[], concurrency: number): Promise<Answer[]> {
  const out: Answer[] = new Array(probes.length);
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const i = next++;
      out[i] = await send(probes[i]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** The cells of a CSV text (quotes undone), in order. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') cell += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n' || c === '\r') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

/** Every key and string value of a JSON document. */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => jsonStrings(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  }
  return out;
}

/** Every text an answer holds: JSON keys and strings, CSV and XLSX cells, Arrow field names and values. */
async function valuesOf(contentType: string, bytes: Buffer): Promise<string[]> {
  if (contentType.includes('json')) return jsonStrings(JSON.parse(bytes.toString('utf8')));
  if (contentType.includes('text/csv')) return csvCells(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  if (contentType.includes(XLSX_TYPE)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(cell.text); })));
    return cells;
  }
  if (contentType.includes(ARROW_STREAM)) {
    const table = tableFromIPC(bytes);
    return [...table.schema.fields.map((f) => f.name),
      ...table.toArray().flatMap((row: { toJSON(): Record<string, unknown> }) => Object.values(row.toJSON()).map(String))];
  }
  return bytes.length ? [bytes.toString('utf8')] : [];
}

/** Which of `ids` the answer holds: team ids as whole values, agent and ticket ids also inside text (event ids, messages). */
function idsIn(a: Answer, teams: Set<string>, others: Set<string>[]): string[] {
  const found = new Set<string>();
  for (const value of a.values) {
    if (teams.has(value)) found.add(value);
    for (const word of value.split(/[^A-Za-z0-9_]+/)) if (others.some((s) => s.has(word))) found.add(word);
  }
  return [...found];
}

const rolesOf = (op: string) => ROUTE_ROLES[op];
const allows = (op: string, caller: Caller) => rolesOf(op) === PUBLIC || (caller !== 'none' && (rolesOf(op) as readonly Role[]).includes(caller));
const ok = (a: Answer) => a.status >= 200 && a.status < 300;

beforeAll(async () => {
  server = await startServer({ admin: { role: 'admin' } }, { days: 10, ticketsPerDay: 40 });
  // The other tokens through the admin's API: one CLI start each would cost seconds.
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const made = await send({ op: 'setup', caller: 'admin', url: '/api/tokens', allowed: [201],
      request: json('POST', { role, name: `sweep ${role}`, ...(role === 'team_lead' ? { teams: LEAD_TEAMS } : {}) }) });
    if (made.status !== 201) throw new Error(`${describeProbe(made)}: ${made.body.slice(0, 300)}`);
    server.tokens[role] = (JSON.parse(made.body) as { token: string }).token;
  }
  operations = await readOperations(server.url);
  ids = await collectIds();
  const known = operations.filter((op) => ROUTE_ROLES[op.key]);
  const probes = known.flatMap(probesFor);
  // One wrong token (not a run of them: the failed-authentication limit must not trip).
  probes.push({ op: 'GET /api/overview', caller: 'none', url: '/api/overview', request: { method: 'GET', headers: { authorization: `Bearer dp_000000000000_${'x'.repeat(43)}` } }, allowed: [] });
  const writeOrder = Object.keys(WRITES);
  const writes = probes.filter((p) => p.request && p.request.method !== 'GET')
    .sort((a, b) => writeOrder.indexOf(a.op) - writeOrder.indexOf(b.op));
  answers = [...await sendAll(probes.filter((p) => !writes.includes(p)), 4), ...await sendAll(writes, 1)];
}, 120_000);
afterAll(async () => { await server?.stop(); });

describe('authorization sweep: every route x every role against a real server', () => {
  it('knows every route the OpenAPI document lists, and lists none it does not', () => {
    expect(operations.map((op) => op.key).filter((key) => !ROUTE_ROLES[key])).toEqual([]);
    expect(Object.keys(ROUTE_ROLES).filter((key) => !operations.some((op) => op.key === key))).toEqual([]);
    expect(answers.length).toBeGreaterThan(300);
  });

  it('never answers 5xx', () => {
    expect(answers.filter((a) => a.status >= 500).map((a) => `${describeProbe(a)}: ${a.body.slice(0, 200)}`)).toEqual([]);
  });

  it('answers 401 without a valid token, except on the public routes', () => {
    const none = answers.filter((a) => a.probe.caller === 'none');
    expect(none.filter((a) => (rolesOf(a.probe.op) === PUBLIC ? a.status === 401 : a.status !== 401)).map(describeProbe)).toEqual([]);
    expect(none.filter((a) => rolesOf(a.probe.op) !== PUBLIC).length).toBeGreaterThan(30);
    expect(none.filter((a) => a.probe.url.startsWith('/%61pi/') && rolesOf(a.probe.op) !== PUBLIC).length).toBeGreaterThan(30);
  });

  it('answers 403 to every role a route does not allow', () => {
    const refused = answers.filter((a) => a.probe.caller !== 'none' && !allows(a.probe.op, a.probe.caller));
    expect(refused.filter((a) => a.status !== 403).map(describeProbe)).toEqual([]);
    expect(new Set(refused.map((a) => a.probe.caller))).toEqual(new Set(['manager', 'team_lead', 'planner', 'ingest']));
  });

  it('answers the roles a route allows as expected (team leads 403 for another team\'s agent or ticket)', () => {
    const granted = answers.filter((a) => allows(a.probe.op, a.probe.caller) && !a.probe.perAgent);
    expect(granted.filter((a) => !a.probe.allowed.includes(a.status)).map((a) => `${describeProbe(a)}: ${a.body.slice(0, 200)}`)).toEqual([]);
    const agentPages = granted.filter((a) => a.probe.caller === 'team_lead' && a.probe.url.startsWith(`/api/agents/${ids.otherAgent}`));
    expect(agentPages.map((a) => a.status)).toContain(403);
  });

  it('gives team leads no other team\'s team, agent or ticket ids, in JSON, CSV, XLSX or Arrow', () => {
    const lead = answers.filter((a) => a.probe.caller === 'team_lead' && ok(a));
    const { teams, agents, tickets } = ids.foreign;
    // the demo's roster is sized to its volume: each other team has agents, however few
    expect([teams.size, agents.size >= teams.size, tickets.size > 100]).toEqual([4, true, true]);
    const teamsOf = (op: string) => (op === NAMES_CONFIG_TEAMS ? new Set<string>()
      : op === NAMES_RATING_DIMENSIONS ? new Set([...teams].filter((t) => !(KNOWN_RATING_DIMENSIONS as readonly string[]).includes(t))) : teams);
    const leaks = lead.map((a) => [describeProbe(a), idsIn(a, teamsOf(a.probe.op), [agents, tickets])] as const)
      .filter(([, found]) => found.length > 0).map(([what, found]) => `${what}: ${found.slice(0, 10).join(', ')}`);
    expect(leaks).toEqual([]);
    // The check can fail: the admin's same answers hold those ids.
    for (const type of ['json', 'text/csv', XLSX_TYPE, ARROW_STREAM]) {
      expect(lead.filter((a) => a.contentType.includes(type)).length, type).toBeGreaterThan(10);
      const admin = answers.filter((a) => a.probe.caller === 'admin' && ok(a) && a.probe.op === 'GET /api/agents' && a.contentType.includes(type));
      expect(Math.max(0, ...admin.map((a) => idsIn(a, teams, [agents]).length)), type).toBeGreaterThan(5);
    }
  });

  it('refuses planners per-agent figures (by=agent, agent=) and shows them no agent or ticket id', () => {
    const planner = answers.filter((a) => a.probe.caller === 'planner');
    const perAgent = planner.filter((a) => a.probe.perAgent);
    expect(perAgent.length).toBeGreaterThan(20);
    const shown = planner.filter(ok).map((a) => [describeProbe(a), idsIn(a, new Set(), [ids.allAgents, ids.allTickets])] as const)
      .filter(([, found]) => found.length > 0).map(([what, found]) => `${what}: holds ${found.slice(0, 10).join(', ')}`);
    expect([...perAgent.filter((a) => a.status !== 403).map(describeProbe), ...shown]).toEqual([]);
  });

  it('refuses 1e999 in every numeric query parameter with 400 naming it', () => {
    const infinite = answers.filter((a) => a.probe.infinite);
    expect(infinite.length).toBeGreaterThan(20);
    expect(infinite.filter((a) => a.status !== 400 || (JSON.parse(a.body) as { field?: string }).field !== a.probe.infinite)
      .map((a) => `${describeProbe(a)}: ${a.body.slice(0, 200)}`)).toEqual([]);
  });

  it('shows no server path to anyone but an admin', () => {
    const paths = [dirname(server.db), `${resolve('.')}/`];
    expect(answers.filter((a) => a.probe.caller !== 'admin' && paths.some((p) => a.body.includes(p)))
      .map((a) => `${describeProbe(a)}: ${a.body.slice(0, 200)}`)).toEqual([]);
  });
});
