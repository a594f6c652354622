// /api/backlog from the daily rollup (x-source: rollup) where the filter allows, from the tickets
// otherwise (x-source: facts), the same days either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { backlogTable } from '../../../../warehouse/metrics/backlog.ts';
import { keepDailyRollup } from '../../../../warehouse/rollups/daily-rollup.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';
import { metricWarehouse } from '../../../warehouse/metrics/fixtures/metric-week.ts';

const WEEK = { from: '2026-03-24', to: '2026-03-30', tz: 'Europe/Berlin' };
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let lead: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  await keepDailyRollup(w.db, 'Europe/Berlin'); // as serve does with the config's zone
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  admin = await bearer(w.db, 'admin');
  lead = await bearer(w.db, 'team_lead', ['escalations']);
});
afterAll(async () => {
  await app.close();
  w.close();
});

describe('/api/backlog and the daily rollup', () => {
  it('answers a range without a filter from the rollup, with the days the tickets give', async () => {
    const res = await app.inject({ url: '/api/backlog', query: WEEK, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-source']).toBe('rollup');
    const exact = await backlogTable(w.db, { from: WEEK.from, to: WEEK.to, timezone: WEEK.tz });
    expect(exact.rows.some((r) => Number(r.backlog) > 0)).toBe(true);
    expect(res.json().rows).toEqual(exact.rows);
  });

  it('answers a filter, a team scope or another zone from the tickets', async () => {
    for (const [query, headers] of [[{ ...WEEK, channel: 'web' }, admin], [WEEK, lead], [{ ...WEEK, tz: 'UTC' }, admin]] as const) {
      const res = await app.inject({ url: '/api/backlog', query, headers });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['x-source'], JSON.stringify(query)).toBe('facts');
    }
  });
});
