import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createToken } from '../../../../web/server/auth/token-store.ts';
import { bearer } from '../fixtures/bearer.ts';

type Row = Record<string, unknown>;
const KEY = 'test key';
/** The ingest's keyed hash (ingest/pseudonymise.ts), computed here by hand. */
const hashed = (raw: string) => `p_${createHash('sha256').update(`${KEY}:${raw}`).digest('hex').slice(0, 32)}`;

let w: Warehouse;
let app: FastifyInstance;
let manager: { authorization: string };
const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!;
const yesterday = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toISODate()!;

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = KEY;
  w = await Warehouse.open(':memory:');
  app = await buildApp({ warehouse: w, timezone: 'Asia/Shanghai' });
  manager = await bearer(w.db, 'manager');
  const feed = { authorization: `Bearer ${(await createToken(w.db, { role: 'ingest', name: 'nightly-feed', createdBy: 'test' })).token}` };
  // run 1: 11 rows, 4 quarantined (ingest-log.test.ts has them), e1's customer "张三 13800000000" accepted
  await app.inject({ method: 'POST', url: '/api/events', headers: { ...feed, 'content-type': 'text/csv' }, payload: readFileSync('test/ingest/fixtures/canonical.csv') });
  // run 2: 3 rows, 2 quarantined (bad times), one of them with the same customer: mostly quarantined
  const rows = [
    { event_id: 'n1', ticket_id: 'N1', type: 'created', occurred_at: 'yesterday', customer_id: '张三 13800000000', channel: 'web', problem_type: 'x' },
    { event_id: 'n2', ticket_id: 'N2', type: 'created', occurred_at: '2026-13-45T00:00:00Z', channel: 'web', problem_type: 'x' },
    { event_id: 'n3', ticket_id: 'N3', type: 'created', occurred_at: '2026-03-01T00:00:00Z', channel: 'web', problem_type: 'x' },
  ];
  await app.inject({ method: 'POST', url: '/api/events', headers: { ...feed, 'content-type': 'application/x-ndjson' },
    payload: rows.map((r) => JSON.stringify(r)).join('\n') });
  // run 3, from the CLI yesterday (paths on the server), and run 4 from before this change (by address)
  await w.db.run(`INSERT INTO ingest_runs (run_id, source, started_at, rows_read, accepted, quarantined, status)
    VALUES (3, '/srv/exports/nov.csv, /srv/exports/dec.ndjson', $y::TIMESTAMPTZ, 20, 19, 1, 'committed'),
           (4, 'http:127.0.0.1', $y::TIMESTAMPTZ, 0, 0, 0, 'committed')`, { y: `${yesterday}T12:00:00+08:00` });
});
afterAll(async () => {
  await app.close();
  w.close();
});

const get = async (url: string) => {
  const res = await app.inject({ url, headers: manager });
  expect(res.statusCode, url).toBe(200);
  return res.json() as { rows: Row[] };
};

describe('Data page API', () => {
  it('names sources by file name or "HTTP upload by <token>", never a path or an address, and marks mostly quarantined runs', async () => {
    const runs = Object.fromEntries((await get('/api/ingest-runs')).rows.map((r) => [r.run, r]));
    expect(runs[1]).toMatchObject({ source: null, origin: 'http', uploaded_by: 'nightly-feed', rows_read: 11, quarantined: 4, mostly_quarantined: false });
    expect(runs[2]).toMatchObject({ origin: 'http', uploaded_by: 'nightly-feed', rows_read: 3, quarantined: 2, mostly_quarantined: true });
    expect(runs[3]).toMatchObject({ source: 'nov.csv, dec.ndjson', origin: 'file', uploaded_by: null, mostly_quarantined: false });
    expect(runs[4]).toMatchObject({ source: null, origin: 'http', uploaded_by: null, mostly_quarantined: false });
    const csv = (await app.inject({ url: '/api/ingest-runs?format=csv', headers: manager })).body;
    expect(csv).not.toContain('/srv/');
    expect(csv).not.toContain('127.0.0.1');
  });

  it('shows a quarantined row\'s customer id hashed exactly as the events store it', async () => {
    const [stored] = (await w.db.runAndReadAll(`SELECT customer_id FROM events WHERE event_id = 'e1'`)).getRows();
    expect(stored![0]).toBe(hashed('张三 13800000000'));
    const refused = (await get('/api/quarantine?run=2')).rows;
    const n1 = refused.find((r) => String(r.raw).includes('"n1"'))!;
    expect(n1.raw).toContain(`"customer_id":"${stored![0]}"`);
    expect(refused.map((r) => r.raw).join('\n')).not.toContain('13800000000');
    const csv = (await app.inject({ url: '/api/quarantine?run=2&format=csv', headers: manager })).body;
    expect(csv).toContain(String(stored![0]));
    expect(csv).not.toContain('13800000000');
  });

  it('aggregates the reasons, quoted values folded, most frequent first', async () => {
    const reasons = (await get('/api/quarantine/reasons')).rows;
    // run 1: rating 7, type "exploded", a time without zone, an assignment without agent; run 2: two times that are not ISO 8601
    expect(reasons[0]).toMatchObject({ reason: 'occurred_at "…" is not an ISO 8601 timestamp', rows: 2, runs: 1, share: 2 / 6 });
    expect(reasons.map((r) => r.rows)).toEqual([2, 1, 1, 1, 1]);
    expect(reasons.map((r) => r.reason)).toContain('rating … must be an integer 1..5');
    expect(reasons.reduce((s, r) => s + Number(r.share), 0)).toBeCloseTo(1, 12);
  });

  it('gives the quarantine rate per day, days without rows without a rate', async () => {
    const days = (await get(`/api/ingest-runs/rate?from=${yesterday}&to=${today}`)).rows;
    expect(days).toEqual([
      { day: yesterday, runs: 2, rows_read: 20, quarantined: 1, quarantine_rate: 1 / 20 },
      { day: today, runs: 2, rows_read: 14, quarantined: 6, quarantine_rate: 6 / 14 },
    ]);
    const before = (await get(`/api/ingest-runs/rate?from=2000-01-01&to=2000-01-02`)).rows;
    expect(before).toEqual([
      { day: '2000-01-01', runs: 0, rows_read: 0, quarantined: 0, quarantine_rate: null },
      { day: '2000-01-02', runs: 0, rows_read: 0, quarantined: 0, quarantine_rate: null },
    ]);
  });
});
