// Routing from a risk alert (issue 20 §1), on a real server: a complaint spike for one product ingested
// over HTTP fires the product alert; its routing proposal previews without writing, `deskpulse alerts
// propose-route --apply` (through the server, with a planner's token) writes a version whose rules send
// a new complaint about that product to the chosen team — checked with the rules' own SQL matcher on
// the ticket the server derived — and rolling back to the version before restores the file byte for
// byte. Refused: an unknown alert, a team alert, an unknown team, managers applying, team leads.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { queueMatchParams, queueMatchSql } from '../../../forecasting/series/queue-match-sql.ts';
import { startServer, type E2eServer } from '../../e2e/support/e2e-server.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';
import { startReceiver, type Receiver } from '../notify/receiver.ts';

let server: E2eServer;
let receiver: Receiver;
let rulesPath: string;
let original: string;

const SPIKE = 'complaint-spike:product=laptop';
const TEAM_ALERT = 'complaint-volume:team=escalations';

async function call(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  return { status: response.status, body: await response.json() };
}
const preview = (alert: string, team: string, token = server.tokens.admin!) =>
  call(`/api/alerts/${encodeURIComponent(alert)}/route-proposal?team=${team}`, token);
const apply = (alert: string, team: string, token = server.tokens.admin!) =>
  call(`/api/alerts/${encodeURIComponent(alert)}/route-proposal`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ team }) });

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}\n${server.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The CLI as a user runs it beside the server: DESKPULSE_TOKEN is the token it acts with. */
function cli(args: string[], token?: string): { status: number | null; stdout: string; stderr: string } {
  assertFreshServerBuild();
  return spawnSync('node', ['bin/deskpulse.js', ...args, '--db', server.db, '--config', server.config], {
    encoding: 'utf8', env: { ...process.env, DESKPULSE_PII_KEY: 'e2e', ...(token ? { DESKPULSE_TOKEN: token } : {}) },
  });
}

const event = (fields: Record<string, unknown>) => JSON.stringify({ type: 'created', channel: 'phone', problem_type: 'complaint', team_id: 'escalations', priority: 'normal', ...fields });

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({
    admin: { role: 'admin' }, planner: { role: 'planner' }, manager: { role: 'manager' },
    lead: { role: 'team_lead', teams: ['escalations'] }, other: { role: 'team_lead', teams: ['logistics'] },
  }, { days: 10, ticketsPerDay: 40 }, { DESKPULSE_ALERT_INTERVAL_MS: '1500' });
  rulesPath = join(dirname(server.config), 'dispatch-rules.yaml');
  original = readFileSync(rulesPath, 'utf8');
  appendFileSync(server.config, `
notify:
  ops: { type: webhook, url: ${receiver.url}/ops }
alerts:
  - id: complaint-spike
    kind: anomaly
    metric: volume
    filter: { problem_type: [complaint] }
    by: [product]
    window: 2h
    notify: [ops]
  - id: complaint-volume
    kind: threshold
    metric: volume
    above: 3
    window: 1h
    by: [team]
    filter: { problem_type: [complaint] }
    notify: [ops]
`);
  const now = Date.now();
  const lines = Array.from({ length: 12 }, (_, i) => event({ event_id: `spike-${i}`, ticket_id: `SPIKE-${i}`, product: 'laptop',
    occurred_at: new Date(now - (40 - i * 3) * 60_000).toISOString() }));
  const posted = await call('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
  expect(posted.body.accepted).toBe(12);
  await waitFor('both alerts firing', async () => {
    const ids = (await call('/api/alerts', server.tokens.admin!)).body.alerts.map((a: any) => a.alert_id);
    return ids.includes(SPIKE) && ids.includes(TEAM_ALERT) ? true : undefined;
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

/** The dispatch-rule queues in file order, the first whose match (the rules' own SQL test) takes this ticket. */
async function routedQueue(rulesText: string, ticket: Record<string, unknown>): Promise<string | null> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE tickets AS SELECT $problem_type AS problem_type, $problem_subtype AS problem_subtype, $channel AS channel,
      $team AS created_team_id, $product AS product, $region AS region, $priority AS priority`, {
      problem_type: ticket.problem_type as string, problem_subtype: (ticket.problem_subtype as string | null) ?? null, channel: ticket.channel as string,
      team: ticket.team as string, product: ticket.product as string, region: (ticket.region as string | null) ?? null, priority: ticket.priority as string,
    });
    for (const q of readDispatchRules(rulesText, 'dispatch-rules.yaml').queues) {
      const { values, types } = queueMatchParams(q.match);
      if ((await db.runAndReadAll(`SELECT count(*) FROM tickets WHERE ${queueMatchSql()}`, values, types)).getRows()[0]![0] === 1n) return q.id;
    }
    return null;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

describe('alerts propose-route', () => {
  it('the preview says what changes and where these tickets go, and writes nothing', async () => {
    const { status, body } = await preview(SPIKE, 'quality');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      dryRun: true, changed: true, versionId: null, appliedBy: 'admin (admin)', path: 'dispatch-rules.yaml',
      takenBy: { queue: 'escalations' },
      change: { kind: 'add-queue', queue: 'quality-products', match: { problem_type: ['complaint'], product: ['laptop'] }, skills: ['quality'], ahead: { queue: 'escalations' } },
    });
    expect(body.lines.en[0]).toMatch(/^New queue Product quality: routed products \(quality-products\) at line \d+, ahead of Complaints & escalations \(escalations\): matches problem type .+, product .+\.$/);
    expect(body.lines.en.join('\n')).toContain('go today to: Complaints & escalations (escalations); after: Product quality: routed products (quality-products), team Product quality (quality)');
    expect(body.lines.zh[0]).toMatch(/^新增队列 质量问题：专项产品，第 \d+ 行，排在 投诉升级 之前/);
    expect(body.diff).toContain('+  - id: quality-products');
    expect(JSON.stringify(body)).not.toContain(dirname(server.config)); // no server path

    // The CLI beside the server asks it, with the planner's token, and prints the same preview.
    const run = cli(['alerts', 'propose-route', SPIKE, '--team', 'quality'], server.tokens.planner);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`alert ${SPIKE} (firing)`);
    expect(run.stdout).toContain('previewed by planner (planner), dispatch-rules.yaml:');
    expect(run.stdout).toContain(`  ${body.lines.en[0]}`);
    expect(run.stderr).toContain('preview; nothing was written (add --apply to write it)');
    expect(readFileSync(rulesPath, 'utf8')).toBe(original);
    expect((await call('/api/dispatch-rules/versions', server.tokens.admin!)).body.rows).toEqual([]);
  }, 60_000);

  it('refusals: unknown alert, a team alert, an unknown team, a manager applying, team leads', async () => {
    expect(await preview('no-such-alert', 'quality')).toMatchObject({ status: 404, body: { message: expect.stringContaining('no alert "no-such-alert"') } });
    const team = await preview(TEAM_ALERT, 'quality');
    expect(team.status).toBe(409);
    expect(team.body.message).toContain('is not about a product or region (its group: team=escalations)');
    const unknown = await preview(SPIKE, 'nobody');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('unknown team "nobody"; the config\'s teams are returns, logistics, quality, install, presales, escalations');
    expect((await preview(SPIKE, 'quality', server.tokens.manager)).status).toBe(200);
    const managerApply = await apply(SPIKE, 'quality', server.tokens.manager);
    expect(managerApply.status).toBe(403);
    expect(managerApply.body.label.zh).toBe('您可以预览此分派调整；分派规则由计划员或管理员应用。');
    const lead = await preview(SPIKE, 'quality', server.tokens.lead);
    expect(lead.status).toBe(403);
    expect(lead.body.message).toContain('team leads do not change the dispatch rules');
    expect((await apply(SPIKE, 'quality', server.tokens.other)).status).toBe(404); // not their team's alert: not found, as on the Alerts API
    const cliRefused = cli(['alerts', 'propose-route', SPIKE, '--team', 'quality', '--apply'], server.tokens.manager);
    expect(cliRefused.status).not.toBe(0);
    expect(cliRefused.stderr).toContain('the manager role may preview a routing change but not apply it');
    expect(readFileSync(rulesPath, 'utf8')).toBe(original);
  }, 60_000);

  it('--apply writes a version routing a new complaint about that product to the team; rollback restores the file', async () => {
    const run = cli(['alerts', 'propose-route', SPIKE, '--team', 'quality', '--apply'], server.tokens.planner);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('applied by planner (planner), dispatch-rules.yaml:');
    const [, version, previous] = /recorded as dispatch-rules version (\d+); undo: deskpulse dispatch-rules rollback (\d+)/.exec(run.stderr) ?? [];
    expect(Number(version)).toBe(Number(previous) + 1);
    const applied = readFileSync(rulesPath, 'utf8');
    expect(applied).toContain('  - id: quality-products\n');

    // A new complaint about the laptop, as the server derives it, goes to the team's queue; others keep theirs.
    const at = new Date().toISOString();
    await call('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' },
      body: [event({ event_id: 'new-1', ticket_id: 'NEW-1', product: 'laptop', occurred_at: at }), event({ event_id: 'new-2', ticket_id: 'NEW-2', product: 'earbuds', occurred_at: at })].join('\n') });
    const ticket = async (id: string) => {
      const { body } = await call(`/api/tickets/${id}`, server.tokens.admin!);
      return body.rows[0] as Record<string, unknown>;
    };
    const laptop = await ticket('NEW-1');
    expect(await routedQueue(applied, laptop)).toBe('quality-products');
    expect(await routedQueue(original, laptop)).toBe('escalations');
    expect(await routedQueue(applied, await ticket('NEW-2'))).toBe('escalations');
    const routed = readDispatchRules(applied, 'x').queues.find((q) => q.id === 'quality-products')!;
    expect(routed).toMatchObject({ strategy: 'skill_match', skills: ['quality'] });

    // The history names it; applying again changes nothing.
    const history = (await call('/api/dispatch-rules/versions', server.tokens.admin!)).body.rows;
    expect(history.map((r: any) => [r.version, r.applied_by, r.model, r.queues])).toEqual([
      [Number(version), 'planner (planner)', `alert-route: product=laptop -> quality (alert ${SPIKE})`, 'quality-products'],
      [Number(previous), 'planner (planner)', 'as-found', ''],
    ]);
    const again = await apply(SPIKE, 'quality');
    expect(again.body).toMatchObject({ changed: false, versionId: null, change: null });
    expect(again.body.lines.en[0]).toContain('Nothing to change: the dispatch rules already send these tickets');

    const rolledBack = await call(`/api/dispatch-rules/versions/${previous}/rollback`, server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(rolledBack.body).toMatchObject({ changed: true, restored: Number(previous) });
    expect(readFileSync(rulesPath, 'utf8')).toBe(original);
  }, 60_000);

  it('without a server the CLI opens the file as its owner; the history names the route', async () => {
    await server.stop();
    const history = cli(['dispatch-rules', 'history']);
    expect(history.status, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/v\d+ .* planner \(planner\)\s+route product laptop to team quality in queue quality-products \(alert complaint-spike:product=laptop\)/);
    const run = cli(['alerts', 'propose-route', SPIKE, '--team', 'install', '--who', 'Lin Wei']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('previewed by Lin Wei, dispatch-rules.yaml:');
    expect(run.stdout).toContain('New queue Installation & repair: routed products (install-products)');
    const refused = cli(['alerts', 'propose-route', TEAM_ALERT, '--team', 'install']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`alert "${TEAM_ALERT}" is not about a product or region`);
  }, 60_000);
});
