// GET /api/staffing/simulation?replay=true on a warehouse with no tickets yet: a 404 that says to
// ingest first, for a planner too (was a 500 "the server failed" hiding the reason from non-admins).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, serveWarehouse, type Served } from '../../../e2e/support/e2e-server.ts';

let server: Served;
let token = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-simulate-empty-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'w.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  token = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', 'planner', '--name', 'Lin Wei'], db, config)) as { token: string }).token;
  server = await serveWarehouse(db, ['--config', config]);
}, 60_000);
afterAll(async () => server?.stop());

describe('GET /api/staffing/simulation on an empty warehouse', () => {
  it('answers a replay with 404 saying there are no tickets to replay yet, to a planner', async () => {
    const res = await fetch(`${server.url}/api/staffing/simulation?replay=true&days=7`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json() as { message: string };
    expect(res.status, JSON.stringify(body)).toBe(404);
    expect(body.message).toMatch(/no tickets yet: ingest events first/);
  }, 30_000);
});
