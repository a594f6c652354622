// The `step` alert kind: tickets over their step limit fire one alert naming them (by team or for
// the rule's filter), reminded then escalated along notify: as a breaching alert, resolved once no
// ticket is over; rules are refused without step limits or naming a status without one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertConfig, type AlertConfig } from '../../../alerts/config/alert-config.ts';
import { listAlerts } from '../../../alerts/engine/alert-store.ts';
import { ticketsQuery } from '../../../alerts/engine/alert-drill.ts';
import { evaluateRules } from '../../../alerts/engine/evaluate-rules.ts';
import { ConfigError } from '../../../warehouse/config-file.ts';
import { loadConfig, type DeskPulseConfig } from '../../../warehouse/config.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { insertEvents } from '../../warehouse/fixtures/insert-events.ts';
import { STEP_EVENTS, STEP_YAML } from '../../warehouse/metrics/fixtures/step-week.ts';

const RULES = `notify:
  floor: { type: webhook, url: http://127.0.0.1:9/floor }
  boss:  { type: webhook, url: http://127.0.0.1:9/boss }
alerts:
  - id: pending-late
    kind: step
    status: pending
    filter: { team: [support] }
    notify: [floor, boss]
    remind_every: 10m
    escalate_after: 30m
  - id: steps
    kind: step
    by: [team]
    notify: [floor]
`;
// Mon 2026-03-30 10:30 CEST: only P1 is over (pending 26.5 h of 24); R1 follows at 11:00 CEST.
const NOW = Date.parse('2026-03-30T08:30:00Z');
const minutes = (m: number) => new Date(NOW + m * 60_000);

let w: Warehouse;
let config: DeskPulseConfig;
let alerts: AlertConfig;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'step-alerts-')), 'deskpulse.yaml');
  writeFileSync(file, STEP_YAML + RULES);
  config = loadConfig(file);
  alerts = parseAlertConfig(STEP_YAML + RULES, file);
  w = await Warehouse.open(':memory:');
  await syncConfig(w.db, config);
  await insertEvents(w.db, STEP_EVENTS);
  await deriveTickets(w.db, 'all');
});
afterAll(() => w.close());

const sent = async (at: Date, rule: string) => (await evaluateRules(w, alerts, config, at)).notifications
  .filter((n) => n.alert.rule_id === rule).map((n) => ({ alert: n.alert.alert_id, event: n.event, target: n.target, title: n.message.title, lines: n.message.lines }));

describe('step rules', () => {
  it('a ticket over its pending limit gives one alert naming it; reminded, then escalated to the next target', async () => {
    const fired = await sent(minutes(0), 'pending-late');
    expect(fired).toEqual([{ alert: 'pending-late', event: 'fired', target: 'floor', title: 'pending-late: 1 ticket is over a step limit',
      lines: ['P1: pending for 26.5 h (calendar time), limit 24 h, team support, agent unassigned'] }]);
    expect(await sent(minutes(5), 'pending-late')).toEqual([]);
    expect((await sent(minutes(10), 'pending-late')).map((n) => [n.event, n.target, n.title])).toEqual([['reminded', 'floor', 'REMINDER: pending-late: 1 ticket is over a step limit']]);
    expect((await sent(minutes(30), 'pending-late')).map((n) => [n.event, n.target])).toEqual([['escalated', 'boss']]);
    const [alert] = await w.withConnection((db) => listAlerts(db, { ruleId: 'pending-late' }));
    expect(alert).toMatchObject({ kind: 'step', state: 'firing', notify_level: 1, teams: ['support'] });
    expect(ticketsQuery(alert!, alerts.rules[0], config.timezone)).toEqual({ team: ['support'], on: ['open'] });
  });

  it('groups by team: the return exchange on hold since Friday 16:00 is over its 4 business hours after Monday 11:00 CEST, not at it', async () => {
    // The team rule ran with the evaluations above, the last at 11:00 CEST (R1 at exactly 4 h): support's alert (P1) only.
    const open = async () => (await w.withConnection((db) => listAlerts(db, { ruleId: 'steps' }))).filter((a) => a.state !== 'resolved').map((a) => a.alert_id);
    expect(await open()).toEqual(['steps:team=support']);
    expect(await sent(minutes(36), 'steps')).toEqual([{ alert: 'steps:team=returns', event: 'fired', target: 'floor',
      title: 'steps: team=returns: 1 ticket is over a step limit', lines: ['R1: on_hold for 4.1 h (business time), limit 4 h, team returns, agent unassigned'] }]);
    expect((await open()).sort()).toEqual(['steps:team=returns', 'steps:team=support']);
  });
});

describe('step rule config', () => {
  const refusal = (yaml: string): ConfigError => {
    try {
      parseAlertConfig(yaml, 'deskpulse.yaml');
    } catch (err) {
      return err as ConfigError;
    }
    throw new Error('accepted');
  };
  it('needs step limits, and a status that has one', () => {
    const noLimits = refusal(RULES);
    expect([noLimits.line, noLimits.key, noLimits.reason]).toEqual([6, 'alerts.0.kind', 'a step rule needs step limits: declare step_limits: [ { status: pending, limit: 24h } ] in this file']);
    const status = refusal(STEP_YAML + RULES.replace('status: pending', 'status: [pending, new]'));
    expect([status.key, status.reason]).toEqual(['alerts.0.status.1', '"new" has no step limit; use one of pending, on_hold']);
  });
});
