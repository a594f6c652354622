// Issue 15, defect 1: a read past the time budget is answered 503 with what to do, by a real
// `deskpulse serve` started with a 500 ms budget, and the server goes on answering on fresh
// connections. A quarter at 15 minutes of every queue takes this demo seconds to forecast; that the
// interrupt itself stops a running query is shown in test/warehouse/query-budget.test.ts, and that
// every read route has the budget in test/web/server/read-budget.test.ts.
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  server = await serveWarehouse(db, ['--config', config], { DESKPULSE_QUERY_BUDGET_MS: '500' });
}, 120_000);
afterAll(async () => server?.stop());

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('the query budget of a real server', () => {
  it('answers 503 with the budget and what to do, and keeps answering afterwards', async () => {
    // Each a forecast of its own: a read keeps what it forecast (in memory), and the next read of it is quick.
    for (const path of ['/api/forecast?interval=15m&horizon=92d', '/api/forecast?interval=30m&horizon=92d&format=csv',
      '/api/staffing?interval=15m&horizon=91d', '/api/dispatch-rules/diff?interval=30m&horizon=91d']) {
      const res = await get(path);
      expect(res.status, path).toBe(503);
      expect(await res.json(), path).toMatchObject({
        error: 'QueryBudgetSpent',
        message: expect.stringMatching(/took longer than 500 ms and was stopped: narrow the date range or add filters.*DESKPULSE_QUERY_BUDGET_MS/),
      });
      // Fresh connections, not the interrupted ones, serve the next reads.
      expect((await get('/api/health')).status).toBe(200);
      expect((await get('/api/labels')).status).toBe(200);
    }
  });
});
