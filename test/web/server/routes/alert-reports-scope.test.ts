// GET /api/alerts/reports over real HTTP (`deskpulse serve`, bearer tokens): a team lead sees the
// scheduled reports written for their teams alone; one whose scope also lists another team is hidden
// whole, so the answer never names that team; a manager's digest (every team) is hidden too. An admin
// sees every report. Reports whose targets do not answer: their runs fail, which changes nothing here.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWarehouse, freePort, serveWarehouse, type Served } from '../../../e2e/support/e2e-server.ts';

let server: Served;
let tokens: Record<string, string>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-report-scope-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  const closed = await freePort();
  appendFileSync(config, `
notify:
  nowhere: { type: webhook, url: http://127.0.0.1:${closed}/hook }
reports:
  - { id: morning, schedule: "30 8 * * *", notify: [nowhere] }
  - { id: returns-only, schedule: "0 9 * * *", scope: { role: team_lead, teams: [returns] }, notify: [nowhere] }
  - { id: returns-and-logistics, schedule: "0 9 * * *", scope: { role: team_lead, teams: [returns, logistics] }, notify: [nowhere] }
  - { id: logistics-only, schedule: "0 9 * * *", scope: { role: team_lead, teams: [logistics] }, notify: [nowhere] }
`);
  tokens = demoWarehouse(db, config, ['--days', '3', '--tickets-per-day', '20', '--seed', '7'], {
    admin: { role: 'admin' }, returnsLead: { role: 'team_lead', teams: ['returns'] },
    bothLead: { role: 'team_lead', teams: ['returns', 'logistics'] }, planner: { role: 'planner' },
  });
  server = await serveWarehouse(db, ['--config', config]);
}, 180_000);

afterAll(async () => { await server?.stop(); });

async function reports(token: string): Promise<{ status: number; text: string; ids: string[] }> {
  const response = await fetch(`${server.url}/api/alerts/reports`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ids = response.ok ? (JSON.parse(text) as { reports: { id: string }[] }).reports.map((r) => r.id) : [];
  return { status: response.status, text, ids };
}

describe('GET /api/alerts/reports by role', () => {
  it('an admin sees every report', async () => {
    const { status, ids } = await reports(tokens.admin!);
    expect(status).toBe(200);
    expect(ids.sort()).toEqual(['logistics-only', 'morning', 'returns-and-logistics', 'returns-only']);
  });

  it('a team lead of returns sees the report for returns alone, and the answer never names logistics', async () => {
    const { status, text, ids } = await reports(tokens.returnsLead!);
    expect(status).toBe(200);
    expect(ids).toEqual(['returns-only']);
    expect(text.toLowerCase()).not.toContain('logistics');
    expect(text).not.toContain('物流');
  });

  it('a team lead of returns and logistics sees the reports within those two', async () => {
    const { ids } = await reports(tokens.bothLead!);
    expect(ids.sort()).toEqual(['logistics-only', 'returns-and-logistics', 'returns-only']);
  });

  it('a planner is refused with a clear error', async () => {
    const { status, text } = await reports(tokens.planner!);
    expect(status).toBe(403);
    expect(JSON.parse(text)).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });
});
