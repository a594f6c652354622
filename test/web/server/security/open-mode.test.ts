// Issue 15, defect 3: open mode (`serve --open`) on a real demo server takes no events and makes,
// lists or revokes no tokens, so nothing minted while it ran works after a restart without --open.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, serveWarehouse, startServer, type E2eServer, type Served } from '../../../e2e/support/e2e-server.ts';

const EVENT = JSON.stringify({ event_id: 'real-1', ticket_id: 'REAL-1', type: 'created', occurred_at: '2026-03-02T09:00:00+08:00' });

let demo: E2eServer;
let open: Served;
let tokenIdsBefore: string[];

const tokenIds = (db: string, config: string) =>
  (JSON.parse(deskpulse(['token', 'list', '--json'], db, config)) as { tokenId: string }[]).map((t) => t.tokenId).sort();

beforeAll(async () => {
  // A demo warehouse with one admin token made by the CLI, then served openly.
  demo = await startServer({ admin: { role: 'admin' } }, { days: 10, ticketsPerDay: 40 });
  await demo.stop();
  tokenIdsBefore = tokenIds(demo.db, demo.config);
  open = await serveWarehouse(demo.db, ['--config', demo.config, '--open']);
}, 120_000);
afterAll(async () => {
  await open?.stop();
  await demo?.stop();
});

describe('serve --open', () => {
  it('serves reads to anyone as admin', async () => {
    expect(await (await fetch(`${open.url}/api/me`)).json()).toEqual({ role: 'admin', teams: null, open: true });
  });

  it('refuses POST /api/events with a 403 that says why and what to do', async () => {
    const events = async () => (await (await fetch(`${open.url}/api/health`)).json() as { events: number }).events;
    const before = await events();
    const res = await fetch(`${open.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: EVENT });
    expect(res.status).toBe(403);
    const body = await res.json() as { error: string; message: string };
    expect(body.error).toBe('Forbidden');
    expect(body.message).toMatch(/open mode .* takes no events .*restart the server without --open .* ingest token/);
    expect(await events()).toBe(before);
  });

  it('makes, lists and revokes no tokens', async () => {
    const made = await fetch(`${open.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
    expect(made.status).toBe(403);
    expect((await made.json() as { message: string }).message).toMatch(/tokens are neither made, listed nor revoked here/);
    expect((await fetch(`${open.url}/api/tokens`)).status).toBe(403);
    expect((await fetch(`${open.url}/api/tokens/${tokenIdsBefore[0]}`, { method: 'DELETE' })).status).toBe(403);
  });

  it('takes no other write but signing in and keeping a forecast run: applying to the dispatch rules needs a token', async () => {
    const rules = readFileSync(join(dirname(demo.config), 'dispatch-rules.yaml'), 'utf8');
    const apply = await fetch(`${open.url}/api/dispatch-rules/apply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(apply.status).toBe(403);
    expect((await apply.json() as { message: string }).message).toMatch(/POST \/api\/dispatch-rules\/apply changes it for everyone .* needs a token/);
    expect(readFileSync(join(dirname(demo.config), 'dispatch-rules.yaml'), 'utf8')).toBe(rules);
    const run = await fetch(`${open.url}/api/forecast/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(run.status, await run.clone().text()).toBeLessThan(300);
  });

  it('signs in without a session: nothing in the cookie outlives open mode', async () => {
    const res = await fetch(`${open.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'dp_000000000000_' + 'a'.repeat(43) }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('leaves no token behind: after a restart without --open only the CLI-made tokens exist and anonymous callers get 401', async () => {
    await open.stop();
    expect(tokenIds(demo.db, demo.config)).toEqual(tokenIdsBefore);
    const closed = await serveWarehouse(demo.db, ['--config', demo.config]);
    try {
      expect((await fetch(`${closed.url}/api/me`)).status).toBe(401);
      const listed = await fetch(`${closed.url}/api/tokens`, { headers: { authorization: `Bearer ${demo.tokens.admin}` } });
      expect((await listed.json() as { tokens: { tokenId: string }[] }).tokens.map((t) => t.tokenId).sort()).toEqual(tokenIdsBefore);
    } finally {
      await closed.stop();
    }
  });
});
