// The scheduled reports with where each digest went (GET /api/alerts/reports, the Alerts page): every
// attempt of a report's delivery folded into one delivery per day and target (sent or failed, why,
// when), newest first; a team lead sees only the reports written for their teams.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportConfig, type ReportConfig } from '../../../alerts/digest/report-config.ts';
import { addDelivery } from '../../../alerts/engine/alert-store.ts';
import { recordRun } from '../../../alerts/schedule/report-runs.ts';
import { reportStatuses, visibleReports } from '../../../alerts/schedule/report-deliveries.ts';
import { Warehouse } from '../../../warehouse/database.ts';

let w: Warehouse;
let rc: ReportConfig;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-report-deliveries-'));
  const file = join(dir, 'deskpulse.yaml');
  copyFileSync('config/dispatch-rules.yaml', join(dir, 'dispatch-rules.yaml'));
  writeFileSync(file, `${readFileSync('config/deskpulse.yaml', 'utf8')}
notify:
  ops:  { type: webhook, url: http://127.0.0.1:9/ops }
  dead: { type: webhook, url: http://127.0.0.1:9/dead }
reports:
  - id: morning
    schedule: "30 8 * * *"
    notify: [ops, dead]
  - id: returns-lead
    schedule: "0 9 * * 1-5"
    scope: { role: team_lead, teams: [returns, logistics] }
    language: zh
    notify: [ops]
`);
  rc = readReportConfig(file);
  w = await Warehouse.open(':memory:');
  const at = (iso: string) => new Date(iso);
  await w.withConnection(async (db) => {
    // morning of 12-01: ops sent; dead failed 3 times. morning of 12-02: ops sent after one failure.
    await addDelivery(db, 'report:morning:2026-12-01', { target: 'ops', attempt: 1, outcome: 'sent', why: null, at: at('2026-12-02T00:30:01Z') });
    for (const attempt of [1, 2, 3]) {
      await addDelivery(db, 'report:morning:2026-12-01', { target: 'dead', attempt, outcome: 'failed', why: `HTTP 500 (${attempt})`, at: at(`2026-12-02T00:30:0${attempt}Z`) });
    }
    await addDelivery(db, 'report:morning:2026-12-02', { target: 'ops', attempt: 1, outcome: 'failed', why: 'ECONNRESET', at: at('2026-12-03T00:30:01Z') });
    await addDelivery(db, 'report:morning:2026-12-02', { target: 'ops', attempt: 2, outcome: 'sent', why: null, at: at('2026-12-03T00:30:02Z') });
    await addDelivery(db, 'report:returns-lead:2026-12-02', { target: 'ops', attempt: 1, outcome: 'sent', why: null, at: at('2026-12-03T01:00:01Z') });
    // An alert's delivery and a report no longer configured are not listed.
    await addDelivery(db, 'frt-low:team=returns', { target: 'ops', attempt: 1, outcome: 'sent', why: null, at: at('2026-12-03T02:00:00Z') });
    await addDelivery(db, 'report:gone:2026-12-02', { target: 'ops', attempt: 1, outcome: 'sent', why: null, at: at('2026-12-03T02:00:00Z') });
    await recordRun(db, { report_id: 'morning', scheduled_for: at('2026-12-03T00:30:00Z'), ran_at: at('2026-12-03T00:30:03Z'), outcome: 'sent', why: null });
  });
});
afterAll(() => w?.close());

describe('report deliveries', () => {
  it('lists each report with its schedule, scope, next and last run and its deliveries, newest first', async () => {
    const now = new Date('2026-12-03T03:00:00Z'); // 11:00 in Shanghai, a Thursday
    const [morning, lead] = await w.withConnection((db) => reportStatuses(db, rc, null, now));
    expect(morning).toMatchObject({ id: 'morning', schedule: '30 8 * * *', timezone: 'Asia/Shanghai', scope: { role: 'manager', teams: [] }, language: 'en',
      notify: ['ops', 'dead'], next_run_at: '2026-12-04T00:30:00.000Z',
      last_run: { scheduled_for: '2026-12-03T00:30:00.000Z', outcome: 'sent', why: null } });
    expect(morning!.deliveries.map((d) => [d.day, d.target, d.outcome, d.attempts, d.why, d.at])).toEqual([
      ['2026-12-02', 'ops', 'sent', 2, 'ECONNRESET', '2026-12-03T00:30:01.000Z'],
      ['2026-12-01', 'dead', 'failed', 3, 'HTTP 500 (3)', '2026-12-02T00:30:01.000Z'],
      ['2026-12-01', 'ops', 'sent', 1, null, '2026-12-02T00:30:01.000Z'],
    ]);
    expect(lead).toMatchObject({ id: 'returns-lead', scope: { role: 'team_lead', teams: ['returns', 'logistics'] }, language: 'zh', last_run: null,
      next_run_at: '2026-12-04T01:00:00.000Z', deliveries: [{ day: '2026-12-02', target: 'ops', outcome: 'sent', attempts: 1 }] });
  });

  it('shows a team lead only the reports written for their teams alone: one spanning another team is hidden', async () => {
    // returns-lead is written for returns and logistics
    expect(visibleReports(rc.reports, ['returns', 'logistics']).map((r) => r.id)).toEqual(['returns-lead']);
    expect(visibleReports(rc.reports, ['logistics', 'returns', 'escalations']).map((r) => r.id)).toEqual(['returns-lead']);
    expect(visibleReports(rc.reports, ['logistics']).map((r) => r.id)).toEqual([]);
    expect(visibleReports(rc.reports, ['escalations']).map((r) => r.id)).toEqual([]);
    expect(visibleReports(rc.reports, []).map((r) => r.id)).toEqual([]);
    expect(visibleReports(rc.reports, null).map((r) => r.id)).toEqual(['morning', 'returns-lead']);
    expect((await w.withConnection((db) => reportStatuses(db, rc, ['returns']))).map((r) => r.id)).toEqual([]);
    expect((await w.withConnection((db) => reportStatuses(db, rc, ['returns', 'logistics']))).map((r) => r.id)).toEqual(['returns-lead']);
  });
});
