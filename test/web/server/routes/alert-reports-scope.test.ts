// GET /api/alerts/reports over real HTTP (`deskpulse serve`, bearer tokens): a team lead sees the
// scheduled reports written for their teams alone; one whose scope also lists another team is hidden
// whole, so the answer never names that team; a manager's digest (every team) is hidden too. An admin
// sees every report, and where each digest goes and went; a lead not (the targets are the desk's channels).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDelivery } from '../../../../alerts/engine/alert-store.ts';
import { recordRun } from '../../../../alerts/schedule/report-runs.ts';
import { freePort, type Served } from '../../../e2e/support/e2e-server.ts';
import { serveWithAlerts } from './fixtures/served-alerts.ts';

let server: Served;
let tokens: Record<string, string>;

beforeAll(async () => {
  const closed = await freePort();
  ({ server, tokens } = await serveWithAlerts({
    admin: { role: 'admin' }, returnsLead: { role: 'team_lead', teams: ['returns'] },
    bothLead: { role: 'team_lead', teams: ['returns', 'logistics'] }, planner: { role: 'planner' },
  }, async (db) => {
    // a digest of returns-only that went nowhere: its deliveries and last run name the target
    const at = new Date('2026-12-01T09:00:00Z');
    await addDelivery(db, 'report:returns-only:2026-11-30', { target: 'nowhere', at, attempt: 1, outcome: 'failed', why: 'connection refused' });
    await recordRun(db, { report_id: 'returns-only', scheduled_for: at, ran_at: at, outcome: 'failed', why: 'nowhere: connection refused' });
  }, `
notify:
  nowhere: { type: webhook, url: http://127.0.0.1:${closed}/hook }
reports:
  - { id: morning, schedule: "30 8 * * *", notify: [nowhere] }
  - { id: returns-only, schedule: "0 9 * * *", scope: { role: team_lead, teams: [returns] }, notify: [nowhere] }
  - { id: returns-and-logistics, schedule: "0 9 * * *", scope: { role: team_lead, teams: [returns, logistics] }, notify: [nowhere] }
  - { id: logistics-only, schedule: "0 9 * * *", scope: { role: team_lead, teams: [logistics] }, notify: [nowhere] }
`));
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

  it('where a digest goes and went (targets, deliveries, the last run\'s why) is shown to an admin, not to a lead: the targets are the desk\'s', async () => {
    const returnsOnly = (text: string) => (JSON.parse(text) as { reports: { id: string }[] }).reports.find((r) => r.id === 'returns-only');
    expect(returnsOnly((await reports(tokens.admin!)).text)).toMatchObject({
      notify: ['nowhere'], deliveries: [{ target: 'nowhere', outcome: 'failed', day: '2026-11-30' }], last_run: { outcome: 'failed', why: 'nowhere: connection refused' },
    });
    const { text } = await reports(tokens.returnsLead!);
    expect(returnsOnly(text)).toMatchObject({ notify: [], deliveries: [], last_run: { outcome: 'failed', why: null } });
    expect(text).not.toContain('nowhere');
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
