// Streamed exports are capped (web/server/tabular/export-slots.ts): 2 at a time per caller, 4 in all.
// Real concurrent downloads over HTTP against the app: clients that do not read hold their export
// open (a 40 MB quarantine list cannot fit in the socket buffers), and the next one is refused with
// 429, Retry-After and a message in the caller's language, until a download ends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createToken } from '../../../../web/server/auth/token-store.ts';
import { EXPORT_RETRY_AFTER_SECONDS } from '../../../../web/server/tabular/export-slots.ts';

const QUARANTINED_ROWS = 80_000; // x ~500 characters of raw text each: 40 MB
let w: Warehouse;
let app: FastifyInstance;
let port: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await w.db.run(`INSERT INTO quarantine SELECT 1, 'big.csv', 'line ' || (i + 2), i + 2, NULL, 'the line cannot be read', repeat('x', 490), now()
    FROM range(${QUARANTINED_ROWS}) t(i)`);
  for (const name of ['ana', 'bo', 'cy']) tokens[name] = (await createToken(w.db, { role: 'manager', name, createdBy: 'test' })).token;
  app = await buildApp({ warehouse: w, queryBudgetMs: 30_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await app?.close();
  w?.close();
});

interface Download { status: number; retryAfter: string | undefined; body: () => Promise<string>; abort: () => void }

/** Starts a CSV export of the quarantine list as `who`; the body is not read until asked for. */
function download(who: string, lang = 'en'): Promise<Download> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: `/api/quarantine?format=csv&lang=${lang}`, headers: { authorization: `Bearer ${tokens[who]}` } }, (res) => {
      res.pause();
      resolve({
        status: res.statusCode ?? 0,
        retryAfter: res.headers['retry-after'],
        body: () => new Promise((done) => { let text = ''; res.setEncoding('utf8'); res.on('data', (c) => { text += c; }); res.on('end', () => done(text)); res.resume(); }),
        abort: () => request.destroy(),
      });
    });
    request.on('error', (err) => { if (!/socket hang up|aborted/.test(err.message)) reject(err); });
  });
}

describe('export cap', () => {
  it('holds 2 downloads per caller and 4 in all, refuses more with 429 + Retry-After in the caller\'s language, and frees a slot when a download ends', async () => {
    const anas = await Promise.all([download('ana'), download('ana')]);
    expect(anas.map((d) => d.status)).toEqual([200, 200]);

    const third = await download('ana', 'zh');
    expect(third.status).toBe(429);
    expect(third.retryAfter).toBe(String(EXPORT_RETRY_AFTER_SECONDS));
    const refusal = JSON.parse(await third.body());
    expect(refusal).toMatchObject({ error: 'TooManyExports', retryAfter: EXPORT_RETRY_AFTER_SECONDS, message: expect.stringContaining('每位用户最多同时 2 个') });
    expect(refusal.label.en).toMatch(/at most 2 at a time per user/);

    // Four at once in all: bo's two fill the server, cy is refused though cy has none running.
    const bos = await Promise.all([download('bo'), download('bo')]);
    expect(bos.map((d) => d.status)).toEqual([200, 200]);
    const cy = await download('cy');
    expect(cy.status).toBe(429);
    expect(JSON.parse(await cy.body()).message).toMatch(/already sending 4 exports/);

    // A client that gives up frees its slot once the server notices the closed socket.
    anas[0]!.abort();
    let next = await download('cy');
    for (let i = 0; next.status === 429 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await download('cy');
    }
    expect(next.status).toBe(200);

    // A download read to its end is complete (the cap never cuts a file) and frees its slot too.
    const whole = await bos[0]!.body();
    expect(whole.trimEnd().endsWith(`Rows: ${QUARANTINED_ROWS} (complete)`)).toBe(true);
    let again = await download('bo');
    for (let i = 0; again.status === 429 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await download('bo');
    }
    expect(again.status).toBe(200);
    for (const d of [anas[1]!, bos[1]!, next, again]) d.abort();
  }, 60_000);
});
