// Issue 15, defect 1: a metric query past the time budget is interrupted and answered 503 with what
// to do, by a real `deskpulse serve` started with a 1 ms budget (any real query takes longer), and
// the server goes on answering on fresh connections.
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
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
  server = await serveWarehouse(db, ['--config', config], { DESKPULSE_QUERY_BUDGET_MS: '1' });
}, 120_000);
afterAll(async () => server?.stop());

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('the query budget of a real server', () => {
  it('answers 503 with the budget and what to do, and keeps answering afterwards', async () => {
    const to = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 });
    const year = `from=${to.minus({ days: 364 }).toISODate()}&to=${to.toISODate()}`;
    for (const path of [`/api/overview?${year}`, `/api/timeseries?${year}&grain=week`, `/api/overview?${year}&format=csv`,
      '/api/forecast?queue=returns&horizon=7d']) {
      const res = await get(path);
      expect(res.status, path).toBe(503);
      expect(await res.json(), path).toMatchObject({
        error: 'QueryBudgetSpent',
        message: expect.stringMatching(/took longer than 1 ms and was stopped: narrow the date range or add filters.*DESKPULSE_QUERY_BUDGET_MS/),
      });
      // Fresh connections, not the interrupted ones, serve what has no budget.
      expect((await get('/api/health')).status).toBe(200);
      expect((await get('/api/labels')).status).toBe(200);
    }
  });
});
