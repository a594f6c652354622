import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { parseToken } from '../../../../web/server/auth/api-token.ts';
import { createToken, revokeToken } from '../../../../web/server/auth/token-store.ts';

const EVENT = JSON.stringify({ event_id: 'e1', ticket_id: 'T1', type: 'created', occurred_at: '2026-03-02T09:00:00+08:00' });
let w: Warehouse;
let app: FastifyInstance;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const token = async (role: string, teams?: string[]) => (await createToken(w.db, { role, teams, createdBy: 'test' })).token;

// One app for the file (building one takes seconds): each test makes its own tokens, sessions and
// event ids, and writes only rows of its own, so no test depends on what another did.
beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  await w.db.run(`INSERT INTO teams VALUES ('after-sales', '售后', 'After-sales', 'default')`);
  app = await buildApp({ warehouse: w });
});
afterAll(async () => {
  await app.close();
  w.close();
});

describe('auth plugin', () => {
  it('answers 401 without a token, saying how to get one; health and docs stay open', async () => {
    const unsigned = JSON.stringify({ ...JSON.parse(EVENT), event_id: 'unsigned-1' });
    const before = (await app.inject({ url: '/api/health' })).json().events;
    const res = await app.inject({ url: '/api/ingest-runs' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json()).toMatchObject({ error: 'Unauthorized', message: expect.stringMatching(/GET \/api\/ingest-runs needs a token.*deskpulse token create --role/) });
    expect((await app.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/x-ndjson' }, payload: unsigned })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
    // The refused post stored nothing (before: 0 when this test runs alone).
    expect((await app.inject({ url: '/api/health' })).json().events).toBe(before);
    expect((await w.db.runAndReadAll(`SELECT count(*) FROM events WHERE event_id = 'unsigned-1'`)).getRows()[0]?.[0]).toBe(0n);
  });

  it('answers 401 for malformed headers, unknown tokens and forged secrets', async () => {
    const basic = await app.inject({ url: '/api/me', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().message).toMatch(/must be "Bearer <token>"/);
    expect((await app.inject({ url: '/api/me', headers: bearer('hunter2') })).json().message).toMatch(/not a DeskPulse token/);
    const real = parseToken(await token('admin'))!;
    const forged = await app.inject({ url: '/api/me', headers: bearer(`dp_${real.tokenId}_${'x'.repeat(43)}`) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().message).toMatch(/not known to this server's warehouse/);
    expect(forged.json().message).not.toContain(':memory:');
  });

  it('answers 403 when the role may not call the route, naming the roles that may', async () => {
    const res = await app.inject({ url: '/api/ingest-runs', headers: bearer(await token('planner')) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: 'Forbidden', message: 'the planner role may not call GET /api/ingest-runs; it needs one of: admin, manager' });
    expect((await app.inject({ url: '/api/ingest-runs', headers: bearer(await token('manager')) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/quarantine', headers: bearer(await token('team_lead', ['after-sales'])) })).statusCode).toBe(403);
  });

  it('lets an ingest token post events and nothing else', async () => {
    const ingest = bearer(await token('ingest'));
    const post = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/x-ndjson' }, payload: EVENT });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toMatchObject({ accepted: 1 });
    for (const url of ['/api/me', '/api/ingest-runs', '/api/quarantine']) {
      expect((await app.inject({ url, headers: ingest })).statusCode, url).toBe(403);
    }
    // No route, nothing to guard: the same 404 for every caller (the OpenAPI document lists the routes anyway).
    expect((await app.inject({ url: '/api/no-such-route', headers: ingest })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/no-such-route' })).statusCode).toBe(404);
    const reader = await app.inject({ method: 'POST', url: '/api/events', headers: { ...bearer(await token('manager')), 'content-type': 'application/x-ndjson' }, payload: EVENT });
    expect(reader.statusCode).toBe(403);
  });

  it('answers 401 for a revoked token, saying so', async () => {
    const created = await createToken(w.db, { role: 'manager', createdBy: 'test' });
    expect((await app.inject({ url: '/api/me', headers: bearer(created.token) })).statusCode).toBe(200);
    await revokeToken(w.db, created.info.tokenId);
    const res = await app.inject({ url: '/api/me', headers: bearer(created.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(new RegExp(`token ${created.info.tokenId} was revoked at .*deskpulse token create`));
  });

  it('does not guard paths outside /api (the dashboards ask the API themselves)', async () => {
    expect((await app.inject({ url: '/overview' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/apix' })).statusCode).toBe(404);
  });
});

describe('sessions', () => {
  it('signs in with a token into an httpOnly, SameSite=Strict session cookie (not the token) that authenticates later requests', async () => {
    const lead = await token('team_lead', ['after-sales']);
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { token: lead } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ role: 'team_lead', teams: ['after-sales'], open: false });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^deskpulse_session=ds_[A-Za-z0-9_-]{43};/);
    expect(cookie).not.toContain(lead.split('_').slice(2).join('_'));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const pair = cookie.split(';')[0]!;
    const me = await app.inject({ url: '/api/me', headers: { cookie: pair } });
    expect(me.json()).toEqual({ role: 'team_lead', teams: ['after-sales'], open: false });
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: pair } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^deskpulse_session=; Max-Age=0/);
    // Ended on the server: the same cookie, kept or copied, no longer signs anyone in.
    const reused = await app.inject({ url: '/api/me', headers: { cookie: pair } });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().message).toMatch(/ended by signing out/);
  });

  it('ends the sessions of a revoked token', async () => {
    const created = await createToken(w.db, { role: 'manager', createdBy: 'test' });
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { token: created.token } });
    const pair = String(res.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/api/me', headers: { cookie: pair } })).statusCode).toBe(200);
    await revokeToken(w.db, created.info.tokenId);
    const after = await app.inject({ url: '/api/me', headers: { cookie: pair } });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toMatch(/has been revoked/);
  });

  it('ends sessions after 12 hours without use, and 7 days after sign-in', async () => {
    const { token: manager, info } = await createToken(w.db, { role: 'manager', createdBy: 'test' });
    const signIn = async () => String((await app.inject({ method: 'POST', url: '/api/session', payload: { token: manager } })).headers['set-cookie']).split(';')[0]!;
    const idle = await signIn();
    // Only this test's sessions (its own token's) are aged.
    const mine = { token: info.tokenId };
    await w.db.run(`UPDATE sessions SET last_seen_at = now() - INTERVAL 13 HOUR WHERE token_id = $token`, mine);
    const old = await signIn();
    await w.db.run(`UPDATE sessions SET expires_at = now() - INTERVAL 1 MINUTE WHERE token_id = $token AND last_seen_at > now() - INTERVAL 1 HOUR`, mine);
    expect((await app.inject({ url: '/api/me', headers: { cookie: idle } })).json().message).toMatch(/expired after hours without use/);
    expect((await app.inject({ url: '/api/me', headers: { cookie: old } })).json().message).toMatch(/session has expired/);
    expect((await app.inject({ url: '/api/me', headers: { cookie: await signIn() } })).statusCode).toBe(200);
  });

  it('refuses a bad token at sign-in without setting a cookie, and a stale cookie afterwards', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { token: 'dp_000000000000_' + 'a'.repeat(43) } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await app.inject({ url: '/api/me', headers: { cookie: 'deskpulse_session=stale' } })).statusCode).toBe(401);
    // The raw token is not a session: a cookie holding one signs nobody in.
    expect((await app.inject({ url: '/api/me', headers: { cookie: `deskpulse_session=${await token('admin')}` } })).statusCode).toBe(401);
  });
});

describe('open mode', () => {
  it('answers reads as admin without a token, but takes no events and makes no tokens', async () => {
    const open = await buildApp({ warehouse: w, open: true });
    try {
      expect((await open.inject({ url: '/api/me' })).json()).toEqual({ role: 'admin', teams: null, open: true });
      expect((await open.inject({ url: '/api/ingest-runs' })).statusCode).toBe(200);
      const post = await open.inject({ method: 'POST', url: '/api/events', headers: { 'content-type': 'application/x-ndjson' }, payload: EVENT });
      expect(post.statusCode).toBe(403);
      expect(post.json().message).toMatch(/open mode .* takes no events/);
      expect((await open.inject({ method: 'POST', url: '/api/tokens', payload: { role: 'admin' } })).statusCode).toBe(403);
      expect((await open.inject({ url: '/api/tokens' })).statusCode).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe('token storage', () => {
  it('keeps only the SHA-256 of the secret in the warehouse file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-auth-'));
    const file = await Warehouse.open(join(dir, 'w.duckdb'));
    const created = await createToken(file.db, { role: 'admin', createdBy: 'test' });
    const [hash] = (await file.db.runAndReadAll('SELECT secret_sha256 FROM api_tokens')).getRows()[0]!;
    file.close();
    const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
    const { secret } = parseToken(created.token)!;
    // The hash is found as written, so a stored secret would have been found too.
    expect(bytes.includes(String(hash))).toBe(true);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(created.token)).toBe(false);
  });
});
