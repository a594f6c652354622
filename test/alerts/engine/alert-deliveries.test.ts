// alert_deliveries read back: attempts folded into deliveries (target, sent/failed, attempts, why) on the
// history event that sent them, through the API (team leads: their teams' only) and `deskpulse alerts
// history`; the open alerts carry the query of the tickets behind them.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDelivery, addHistory, recordRuleRun, saveAlert, type StoredAlert } from '../../../alerts/engine/alert-store.ts';
import { foldAttempts, withDeliveries } from '../../../alerts/engine/delivery-history.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';
import { bearer } from '../../web/server/fixtures/bearer.ts';

const T = Date.parse('2026-09-01T08:00:00Z');
const at = (seconds: number) => new Date(T + seconds * 1000);

describe('foldAttempts / withDeliveries', () => {
  const attempt = (target: string, seconds: number, n: number, outcome: 'sent' | 'failed', why: string | null = null) =>
    ({ alert_id: 'a', target, at: at(seconds).toISOString(), attempt: n, outcome, why });

  it('one delivery per message and target: its attempts counted, the last outcome, the last failure\'s reason (any order in)', () => {
    const folded = foldAttempts([attempt('ops', 5, 2, 'sent'), attempt('ops', 1, 1, 'failed', 'HTTP 500'), attempt('ops', 600, 1, 'sent')]);
    expect(folded.get('a')).toEqual([
      { target: 'ops', at: at(1).toISOString(), attempts: 2, outcome: 'sent', why: 'HTTP 500' },
      { target: 'ops', at: at(600).toISOString(), attempts: 1, outcome: 'sent', why: null },
    ]);
  });

  it('hangs each delivery on the latest sending event at or before it; acknowledgements get none', () => {
    const history = [
      { alert_id: 'a', at: at(700).toISOString(), event: 'acknowledged' },
      { alert_id: 'a', at: at(600).toISOString(), event: 'escalated' },
      { alert_id: 'a', at: at(0).toISOString(), event: 'fired' },
    ];
    const rows = withDeliveries(history, [attempt('ops', 1, 1, 'sent'), attempt('boss', 601, 1, 'failed', 'ECONNREFUSED'), attempt('boss', 602, 2, 'failed', 'HTTP 502')]);
    expect(rows.map((r) => [r.event, r.deliveries.map((d) => `${d.target}:${d.outcome}:${d.attempts}:${d.why}`)])).toEqual([
      ['acknowledged', []], ['escalated', ['boss:failed:2:HTTP 502']], ['fired', ['ops:sent:1:null']],
    ]);
  });
});

describe('deliveries through the API and the CLI', () => {
  let dir: string;
  let db: string;
  let config: string;
  let w: Warehouse;
  let app: FastifyInstance;
  let admin: { authorization: string };
  let lead: { authorization: string };
  let otherLead: { authorization: string };

  const alert = (id: string, rule: string, kind: string, teams: string[], group: Record<string, string>): StoredAlert => ({
    alert_id: id, rule_id: rule, group_key: Object.entries(group).map(([k, v]) => `${k}=${v}`).join(','), kind, state: 'firing', teams, title: `${id} out of line`,
    detail: { group, observed: 12, expected: 1.5 }, first_fired_at: at(0).toISOString(), last_seen_at: at(300).toISOString(), last_notified_at: at(0).toISOString(),
    notify_level: 0, acknowledged_by: null, acknowledged_at: null, resolved_at: null,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskpulse-deliveries-'));
    cpSync('config', join(dir, 'config'), { recursive: true });
    [db, config] = [join(dir, 'w.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
    appendFileSync(config, `
notify:
  ops:  { type: webhook, url: http://127.0.0.1:9/ops }
  boss: { type: webhook, url: http://127.0.0.1:9/boss }
alerts:
  - id: complaint-spike
    kind: anomaly
    filter: { problem_type: [complaint] }
    by: [product]
    window: 2h
    notify: [ops, boss]
`);
    w = await Warehouse.open(db);
    await w.withConnection(async (c) => {
      await syncConfig(c, loadConfig(config)); // the config's teams, for the team leads' tokens
      await saveAlert(c, alert('complaint-spike:product=laptop', 'complaint-spike', 'anomaly', ['escalations'], { product: 'laptop' }));
      await addHistory(c, 'complaint-spike:product=laptop', 'fired', 'complaint-spike: product=laptop: 12 tickets', at(0));
      await addDelivery(c, 'complaint-spike:product=laptop', { target: 'ops', attempt: 1, outcome: 'failed', why: 'HTTP 500: busy', at: at(1) });
      await addDelivery(c, 'complaint-spike:product=laptop', { target: 'ops', attempt: 2, outcome: 'sent', why: null, at: at(2) });
      await addHistory(c, 'complaint-spike:product=laptop', 'escalated', 'ESCALATED: complaint-spike', at(600));
      for (const n of [1, 2, 3]) await addDelivery(c, 'complaint-spike:product=laptop', { target: 'boss', attempt: n, outcome: 'failed', why: 'fetch failed: ECONNREFUSED', at: at(600 + n) });
      await saveAlert(c, alert('complaint-spike:product=phone', 'complaint-spike', 'anomaly', ['logistics'], { product: 'phone' }));
      await recordRuleRun(c, 'complaint-spike', at(300), 2, null);
      await saveAlert(c, alert('other:team=logistics', 'other', 'threshold', ['logistics'], { team: 'logistics' }));
      await addHistory(c, 'other:team=logistics', 'fired', 'other out of line', at(10));
      await addDelivery(c, 'other:team=logistics', { target: 'ops', attempt: 1, outcome: 'sent', why: null, at: at(11) });
    });
    app = await buildApp({ warehouse: w, timezone: 'Asia/Shanghai', planning: { configPath: config } });
    admin = await bearer(w.db, 'admin');
    lead = await bearer(w.db, 'team_lead', ['escalations']);
    otherLead = await bearer(w.db, 'team_lead', ['returns']);
  });
  afterAll(async () => {
    await app?.close();
    w?.close();
  });

  it('GET /api/alerts/history: each sending event with its deliveries; team leads their teams\' only; ?alert= one alert', async () => {
    const history = (await app.inject({ url: '/api/alerts/history', headers: admin })).json().history as any[];
    const spike = history.filter((h) => h.alert_id === 'complaint-spike:product=laptop');
    expect(spike.map((h) => [h.event, h.deliveries])).toEqual([
      ['escalated', [{ target: 'boss', at: at(601).toISOString(), attempts: 3, outcome: 'failed', why: 'fetch failed: ECONNREFUSED' }]],
      ['fired', [{ target: 'ops', at: at(1).toISOString(), attempts: 2, outcome: 'sent', why: 'HTTP 500: busy' }]],
    ]);
    const leads = (await app.inject({ url: '/api/alerts/history', headers: lead })).json().history as any[];
    expect(new Set(leads.map((h) => h.alert_id))).toEqual(new Set(['complaint-spike:product=laptop']));
    expect((await app.inject({ url: '/api/alerts/history', headers: otherLead })).json().history).toEqual([]);
    const one = (await app.inject({ url: '/api/alerts/history?alert=other%3Ateam%3Dlogistics', headers: admin })).json().history as any[];
    expect(one.map((h) => [h.event, h.deliveries.map((d: any) => d.target)])).toEqual([['fired', ['ops']]]);
  });

  it('GET /api/alerts: the tickets behind an alert as the ticket list\'s query (rule filter, group, the episode\'s days); rules with their next run; the desk\'s zone', async () => {
    const body = (await app.inject({ url: '/api/alerts', headers: admin })).json();
    const spike = body.alerts.find((a: any) => a.rule_id === 'complaint-spike');
    // fired 08:00Z = 16:00 in Shanghai; the 2 h window starts the same local day
    expect(spike.tickets_query).toEqual({ problem_type: ['complaint'], product: ['laptop'], from: ['2026-09-01'], to: ['2026-09-01'] });
    expect(body.rules).toEqual([expect.objectContaining({ id: 'complaint-spike', kind: 'anomaly', by: ['product'], window_seconds: 7200, firing: 2, next_run_at: null })]);
    // The page shows every time in the desk's zone, the dashboards', whatever the browser's.
    expect(body.timezone).toBe('Asia/Shanghai');
    // A team lead is not told how many other teams' groups are out of line: only their own.
    expect((await app.inject({ url: '/api/alerts', headers: lead })).json().rules[0].firing).toBe(1);
    expect((await app.inject({ url: '/api/alerts', headers: otherLead })).json().rules[0].firing).toBe(0);
    const acked = await app.inject({ method: 'POST', url: '/api/alerts/complaint-spike%3Aproduct%3Dlaptop/ack', headers: lead });
    expect(acked.json().alert).toMatchObject({ state: 'acknowledged', tickets_query: { product: ['laptop'] } });
  });

  it('`deskpulse alerts history` prints each message\'s deliveries under it', async () => {
    await app.close();
    w.close();
    assertFreshServerBuild();
    const run = spawnSync('node', ['bin/deskpulse.js', 'alerts', 'history', '--db', db, '--config', config], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const fired = lines.findIndex((l) => l.includes('fired') && l.includes('complaint-spike:product=laptop'));
    expect(lines[fired + 1]).toBe('    -> ops: sent (2 attempts; last failure: HTTP 500: busy)');
    const escalated = lines.findIndex((l) => l.includes('escalated'));
    expect(lines[escalated + 1]).toBe('    -> boss: failed after 3 attempts: fetch failed: ECONNREFUSED');
    expect(lines.some((l) => l.includes('acknowledged') && l.includes('complaint-spike:product=laptop'))).toBe(true);
  });
});
