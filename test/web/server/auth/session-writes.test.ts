// Sessions and tokens are written directly, not through the write queue: a sign-in, a session's
// touch, sign-out and token changes answer while a long write holds the queue (issue 15 review).
// A session write that meets a real DuckDB write conflict is skipped (a touch) or tried again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../../../warehouse/database.ts';
import { isWriteConflict, retryOnConflict } from '../../../../warehouse/write-conflict.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createSession, touchSession } from '../../../../web/server/auth/session-store.ts';
import { createToken } from '../../../../web/server/auth/token-store.ts';

let w: Warehouse;

// A fresh warehouse per test (opening one is cheap); only the first describe needs an app (building
// one takes seconds), and only there.
beforeEach(async () => { w = await Warehouse.open(':memory:'); });
afterEach(() => w.close());

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await condition()).toBe(true);
}

const lastSeenMsAgo = async () =>
  Number((await w.db.runAndReadAll('SELECT epoch_ms(now() - max(last_seen_at)) FROM sessions')).getRows()[0]?.[0]);

describe('while a long write holds the write queue', () => {
  let app: FastifyInstance;
  beforeEach(async () => { app = await buildApp({ warehouse: w }); });
  afterEach(() => app.close());

  it('sign-in, a session touch, sign-out and token changes still answer; the write is still running after them', async () => {
    const manager = (await createToken(w.db, { role: 'manager', createdBy: 'test' })).token;
    const admin = (await createToken(w.db, { role: 'admin', createdBy: 'test' })).token;
    let release!: () => void;
    const held = app.writes.run(() => new Promise<void>((done) => { release = done; }));
    await until(() => app.writes.state().running !== null);

    const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { token: manager } });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;

    // An hour without use: the next request records it.
    await w.db.run('UPDATE sessions SET last_seen_at = now() - INTERVAL 2 HOUR');
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    await until(async () => await lastSeenMsAgo() < 60_000);

    const bearer = { authorization: `Bearer ${admin}` };
    const made = await app.inject({ method: 'POST', url: '/api/tokens', headers: bearer, payload: { role: 'planner' } });
    expect(made.statusCode).toBe(201);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/tokens/${made.json().info.tokenId}`, headers: bearer });
    expect(revoked.statusCode).toBe(200);

    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);

    expect(app.writes.state().running).not.toBeNull();
    release();
    await held;
  });
});

describe('session writes that meet a write conflict', () => {
  let other: DuckDBConnection;
  beforeEach(async () => { other = await w.connect(); });
  afterEach(() => other.closeSync());

  it('a touch while another transaction is writing the same session\'s last use is skipped, not an error', async () => {
    const { info } = await createToken(w.db, { role: 'manager', createdBy: 'test' });
    const sessionId = await createSession(w.db, { role: 'manager', teams: null, tokenId: info.tokenId });
    await other.run('BEGIN TRANSACTION');
    // DuckDB tells conflicts apart by column: another write of last_seen_at.
    await other.run('UPDATE sessions SET last_seen_at = now()');
    const conflict = await w.db.run('UPDATE sessions SET last_seen_at = now()').then(() => null, (err: unknown) => err);
    expect(isWriteConflict(conflict)).toBe(true); // the same write as a touch does conflict now
    await expect(touchSession(w.db, sessionId)).resolves.toBeUndefined();
    await other.run('COMMIT');
  });

  it('retryOnConflict runs the write again once the other transaction has committed', async () => {
    await w.db.run("CREATE TABLE t (k VARCHAR PRIMARY KEY, v INTEGER); INSERT INTO t VALUES ('a', 0)");
    await other.run('BEGIN TRANSACTION');
    await other.run("UPDATE t SET v = 1 WHERE k = 'a'");
    let attempts = 0;
    await retryOnConflict(async () => {
      attempts++;
      try {
        await w.db.run("UPDATE t SET v = 2 WHERE k = 'a'");
      } finally {
        if (attempts === 1) await other.run('COMMIT');
      }
    });
    expect(attempts).toBe(2);
    expect((await w.db.runAndReadAll("SELECT v FROM t")).getRows()[0]?.[0]).toBe(2);
  });
});
