import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { bearer } from './fixtures/bearer.ts';
import { MetricCache } from '../../../web/server/metric-cache.ts';
import { metricWarehouse } from '../../warehouse/metrics/fixtures/metric-week.ts';

const WEEK = { from: '2026-03-24', to: '2026-03-30', tz: 'Europe/Berlin' };
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let lead: { authorization: string };
let ingest: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  [admin, lead, ingest] = [await bearer(w.db, 'admin'), await bearer(w.db, 'team_lead', ['escalations']), await bearer(w.db, 'ingest')];
});
afterAll(async () => {
  await app.close();
  w.close();
});

const get = (url: string, query: Record<string, string | string[]>, headers = admin) => app.inject({ url, query, headers });
const volume = (body: { rows: { metric: string; value: unknown }[] }) => body.rows.find((r) => r.metric === 'volume')?.value;

describe('the metric result cache', () => {
  it('answers a repeated question from the cache, the same table in any format', async () => {
    const first = await get('/api/overview', { ...WEEK, clock: 'calendar' });
    const second = await get('/api/overview', { ...WEEK, clock: 'calendar' });
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['miss', 'hit']);
    expect(second.json()).toEqual(first.json());
    const csv = await get('/api/overview', { ...WEEK, clock: 'calendar', format: 'csv' });
    expect(csv.headers['x-cache']).toBe('hit');
    expect(csv.body).toContain('volume');
    // Another filter is another question.
    expect((await get('/api/overview', { ...WEEK, clock: 'calendar', channel: 'web' })).headers['x-cache']).toBe('miss');
  });

  it('never hands a team lead a table computed for another scope', async () => {
    const all = await get('/api/overview', WEEK);
    const scoped = await get('/api/overview', WEEK, lead);
    expect(scoped.headers['x-cache']).toBe('miss');
    expect(volume(scoped.json())).toBeLessThan(volume(all.json()) as number);
  });

  it('is cleared by every write: posted events show at once', async () => {
    const before = await get('/api/overview', WEEK);
    expect((await get('/api/overview', WEEK)).headers['x-cache']).toBe('hit');
    const event = { event_id: 'cache-1', ticket_id: 'CACHE-1', type: 'created', occurred_at: '2026-03-25T10:00:00+01:00', channel: 'web', team_id: 'returns' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.json()).toMatchObject({ accepted: 1 });
    const after = await get('/api/overview', WEEK);
    expect(after.headers['x-cache']).toBe('miss');
    expect(volume(after.json())).toBe((volume(before.json()) as number) + 1);
  });

  it('keeps the live view, which is about this moment, for seconds only', async () => {
    expect((await get('/api/live', { team: 'returns' })).headers['x-cache']).toBe('miss');
    expect((await get('/api/live', { team: 'returns' })).headers['x-cache']).toBe('hit');
  });
});

describe('MetricCache', () => {
  const table = (name: string) => ({ name }) as never;

  it('computes identical concurrent requests once and forgets failures', async () => {
    const cache = new MetricCache(true);
    let runs = 0;
    const slow = () => new Promise((done) => setTimeout(() => done(table(`t${++runs}`)), 20)) as never;
    const answers = await Promise.all([cache.get('k', slow), cache.get('k', slow), cache.get('k', slow)]);
    expect(runs).toBe(1);
    expect(answers.map((a) => a.outcome)).toEqual(['miss', 'hit', 'hit']);
    await expect(cache.get('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('bad', async () => table('ok'))).outcome).toBe('miss');
  });

  it('keeps at most its size, dropping the least recently used', async () => {
    const cache = new MetricCache(true, 2);
    await cache.get('a', async () => table('a'));
    await cache.get('b', async () => table('b'));
    await cache.get('a', async () => table('a'));
    await cache.get('c', async () => table('c'));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => table('a'))).outcome).toBe('hit');
    expect((await cache.get('b', async () => table('b'))).outcome).toBe('miss');
  });

  it('expires entries by age, a caller may ask for a shorter one, and it can be switched off', async () => {
    const aged = new MetricCache(true, 10, 0);
    await aged.get('a', async () => table('a'));
    await new Promise((r) => setTimeout(r, 5));
    expect((await aged.get('a', async () => table('a'))).outcome).toBe('miss');
    const long = new MetricCache(true, 10, 60_000);
    await long.get('a', async () => table('a'));
    await new Promise((r) => setTimeout(r, 5));
    expect((await long.get('a', async () => table('a'), 1)).outcome).toBe('miss');
    expect((await long.get('a', async () => table('a'))).outcome).toBe('hit');
    const off = new MetricCache(false);
    expect((await off.get('a', async () => table('a'))).outcome).toBe('bypass');
  });
});
