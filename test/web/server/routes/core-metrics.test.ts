import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { METRICS } from '../../../../warehouse/metrics/catalog.ts';
import { PEOPLE_METRICS } from '../../../../warehouse/metrics/people-catalog.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';
import { metricWarehouse } from '../../../warehouse/metrics/fixtures/metric-week.ts';

const WEEK = { from: '2026-03-24', to: '2026-03-30', tz: 'Europe/Berlin' };
const INJECTIONS = ["'; DROP TABLE tickets; --", "' OR 1=1 --", 'web\') OR (1=1'];
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let lead: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  admin = await bearer(w.db, 'admin');
  lead = await bearer(w.db, 'team_lead', ['escalations']);
});
afterAll(async () => {
  await app.close();
  w.close();
});

const get = (url: string, query: Record<string, string | string[]>, headers = admin) => app.inject({ url, query, headers });
const kpi = (body: { rows: { metric: string; value: unknown }[] }, metric: string) => body.rows.find((r) => r.metric === metric)?.value;

describe('core metric routes', () => {
  it('lists the metric catalog, core KPIs and people metrics', async () => {
    const res = await get('/api/metrics', {});
    expect(res.statusCode).toBe(200);
    expect(res.json().metrics).toHaveLength(METRICS.length + PEOPLE_METRICS.length);
    expect(res.json().metrics.map((m: { key: string }) => m.key)).toContain('repeat_contact_rate');
    expect(res.json().metrics[0]).toMatchObject({ key: 'volume', label: { zh: '新建工单' }, unit: 'count', higherIsBetter: null });
  });

  it('answers the overview, the series, the breakdown and the distributions as MetricTables', async () => {
    const overview = await get('/api/overview', WEEK);
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.json()).toMatchObject({ name: 'overview', previous: { from: '2026-03-17', to: '2026-03-23' } });
    expect(kpi(overview.json(), 'volume')).toBe(6);
    expect((await get('/api/timeseries', { ...WEEK, grain: 'week' })).json().rows.map((r: { created: number }) => r.created)).toEqual([5, 1]);
    expect((await get('/api/breakdown', { ...WEEK, by: 'channel', channel: ['web', 'chat'] })).json().rows.map((r: { value: string }) => r.value)).toEqual(['web', 'chat']);
    for (const [url, name, rows] of [['/api/heatmap', 'heatmap', 168], ['/api/frt-buckets', 'frt-buckets', 6], ['/api/status-times', 'status-times', 6],
      ['/api/reply-times', 'reply-times', 7], ['/api/backlog', 'backlog', 7]] as const) {
      const res = await get(url, WEEK);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(res.json(), url).toMatchObject({ name, period: { from: WEEK.from, to: WEEK.to, timezone: WEEK.tz } });
      expect(res.json().rows, url).toHaveLength(rows);
    }
  });

  it('exports as CSV named after the table and range', async () => {
    const res = await get('/api/backlog', { ...WEEK, format: 'csv', lang: 'zh' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('backlog_2026-03-24_2026-03-30.csv');
    expect(res.body).toContain('积压工单');
  });

  it('scopes a team lead to their teams in SQL', async () => {
    expect(kpi((await get('/api/overview', WEEK, lead)).json(), 'volume')).toBe(1); // E, now held by escalations
    const teams = (await get('/api/breakdown', { ...WEEK, by: 'team' }, lead)).json().rows.map((r: { value: string }) => r.value);
    expect(teams).toEqual(['escalations']);
  });

  it('refuses unknown fields and bad values with a 400 naming the field', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['/api/overview', { ...WEEK, customer: 'x' }, 'customer'],
      ['/api/overview', { ...WEEK, from: '2026-13-01' }, 'from'],
      ['/api/overview', { ...WEEK, from: '2026-03-30', to: '2026-03-24' }, 'to'],
      ['/api/overview', { ...WEEK, tz: 'Mars/Olympus' }, 'tz'],
      ['/api/overview', { ...WEEK, clock: 'sundial' }, 'clock'],
      ['/api/breakdown', { ...WEEK, by: 'color' }, 'by'],
      ['/api/breakdown', { ...WEEK, by: "team_id; DROP TABLE tickets" }, 'by'],
      ['/api/timeseries', { ...WEEK, grain: 'year' }, 'grain'],
      ['/api/heatmap', { ...WEEK, grain: 'day' }, 'grain'],
      ['/api/metrics', { by: 'team' }, 'by'],
    ];
    for (const [url, query, field] of cases) {
      const res = await get(url, query);
      expect(res.statusCode, `${url} ${JSON.stringify(query)}`).toBe(400);
      expect(res.json().field, `${url} ${JSON.stringify(query)}`).toContain(field);
    }
    expect((await get('/api/breakdown', WEEK)).statusCode).toBe(400); // by is required
  });

  it('treats injection strings in filters as values that match nothing', async () => {
    for (const value of INJECTIONS) {
      const res = await get('/api/overview', { ...WEEK, channel: value, team: value });
      expect(res.statusCode, value).toBe(200);
      expect(kpi(res.json(), 'volume'), value).toBe(0);
      expect(kpi(res.json(), 'frt_median'), value).toBeNull();
      const rows = (await get('/api/breakdown', { ...WEEK, by: 'agent', product: value })).json().rows;
      expect(rows, value).toEqual([]);
    }
    expect(kpi((await get('/api/overview', WEEK)).json(), 'volume')).toBe(6);
  });
});
