import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { bearer } from './fixtures/bearer.ts';
import { comparedSeriesView, DEFAULT_VIEWS } from '../../../web/server/view-warmer.ts';
import { metricWarehouse } from '../../warehouse/metrics/fixtures/metric-week.ts';

let w: Warehouse;
let app: FastifyInstance;
let manager: { authorization: string };
let lead: { authorization: string };
let ingest: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  [manager, lead, ingest] = [await bearer(w.db, 'manager'), await bearer(w.db, 'team_lead', ['escalations']), await bearer(w.db, 'ingest')];
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin', warmViews: { settleMs: 20 } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  w.close();
});

// The fixture's views take milliseconds; two seconds leave a slow machine plenty. Nothing else may
// ask a default view before the check, or the check would see its own request's result.
const settle = () => new Promise((done) => setTimeout(done, 2_000));
const cacheOf = async (url: string, headers = manager) => (await app.inject({ url, headers })).headers['x-cache'];

describe('the default-view warmer', () => {
  it('has every default view computed soon after start, for managers, not for other scopes', async () => {
    await settle();
    for (const url of DEFAULT_VIEWS) expect(await cacheOf(url), url).toBe('hit');
    // the compared period's series the Overview draws dashed, as the page asks it (its keys in any order)
    const compared = new URL(comparedSeriesView('Europe/Berlin'), 'http://x').searchParams;
    expect(await cacheOf(`/api/timeseries?to=${compared.get('to')}&from=${compared.get('from')}&grain=day`)).toBe('hit');
    expect(await cacheOf('/api/overview', lead)).toBe('miss');
  });

  it('computes them again once a write has settled', async () => {
    const event = { event_id: 'warm-1', ticket_id: 'WARM-1', type: 'created', occurred_at: new Date().toISOString(), channel: 'web' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.json()).toMatchObject({ accepted: 1 });
    await settle();
    for (const url of DEFAULT_VIEWS) expect(await cacheOf(url), url).toBe('hit');
  });

  it('computes none while a write runs, and all once it has ended', async () => {
    const event = { event_id: 'warm-2', ticket_id: 'WARM-2', type: 'created', occurred_at: new Date().toISOString(), channel: 'web' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.json()).toMatchObject({ accepted: 1 });
    // Another write holds the queue from before the warmer's 20 ms of settling until well after.
    let release = () => {};
    const held = app.writes.run(() => new Promise<void>((done) => { release = done; }));
    await settle();
    expect(await cacheOf('/api/overview')).toBe('miss');
    release();
    await held;
    await settle();
    for (const url of DEFAULT_VIEWS) expect(await cacheOf(url), url).toBe('hit');
  });

  it('is not a way in: the header without the secret is an anonymous request', async () => {
    const reply = await app.inject({ url: '/api/overview', headers: { 'x-deskpulse-warm': 'guess' } });
    expect(reply.statusCode).toBe(401);
  });
});
