// Issue 15, defect 1: a read past the time budget is answered 503 with what to do, by a real
// `deskpulse serve` started with a 2 s budget, and the server goes on answering on fresh
// connections. Every forecast reads forecast_runs, made here a view that takes minutes to read (it
// first counts to 10^12), so only the budget's interrupt answers them, however fast the machine;
// health and labels do not read it, and answer within the budget on a busy machine too. That the
// interrupt itself stops a running query is shown in test/warehouse/query-budget.test.ts, and that
// every read route has the budget in test/web/server/read-budget.test.ts.
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, serveWarehouse, type Served } from '../../../e2e/support/e2e-server.ts';

let server: Served;
let token: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-budget-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  deskpulse(['demo', '--days', '30', '--tickets-per-day', '60', '--seed', '7'], db, config);
  token = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', 'manager', '--name', 'm'], db, config)) as { token: string }).token;
  await slowForecastRuns(db);
  server = await serveWarehouse(db, ['--config', config], { DESKPULSE_QUERY_BUDGET_MS: '2000' });
}, 120_000);
afterAll(async () => server?.stop());

/** forecast_runs behind a view that takes minutes to read, before the server opens the file. */
async function slowForecastRuns(db: string): Promise<void> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    await connection.run('ALTER TABLE forecast_runs RENAME TO forecast_runs_fast');
    await connection.run(`CREATE VIEW forecast_runs AS SELECT * FROM forecast_runs_fast
      WHERE (SELECT count(*) FROM range(1000000000000) r WHERE r.range % 7 = 3) >= 0`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('the query budget of a real server', () => {
  it('answers 503 with the budget and what to do, and keeps answering afterwards', async () => {
    for (const path of ['/api/forecast?interval=15m&horizon=92d', '/api/forecast?interval=30m&horizon=92d&format=csv',
      '/api/staffing?interval=15m&horizon=91d', '/api/dispatch-rules/diff?interval=30m&horizon=91d']) {
      const res = await get(path);
      expect(res.status, path).toBe(503);
      expect(await res.json(), path).toMatchObject({
        error: 'QueryBudgetSpent',
        message: expect.stringMatching(/took longer than 2 s and was stopped: narrow the date range or add filters.*DESKPULSE_QUERY_BUDGET_MS/),
      });
      // Fresh connections, not the interrupted ones, serve the next reads.
      expect((await get('/api/health')).status).toBe(200);
      expect((await get('/api/labels')).status).toBe(200);
    }
  });
});
