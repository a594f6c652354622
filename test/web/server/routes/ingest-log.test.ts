import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';

let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let manager: { authorization: string };
beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  app = await buildApp({ warehouse: w, timezone: 'Asia/Shanghai' });
  admin = await bearer(w.db, 'admin');
  manager = await bearer(w.db, 'manager');
  const csv = readFileSync('test/ingest/fixtures/canonical.csv');
  for (let i = 0; i < 2; i++) {
    await app.inject({ method: 'POST', url: '/api/events', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
  }
  // A refused row with a long raw text, as a huge line would leave.
  await w.db.run(`INSERT INTO quarantine VALUES (3, 'big.csv', 'line 99', 99, 'rating', 'too long', repeat('x', 2000), now())`);
});
afterAll(async () => {
  await app.close();
  w.close();
});

describe('GET /api/ingest-runs', () => {
  it('lists runs newest first as a MetricTable with totals and local timestamps', async () => {
    const res = await app.inject({ url: '/api/ingest-runs', headers: manager });
    expect(res.statusCode).toBe(200);
    const table = res.json();
    expect(table).toMatchObject({ name: 'ingest-runs', total: 2, previous: null, period: { timezone: 'Asia/Shanghai' } });
    expect(table.rows.map((r: { run: number }) => r.run)).toEqual([2, 1]);
    expect(table.rows[1]).toMatchObject({ status: 'committed', rows_read: 11, accepted: 6, duplicates: 1, quarantined: 4, tickets_touched: 2, mapping: null });
    expect(table.rows[1].started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/);
    expect(table.rows[0]).toMatchObject({ accepted: 0, duplicates: 7 });
    const page = (await app.inject({ url: '/api/ingest-runs?page=2&page_size=1', headers: manager })).json();
    expect(page).toMatchObject({ total: 2, rows: [{ run: 1 }] });
    expect((await app.inject({ url: '/api/ingest-runs?status=failed', headers: manager })).json()).toMatchObject({ total: 0, rows: [] });
    expect((await app.inject({ url: '/api/ingest-runs?from=2000-01-01&to=2000-01-31', headers: manager })).json()).toMatchObject({ total: 0, period: { from: '2000-01-01', to: '2000-01-31' } });
  });
});

describe('GET /api/quarantine', () => {
  it('pages the refused rows of a run with source, position, field, reason and raw text', async () => {
    const run1 = (await app.inject({ url: '/api/quarantine?run=1', headers: admin })).json();
    expect(run1.total).toBe(4);
    expect(run1.rows.map((r: { position: string }) => r.position)).toEqual(['line 8', 'line 9', 'line 10', 'line 11']);
    expect(run1.rows[0]).toMatchObject({ run: 1, reason: 'rating 7 must be an integer 1..5', raw: expect.stringContaining('"rating":"7"') });
    const page = (await app.inject({ url: '/api/quarantine?run=1&page=2&page_size=3', headers: admin })).json();
    expect(page).toMatchObject({ total: 4, rows: [{ position: 'line 11' }] });
  });

  it('truncates long raw text and exports as CSV', async () => {
    const big = (await app.inject({ url: '/api/quarantine?run=3', headers: admin })).json();
    expect(big.rows).toEqual([expect.objectContaining({ source: 'big.csv', field: 'rating', raw: `${'x'.repeat(500)}…` })]);
    const csv = await app.inject({ url: '/api/quarantine?run=1&format=csv&lang=zh', headers: manager });
    expect(csv.headers['content-disposition']).toMatch(/filename="quarantine_run-1_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.split('\r\n')[0]).toBe('\ufeff批次,来源,位置,字段,原因,原始内容,隔离时间');
    // Every row (streamed, not a page), then the filter the file holds and its row count.
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(7);
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^"?筛选：.*；run = 1"?$/), '行数：4（完整）']);
  });
});
