// `serve` reschedules the reports when the config changes, as it reloads the alert rules: a changed
// schedule and a new report are in force without a restart; a bad file keeps the schedules in force
// and the log says why.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportScheduler } from '../../../alerts/schedule/report-scheduler.ts';
import { recordRun } from '../../../alerts/schedule/report-runs.ts';
import { Warehouse } from '../../../warehouse/database.ts';

let dir: string;
let config: string;
let w: Warehouse;
let scheduler: ReportScheduler;
const logged: string[] = [];
const log = { info: (_: object, m: string) => { logged.push(m); }, error: (_: object, m: string) => { logged.push(m); } };

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; log:\n${logged.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const shown = () => scheduler.schedules().map((s) => `${s.id} ${s.schedule}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-report-reload-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  config = join(dir, 'config', 'deskpulse.yaml');
  appendFileSync(config, `
notify:
  managers: { type: webhook, url: http://127.0.0.1:9/managers }
reports:
  - id: morning
    schedule: "30 8 * * *"
    notify: [managers]
`);
  w = await Warehouse.open(join(dir, 'w.duckdb'));
  // Its latest run is recorded: no catch-up run at start (this test is about schedules, not sending).
  await w.withConnection((db) => recordRun(db, { report_id: 'morning', scheduled_for: new Date(), ran_at: new Date(), outcome: 'sent', why: null }));
  scheduler = new ReportScheduler(w, config, 'http://127.0.0.1:3000', log, { attempts: 1 });
  await scheduler.start();
});
afterAll(async () => {
  await scheduler?.stop();
  w?.close();
});

describe('report schedules follow the config', () => {
  it('a changed schedule and a new report are in force after the file changes, without a restart', async () => {
    expect(shown()).toEqual(['morning 30 8 * * *']);
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace('"30 8 * * *"', '"0 9 * * 1-5"') + `  - id: evening
    schedule: "0 18 * * *"
    notify: [managers]
`);
    await waitFor('the new schedules', () => shown().join(';') === 'morning 0 9 * * 1-5;evening 0 18 * * *');
    const morning = scheduler.schedules().find((s) => s.id === 'morning')!;
    // 09:00 in the config's zone (Asia/Shanghai) on a weekday
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(morning.next!);
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    expect(logged.some((m) => m.includes('reports: 2 scheduled after the config changed'))).toBe(true);
  });

  it('a bad file keeps the schedules in force and says why', async () => {
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace('"0 18 * * *"', '"0 25 * * *"'));
    await waitFor('the refusal', () => logged.some((m) => m.includes('the config was not reloaded')));
    expect(logged.find((m) => m.includes('the config was not reloaded'))).toMatch(/the 2 schedules in force stay: .*deskpulse\.yaml:\d+:\d+: reports\.1\.schedule: "0 25 \* \* \*" is not a cron schedule/);
    expect(shown()).toEqual(['morning 0 9 * * 1-5', 'evening 0 18 * * *']);
  });
});
