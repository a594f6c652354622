// Hostile and oversized filters against the routes that take them: each is refused with a 400
// naming the field, or answered with an empty result; never an error, and the tickets stay.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../warehouse/database.ts';
import { filterParams, ticketConditions } from '../../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { buildApp } from '../../../web/server/app.ts';
import { bearer } from './fixtures/bearer.ts';
import { filterQuery, toMetricFilter, type FilterQuery } from '../../../web/server/metric-query.ts';
import { MetricTableSchema } from '../../../web/server/tabular/metric-table-schema.ts';
import { sendTable } from '../../../web/server/tabular/send-table.ts';

const INJECTIONS = ["'; DROP TABLE tickets; --", "' OR 1=1 --", 'a" OR "1"="1', '$team', 'team_id) OR (1=1'];
let w: Warehouse;
let app: FastifyInstance;
let auth: { authorization: string };

async function ticketCount(): Promise<number> {
  return Number((await w.db.runAndReadAll('SELECT count(*) FROM tickets')).getRows()[0]?.[0]);
}

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  app = await buildApp({ warehouse: w });
  // A dashboard-shaped route on the shared filter code (toMetricFilter, filterParams,
  // ticketConditions, sendTable), standing in until every metric route exists.
  await app.register(async (api) => {
    api.get('/probe/tickets', { schema: { querystring: filterQuery(), response: { 200: MetricTableSchema } } }, async (request, reply) => {
      const filter = toMetricFilter(request.query as FilterQuery, request.principal, 'Asia/Shanghai');
      const params = filterParams(filter);
      const db = await w.connect();
      try {
        const sql = `SELECT count(*) FROM tickets t
          WHERE t.created_at >= $start::TIMESTAMPTZ AND t.created_at < $end::TIMESTAMPTZ AND ${ticketConditions('t')}`;
        // DuckDB refuses named parameters the statement does not use ($tz, $business here).
        const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
        const [row] = (await db.runAndReadAll(sql, used)).getRows();
        const table: MetricTable = {
          name: 'probe', period: { from: filter.from, to: filter.to, timezone: filter.timezone }, previous: null, clock: 'calendar',
          columns: [{ key: 'tickets', label: { en: 'Tickets', zh: '工单' }, unit: 'count' }], rows: [{ tickets: Number(row?.[0]) }],
        };
        return sendTable(request, reply, table);
      } finally {
        db.closeSync();
      }
    });
  }, { prefix: '/api' });
  auth = await bearer(w.db, 'admin');
  await app.inject({ method: 'POST', url: '/api/events', headers: { ...auth, 'content-type': 'text/csv' }, payload: readFileSync('test/ingest/fixtures/canonical.csv') });
});
afterAll(async () => {
  await app.close();
  w.close();
});

const RANGE = { from: '2026-03-01', to: '2026-03-31' };
const get = (url: string, query: Record<string, string | string[]>) => app.inject({ url, query, headers: auth });

describe('filters a caller controls', () => {
  it('finds the fixture tickets with an honest filter (so empty answers below mean something)', async () => {
    expect(await ticketCount()).toBe(2);
    const honest = await get('/api/probe/tickets', RANGE);
    expect(honest.json().rows, honest.body).toEqual([{ tickets: 2 }]);
  });

  it('treats injection strings in every dimension as plain values that match nothing', async () => {
    for (const dimension of ['team', 'agent', 'channel', 'problem_type', 'problem_subtype', 'priority', 'region', 'product']) {
      for (const value of INJECTIONS) {
        const res = await get('/api/probe/tickets', { ...RANGE, [dimension]: value });
        expect(res.statusCode, `${dimension}=${value}`).toBe(200);
        expect(res.json().rows, `${dimension}=${value}`).toEqual([{ tickets: 0 }]);
      }
    }
    expect(await ticketCount()).toBe(2);
  });

  it('refuses injection strings where a date, zone or enum is expected, naming the field', async () => {
    for (const [field, value] of [['from', INJECTIONS[0]!], ['to', INJECTIONS[1]!], ['clock', INJECTIONS[1]!], ['format', INJECTIONS[0]!]] as const) {
      const res = await get('/api/probe/tickets', { ...RANGE, [field]: value });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().field, field).toContain(field);
    }
    const tz = await get('/api/probe/tickets', { ...RANGE, tz: INJECTIONS[0]! });
    expect(tz.statusCode).toBe(400);
    expect(tz.json()).toMatchObject({ error: 'FilterError', field: 'tz' });
    expect((await get('/api/ingest-runs', { status: INJECTIONS[0]! })).json()).toMatchObject({ field: '/status' });
    expect((await get('/api/quarantine', { run: '1 OR 1=1' })).json()).toMatchObject({ field: '/run' });
    expect(await ticketCount()).toBe(2);
  });

  it('refuses unknown fields and dimensions by name', async () => {
    expect((await get('/api/probe/tickets', { ...RANGE, customer: 'x' })).json()).toMatchObject({ field: 'customer' });
    expect((await get('/api/probe/tickets', { ...RANGE, 'team_id) OR (1': '1' })).json()).toMatchObject({ field: 'team_id) OR (1' });
    expect((await get('/api/ingest-runs', { team: 'a' })).json()).toMatchObject({ field: 'team' });
    expect((await get('/api/quarantine', { sort: 'run_id; DROP TABLE tickets' })).statusCode).toBe(400);
  });

  it('refuses reversed and 50-year ranges with the field and what to do', async () => {
    for (const url of ['/api/probe/tickets', '/api/ingest-runs', '/api/quarantine']) {
      const reversed = await get(url, { from: '2026-03-31', to: '2026-03-01' });
      expect(reversed.statusCode, url).toBe(400);
      expect(reversed.json(), url).toMatchObject({ field: 'to', message: expect.stringMatching(/before from.*swap them/) });
      const long = await get(url, { from: '1990-01-01', to: '2040-01-01' });
      expect(long.statusCode, url).toBe(400);
      expect(long.json(), url).toMatchObject({ field: 'from', message: expect.stringMatching(/spans \d+ days; at most/) });
      expect((await get(url, { from: '2026-02-30', to: '2026-03-01' })).statusCode, url).toBe(400);
    }
  });

  it('takes 10,000 values of a dimension, and refuses one more, without harm', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => (i === 9_999 ? INJECTIONS[0]! : `team-${i}`));
    const res = await get('/api/probe/tickets', { ...RANGE, team: many });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([{ tickets: 0 }]);
    const tooMany = await get('/api/probe/tickets', { ...RANGE, team: [...many, 'one-more'] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().field).toContain('team');
    expect(await ticketCount()).toBe(2);
  });

  it('refuses out-of-range paging on the log routes', async () => {
    for (const query of [{ page: '0' }, { page_size: '100000' }, { page: '-1' }, { page_size: 'all' }] as Record<string, string>[]) {
      expect((await get('/api/quarantine', query)).statusCode, JSON.stringify(query)).toBe(400);
    }
  });
});
