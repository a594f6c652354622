// Issue 15, defect 1: every request's reads run within the query time budget, writes outside it. The
// tables the read routes use are made to take minutes to read (a view over the table that first counts
// to 10^12), so only the budget's interrupt can answer them in time: a 503 within seconds. With a 1 ms
// budget an ingest still commits, and keeping a forecast run fails before it stores anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { loadPlanningTickets, planningFiles, ZONE } from '../../forecasting/fixtures/planning.ts';
import { bearer } from './fixtures/bearer.ts';

let w: Warehouse;
/** Budget 1 ms. */
let app: FastifyInstance;
/** Budget 300 ms. */
let slowApp: FastifyInstance;
let admin: { authorization: string };
let ingest: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  await loadPlanningTickets(w);
  const planning = { configPath: planningFiles().configPath };
  app = await buildApp({ warehouse: w, timezone: ZONE, planning, queryBudgetMs: 1 });
  slowApp = await buildApp({ warehouse: w, timezone: ZONE, planning, queryBudgetMs: 300 });
  [admin, ingest] = [await bearer(w.db, 'admin'), await bearer(w.db, 'ingest')];
}, 30_000);
afterAll(async () => {
  await app.close();
  await slowApp.close();
  w.close();
});

const count = async (table: string) => Number((await w.db.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]![0]);

describe('writes and the query budget', () => {
  it('budgets the forecast a kept run is made from, and stores nothing when it is spent', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/forecast/runs', headers: admin, payload: { queue: ['returns'], horizon: '3d' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'QueryBudgetSpent' });
    expect(await count('forecast_runs')).toBe(0);
  });

  it('lets writes run outside the budget: an ingest commits', async () => {
    const before = await count('events');
    const event = { event_id: 'budget-1', ticket_id: 'BUDGET-1', type: 'created', occurred_at: '2026-02-20T10:00:00+08:00', channel: 'email', team_id: 'returns' };
    const posted = await app.inject({ method: 'POST', url: '/api/events', headers: { ...ingest, 'content-type': 'application/json' }, payload: JSON.stringify([event]) });
    expect(posted.statusCode).toBeLessThan(300);
    expect(posted.json()).toMatchObject({ accepted: 1 });
    expect(await count('events')).toBe(before + 1);
  });
});

/** Tables the read routes use, each behind a view that takes minutes to read. */
const SLOW_TABLES = ['tickets', 'ingest_runs', 'quarantine', 'value_labels', 'dispatch_rule_versions', 'forecast_runs'];

describe('the query budget of every read', () => {
  beforeAll(async () => {
    for (const table of SLOW_TABLES) {
      await w.db.run(`ALTER TABLE ${table} RENAME TO ${table}_fast`);
      await w.db.run(`CREATE VIEW ${table} AS SELECT * FROM ${table}_fast
        WHERE (SELECT count(*) FROM range(1000000000000) r WHERE r.range % 7 = 3) >= 0`);
    }
  });

  it('interrupts every route that reads the warehouse at its budget and answers 503 with what to do', async () => {
    for (const url of ['/api/health', '/api/labels', '/api/ingest-runs', '/api/quarantine', '/api/dispatch-rules/versions',
      '/api/tickets/T-1', '/api/agents/A-1', '/api/overview?from=2026-02-01&to=2026-02-28', '/api/forecast?queue=returns&horizon=3d',
      '/api/staffing?queue=returns&horizon=3d', '/api/dispatch-rules/diff?queue=returns&horizon=3d', '/api/forecast/accuracy']) {
      const started = performance.now();
      const res = await slowApp.inject({ url, headers: admin });
      expect(res.statusCode, url).toBe(503);
      expect(res.json(), url).toMatchObject({ error: 'QueryBudgetSpent', message: expect.stringMatching(/took longer than 300 ms and was stopped/) });
      expect(performance.now() - started, url).toBeLessThan(5_000);
    }
  }, 120_000);
});
