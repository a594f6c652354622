// reports: refused with file, line and column; the anomaly alerts a digest lists are its scope's; an SMTP server that is not there: every attempt
// recorded (failed, why) in alert_deliveries, the run recorded as failed in report_runs, nothing thrown.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../warehouse/config-file.ts';
import { readReportConfig } from '../../../alerts/digest/report-config.ts';
import { digestData } from '../../../alerts/digest/digest-data.ts';
import { saveAlert } from '../../../alerts/engine/alert-store.ts';
import { composeDigest, deliverDigest } from '../../../alerts/digest/send-report.ts';
import { ReportScheduler } from '../../../alerts/schedule/report-scheduler.ts';
import { lastRuns } from '../../../alerts/schedule/report-runs.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { queryRows } from '../../../warehouse/metrics/metric-sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-report-config-'));
const BASE = readFileSync('config/deskpulse.yaml', 'utf8');

function configWith(extra: string, name = 'deskpulse.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, `${BASE}\n${extra}`);
  copyFileSync('config/dispatch-rules.yaml', join(dir, 'dispatch-rules.yaml'));
  return file;
}

function refusal(extra: string): ConfigError {
  try {
    readReportConfig(configWith(extra, 'bad.yaml'));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('the config was accepted');
}

const baseLines = BASE.split('\n').length;
const TARGET = 'notify:\n  m: { type: email, host: 127.0.0.1, port: 2525, from: d@example.com, to: [a@example.com] }\n';

describe('reports: in the config', () => {
  it('refuses a bad schedule, an unknown team and an e-mail target without recipients, naming line and column', () => {
    const cron = refusal(`${TARGET}reports:\n  - id: morning\n    schedule: "30 25 * * *"\n    notify: [m]\n`);
    expect(cron.key).toBe('reports.0.schedule');
    expect(cron.line).toBe(baseLines + 5);
    expect(cron.message).toMatch(/not a cron schedule/);
    const team = refusal(`${TARGET}reports:\n  - id: t\n    schedule: "0 9 * * *"\n    scope: { role: team_lead, teams: [nowhere] }\n    notify: [m]\n`);
    expect(team.key).toBe('reports.0.scope.teams.0');
    expect(team.message).toMatch(/unknown team "nowhere"/);
    const to = refusal('notify:\n  m: { type: email, host: 127.0.0.1, from: d@example.com }\n');
    expect(to.key).toBe('notify.m.to');
    expect(to.line).toBe(baseLines + 2);
  });
});

describe('a digest whose SMTP server is not there', () => {
  let warehouse: Warehouse;
  let config: string;
  beforeAll(async () => {
    // a port nothing listens on
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    config = configWith(`notify:\n  m: { type: email, host: 127.0.0.1, port: ${port}, from: d@example.com, to: [a@example.com] }\n`
      + 'reports:\n  - id: morning\n    schedule: "30 8 * * *"\n    notify: [m]\n');
    warehouse = await Warehouse.open(join(dir, 'empty.duckdb'));
  });
  afterAll(() => warehouse?.close());

  it('records each attempt and the reason, and resolves with the failed target', async () => {
    const rc = readReportConfig(config);
    const digest = await composeDigest(warehouse, rc, rc.reports[0]!, '2026-01-05', { baseUrl: 'http://127.0.0.1:3000' });
    const { failed } = await deliverDigest(warehouse, rc, digest, { backoffMs: () => 10 });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^m: .*ECONNREFUSED/);
    const attempts = await queryRows(warehouse.db, "SELECT attempt, outcome, why FROM alert_deliveries WHERE alert_id = 'report:morning:2026-01-05' ORDER BY attempt", {});
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed']]);
    expect(String(attempts[0]!.why)).toMatch(/ECONNREFUSED/);
  });

  it('lists the anomaly alerts of the scope\'s teams only: one also concerning another team is left out', async () => {
    const alert = (team: string, kind = 'anomaly') => saveAlert(warehouse.db, {
      alert_id: `spike:${team}:${kind}`, rule_id: 'spike', group_key: `team=${team}`, kind, state: 'firing', teams: team.split('+'), title: `${kind} in ${team}`,
      detail: {}, first_fired_at: '2026-01-05T01:00:00Z', last_seen_at: '2026-01-05T01:00:00Z', last_notified_at: null, notify_level: 0,
      acknowledged_by: null, acknowledged_at: null, resolved_at: null,
    });
    await alert('returns');
    await alert('logistics');
    await alert('returns', 'threshold');
    await alert('returns+logistics');
    const lead = await digestData(warehouse.db, { scope: { role: 'team_lead', teams: ['returns'] } }, '2026-01-05', 'Asia/Shanghai');
    expect(lead.outOfLine).toEqual(['anomaly in returns']);
    const both = await digestData(warehouse.db, { scope: { role: 'team_lead', teams: ['returns', 'logistics'] } }, '2026-01-05', 'Asia/Shanghai');
    expect([...both.outOfLine].sort()).toEqual(['anomaly in logistics', 'anomaly in returns', 'anomaly in returns+logistics']);
    const manager = await digestData(warehouse.db, { scope: { role: 'manager', teams: null } }, '2026-01-05', 'Asia/Shanghai');
    expect([...manager.outOfLine].sort()).toEqual(['anomaly in logistics', 'anomaly in returns', 'anomaly in returns+logistics']);
    await warehouse.db.run('DELETE FROM alerts');
  });

  it('the scheduler records the missed run as failed with why, once, and does not throw', async () => {
    const errors: string[] = [];
    const scheduler = new ReportScheduler(warehouse, config, 'http://127.0.0.1:3000', { info: () => undefined, error: (_o, m) => errors.push(m) },
      { backoffMs: () => 10 });
    await scheduler.start();
    await scheduler.stop(60_000);
    const run = (await warehouse.withConnection((db) => lastRuns(db))).get('morning')!;
    expect(run.outcome).toBe('failed');
    expect(run.why).toMatch(/ECONNREFUSED/);
    expect(errors.filter((e) => /morning for .* failed/.test(e))).toHaveLength(1);
  });
});
