// Issue 15, defects 1 and 8 against a real `deskpulse serve`: every size-like parameter has a bound
// (400 naming the field and the limit, and the server still answers), `tz=local` is a 400, a filter
// of 10,000 values goes over real HTTP, and GETs of forecasts and staffing store nothing.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../../warehouse/database.ts';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';

let server: E2eServer;
const ZONE = 'Asia/Shanghai';
const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 });
const RANGE = `from=${yesterday.minus({ days: 6 }).toISODate()}&to=${yesterday.toISODate()}`;

beforeAll(async () => {
  server = await startServer({ admin: { role: 'admin' }, planner: { role: 'planner' }, manager: { role: 'manager' } },
    { days: 35, ticketsPerDay: 60 });
}, 120_000);
afterAll(async () => server?.stop());

async function call(path: string, who = 'admin', init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, {
    ...init, headers: { authorization: `Bearer ${server.tokens[who]}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch { /* not JSON: asserted through status */ }
  return { status: res.status, body, text };
}

async function expectHealthy(): Promise<void> {
  expect((await call('/api/health')).status).toBe(200);
}

/** A 400 whose field names `field` and whose message names `limit`. */
async function expectRefused(path: string, field: string, limit: RegExp | string): Promise<void> {
  const { status, body } = await call(path);
  expect(status, path).toBe(400);
  expect(String(body.field), path).toContain(field);
  expect(String(body.message), path).toMatch(limit);
}

describe('forecast horizon', () => {
  it('answers 400 naming horizon and its limit for 100000d and 1000d, and the server lives on', async () => {
    for (const horizon of ['100000d', '1000d', '93d', '14w', '2209h']) {
      for (const route of ['/api/forecast', '/api/staffing', '/api/dispatch-rules/diff']) {
        await expectRefused(`${route}?queue=returns&horizon=${horizon}`, 'horizon', /at most 92d/);
      }
    }
    await expectHealthy();
    expect((await call('/api/forecast?queue=returns&horizon=13w&interval=daily')).status).toBe(200);
  }, 60_000);
});

describe('every other size-like parameter', () => {
  it('refuses the value just past its bound with a 400 naming the field and the limit', async () => {
    const agent = String(((await call(`/api/agents?${RANGE}`)).body.rows as { agent: string }[])[0]?.agent);
    const cases: [string, string, RegExp | string][] = [
      ['/api/forecast?queue=returns&history=401', 'history', '<= 400'],
      ['/api/forecast?queue=returns&history=93', 'history', /more than the 92 days/],
      ['/api/forecast?run=2147483648', 'run', '<= 2147483647'],
      [`/api/forecast?${Array.from({ length: 101 }, () => 'queue=all').join('&')}`, 'queue', 'must NOT have more than 100 items'],
      ['/api/forecast/accuracy?runs=101', 'runs', '<= 100'],
      ['/api/staffing?queue=returns&volume_factor=10.01', 'volume_factor', '<= 10'],
      ['/api/staffing?queue=returns&aht_seconds=14401', 'aht_seconds', '<= 14400'],
      ['/api/staffing?queue=returns&max_occupancy=0.49', 'max_occupancy', '>= 0.5'],
      ['/api/staffing?queue=returns&shrinkage=1', 'shrinkage', '< 1'],
      ['/api/staffing?queue=returns&target=1', 'target', '< 1'],
      ['/api/staffing?queue=returns&within=3601', 'within', '<= 3600'],
      ['/api/dispatch-rules/diff?queue=returns&volume_factor=11', 'volume_factor', '<= 10'],
      ['/api/dispatch-rules/versions?limit=501', 'limit', '<= 500'],
      [`/api/agents/${agent}/tickets?${RANGE}&page_size=501`, 'page_size', '<= 500'],
      [`/api/agents/${agent}/tickets?${RANGE}&page=1000001`, 'page', '<= 1000000'],
      [`/api/satisfaction/low-ratings?${RANGE}&page_size=501`, 'page_size', '<= 500'],
      ['/api/ingest-runs?page_size=1001', 'page_size', '<= 1000'],
      ['/api/quarantine?page=1000001', 'page', '<= 1000000'],
      ['/api/quarantine?run=2147483648', 'run', '<= 2147483647'],
    ];
    for (const [path, field, limit] of cases) await expectRefused(path, field, limit);
    // The same routes answer inside the bounds.
    expect((await call(`/api/agents/${agent}/tickets?${RANGE}&page_size=500&page=1000000`)).status).toBe(200);
    expect((await call('/api/dispatch-rules/versions?limit=500')).status).toBe(200);
    await expectHealthy();
  }, 60_000);

  it('bounds the date range of every route to five years within 1900..2999 and refuses a reversed one naming from and to', async () => {
    const to = yesterday.toISODate()!;
    const longest = yesterday.minus({ days: 1829 }).toISODate()!;
    const tooLong = yesterday.minus({ days: 1830 }).toISODate()!;
    for (const route of ['/api/overview', '/api/timeseries?grain=month', '/api/breakdown?by=team', '/api/backlog', '/api/problems/trend',
      '/api/satisfaction', '/api/agents', '/api/ingest-runs', '/api/quarantine']) {
      const join = route.includes('?') ? '&' : '?';
      await expectRefused(`${route}${join}from=${tooLong}&to=${to}`, 'from', /spans 1831 days; at most 1830 days \(5 years\)/);
      const reversed = await call(`${route}${join}from=${to}&to=${longest}`);
      expect(reversed.status, route).toBe(400);
      expect(reversed.body.field, route).toBe('to');
      expect(String(reversed.body.message), route).toMatch(new RegExp(`to \\(${longest}\\) is before from \\(${to}\\)`));
    }
    for (const route of ['/api/overview', '/api/ingest-runs']) {
      await expectRefused(`${route}?from=0000-01-01&to=0000-12-31`, 'from', 'must match pattern');
      await expectRefused(`${route}?from=9999-12-01&to=9999-12-31`, 'from', 'must match pattern');
    }
    expect((await call(`/api/overview?from=${longest}&to=${to}`)).status).toBe(200);
    await expectHealthy();
  }, 60_000);

  it('refuses tz=local, tz=system and other non-IANA zones with a 400 naming tz', async () => {
    for (const tz of ['local', 'system', 'UTC+8', 'Mars/Olympus_Mons']) {
      for (const route of ['/api/overview', '/api/live', '/api/ingest-runs']) {
        await expectRefused(`${route}?tz=${encodeURIComponent(tz)}`, 'tz', /is not an IANA time zone/);
      }
    }
    expect((await call(`/api/overview?${RANGE}&tz=Europe/Berlin`)).status).toBe(200);
    await expectHealthy();
  });
});

describe('a filter of 10,000 values over real HTTP', () => {
  const many = (n: number) => ['team=returns', ...Array.from({ length: n - 1 }, (_, i) => `team=no-such-team-${i}`)].join('&');

  it('answers a 10,000-value team list as the one real team alone', async () => {
    const one = await call(`/api/overview?${RANGE}&team=returns`);
    expect(one.status).toBe(200);
    const url = `/api/overview?${RANGE}&${many(10_000)}`;
    expect(url.length).toBeGreaterThan(200_000);
    const all = await call(url);
    expect(all.status, all.text.slice(0, 300)).toBe(200);
    // Ages so far (and what rests on them) grow between the two requests: compared without them.
    const timeless = (rows: unknown) => (rows as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => !/as_of|age|bound/.test(key))));
    expect(timeless(all.body.rows)).toEqual(timeless(one.body.rows));
    expect((one.body.rows as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses 10,001 values naming team, and a URL past 1 MiB with a 431 that says what to do', async () => {
    await expectRefused(`/api/overview?${RANGE}&${many(10_001)}`, 'team', 'must NOT have more than 10000 items');
    const huge = await call(`/api/overview?${RANGE}&${Array.from({ length: 9_000 }, (_, i) => `team=${'x'.repeat(120)}${i}`).join('&')}`);
    expect(huge.status).toBe(431);
    expect(String(huge.body.message)).toMatch(/exceed 1024 KiB: send fewer filter values \(at most 10,000 per field/);
    await expectHealthy();
  });
});

describe('reads do not write', () => {
  it('GET /api/forecast, /api/staffing and /api/dispatch-rules/diff forecast without keeping a run; POST /api/forecast/runs keeps one', async () => {
    const query = 'queue=returns&horizon=7d&interval=60m';
    for (const path of [`/api/forecast?${query}`, `/api/forecast?${query}`, `/api/staffing?${query}`, `/api/dispatch-rules/diff?${query}`]) {
      const { status, body } = await call(path, 'planner');
      expect(status, path).toBe(200);
      expect(body.runId, path).toBeNull();
      if ('reused' in body) expect(body.reused, path).toBe(false);
    }
    const body = { queue: ['returns'], horizon: '7d', interval: '60m' };
    expect((await call('/api/forecast/runs', 'manager', { method: 'POST', body: JSON.stringify(body) })).status).toBe(403);
    const kept = await call('/api/forecast/runs', 'planner', { method: 'POST', body: JSON.stringify(body) });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ reused: false, queues: ['returns'], horizon: '7d', interval: '60m' });
    const runId = kept.body.runId as number;
    expect(runId).toBeGreaterThan(0);
    // Kept once: asked again from the same data, the run is reused, by the POST and by the reads.
    expect((await call('/api/forecast/runs', 'planner', { method: 'POST', body: JSON.stringify(body) })).body).toMatchObject({ runId, reused: true });
    expect((await call(`/api/forecast?${query}`, 'planner')).body).toMatchObject({ runId, reused: true });
    expect((await call(`/api/staffing?${query}`, 'planner')).body).toMatchObject({ runId, reused: true });
  }, 60_000);

  it('leaves exactly the one kept run in the warehouse file (checked after the server stops)', async () => {
    await server.stop();
    const w = await Warehouse.open(server.db);
    try {
      const [row] = (await w.db.runAndReadAll('SELECT count(*), min(run_id) FROM forecast_runs')).getRows();
      expect(row?.map(Number)).toEqual([1, 1]);
    } finally {
      w.close();
    }
  });
});
