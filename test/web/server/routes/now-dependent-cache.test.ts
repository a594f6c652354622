// Answers that depend on the time as well as the data: the live tables are kept for their refresh
// period and until a write, the overview's censored counts (ages so far) within their minute only.
// A real warehouse file, the app through inject, the clock (Date only) set by the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { loadConfig } from '../../../../warehouse/config.ts';
import { syncConfig } from '../../../../warehouse/calendar/sync-config.ts';
import { deriveTickets } from '../../../../warehouse/lifecycle/derive-tickets.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { LIVE_REFRESH_MS } from '../../../../web/server/routes/live.ts';
import { CENSORING_SLOT_MS, censoringCacheKey } from '../../../../web/server/routes/overview.ts';
import { insertEvents } from '../../../warehouse/fixtures/insert-events.ts';
import { EVENTS, NOW } from '../../../warehouse/metrics/fixtures/metric-week.ts';
import { bearer } from '../fixtures/bearer.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-now-cache-'));
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let ingest: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(join(dir, 'w.duckdb'));
  await syncConfig(w.db, loadConfig('test/warehouse/metrics/fixtures/metrics.yaml'));
  await insertEvents(w.db, EVENTS);
  await deriveTickets(w.db, 'all');
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  [admin, ingest] = [await bearer(w.db, 'admin'), await bearer(w.db, 'ingest')];
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await app.close();
  w.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The clock at `at` (only Date: timers and DuckDB run as usual). */
const clockAt = (at: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
};
const get = (url: string, query: Record<string, string> = {}) => app.inject({ url, query, headers: admin });
const openNow = (body: { rows: { open?: unknown }[] }) => body.rows.reduce((sum, r) => sum + Number(r.open ?? 0), 0);

describe('live answers', () => {
  it('are kept for their refresh period, counted again after it and after a write', async () => {
    const start = NOW.getTime();
    clockAt(start);
    for (const url of ['/api/live', '/api/live/breaching', '/api/live/agent-states', '/api/live/waiting']) {
      expect((await get(url)).headers['x-cache'], url).toBe('miss');
      clockAt(start + LIVE_REFRESH_MS - 1_000);
      expect((await get(url)).headers['x-cache'], url).toBe('hit');
      clockAt(start + LIVE_REFRESH_MS + 1_000);
      expect((await get(url)).headers['x-cache'], url).toBe('miss');
      clockAt(start);
    }
    const before = await get('/api/live');
    expect(before.headers['x-cache']).toBe('hit');
    const event = { event_id: 'live-cache-1', ticket_id: 'LIVE-1', type: 'created', occurred_at: new Date(start - 60_000).toISOString(), channel: 'web', team_id: 'support' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.json()).toMatchObject({ accepted: 1 });
    const after = await get('/api/live');
    expect(after.headers['x-cache']).toBe('miss');
    expect(openNow(after.json())).toBe(openNow(before.json()) + 1);
  });
});

describe("the overview's censored counts", () => {
  const WEEK = { from: '2026-03-24', to: '2026-03-30', tz: 'Europe/Berlin', clock: 'calendar' };
  const waitedMedian = (body: { rows: { metric: string; unanswered_age_median?: unknown }[] }) =>
    body.rows.find((r) => r.metric === 'frt_median')?.unanswered_age_median;

  it('are keyed on the minute they were counted in', () => {
    const minute = Math.floor(NOW.getTime() / CENSORING_SLOT_MS) * CENSORING_SLOT_MS;
    expect(censoringCacheKey('k', minute)).toBe(censoringCacheKey('k', minute + CENSORING_SLOT_MS - 1));
    expect(censoringCacheKey('k', minute + CENSORING_SLOT_MS)).not.toBe(censoringCacheKey('k', minute));
    expect(censoringCacheKey('other', minute)).not.toBe(censoringCacheKey('k', minute));
  });

  it('keep their ages within the minute and count them again in the next, the KPIs kept', async () => {
    const minute = Math.floor(NOW.getTime() / CENSORING_SLOT_MS) * CENSORING_SLOT_MS;
    clockAt(minute);
    const first = await get('/api/overview', WEEK);
    const age = waitedMedian(first.json());
    expect(typeof age).toBe('number');
    clockAt(minute + 59_000);
    const same = await get('/api/overview', WEEK);
    expect(same.headers['x-cache']).toBe('hit');
    expect(waitedMedian(same.json())).toBe(age);
    clockAt(minute + 61_000);
    const next = await get('/api/overview', WEEK);
    expect(next.headers['x-cache']).toBe('miss');
    // Calendar clock: every waiting ticket is 61 s older.
    expect(waitedMedian(next.json())).toBe((age as number) + 61);
    const volume = (b: { rows: { metric: string; value: unknown }[] }) => b.rows.find((r) => r.metric === 'volume')?.value;
    expect(volume(next.json())).toBe(volume(first.json()));
  });
});
