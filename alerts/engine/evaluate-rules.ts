// One evaluation of every rule at `now`: findings become alerts (firing), alerts no longer found are
// resolved, and notifications go out: a new alert to the rule's first target (not again within its
// cooldown, not while silenced); a breaching or step alert still firing and not acknowledged is reminded every
// `remind_every` and escalated to the next target every `escalate_after`. A rule that fails is recorded
// with its error; the others still run.
import type { Warehouse } from '../../warehouse/database.ts';
import type { DeskPulseConfig } from '../../warehouse/config.ts';
import type { AlertConfig, AlertRule } from '../config/alert-config.ts';
import { deliver, type DeliveryOptions } from '../notify/deliver.ts';
import type { AlertMessage } from '../notify/message.ts';
import { evaluateAnomaly } from '../rules/anomaly.ts';
import { evaluateBreaching } from '../rules/breaching.ts';
import type { Finding } from '../rules/finding.ts';
import { ruleContext, type RuleContext } from '../rules/rule-context.ts';
import { evaluateStep } from '../rules/step.ts';
import { evaluateThreshold } from '../rules/threshold.ts';
import { addDelivery, addHistory, isSilenced, listAlerts, recordRuleRun, saveAlert, type StoredAlert } from './alert-store.ts';

export function findingsOf(rule: AlertRule, ctx: RuleContext): Promise<Finding[]> {
  switch (rule.kind) {
    case 'threshold': return evaluateThreshold(rule, ctx);
    case 'anomaly': return evaluateAnomaly(rule, ctx);
    case 'breaching': return evaluateBreaching(rule, ctx);
    case 'step': return evaluateStep(rule, ctx);
  }
}

export interface Notification { alert: StoredAlert; event: 'fired' | 'reminded' | 'escalated'; target: string; message: AlertMessage }

export interface EvaluationResult { notifications: Notification[]; errors: { rule: string; error: string }[] }

const seconds = (from: string | null, to: Date) => (from === null ? Infinity : (to.getTime() - Date.parse(from)) / 1000);

function messageOf(alert: StoredAlert, finding: Finding, event: Notification['event'], now: Date): AlertMessage {
  const prefix = event === 'reminded' ? 'REMINDER: ' : event === 'escalated' ? `ESCALATED (level ${alert.notify_level}): ` : '';
  return { alertId: alert.alert_id, ruleId: alert.rule_id, kind: alert.kind, event, title: prefix + finding.title, lines: finding.lines,
    detail: { ...finding.detail, teams: finding.teams }, at: now.toISOString() };
}

/** What to send for one alert found again (or for the first time) at `now`, and its new state. */
async function decide(warehouse: Warehouse, rule: AlertRule, finding: Finding, existing: StoredAlert | undefined, now: Date): Promise<Notification | null> {
  const nowIso = now.toISOString();
  const alertId = finding.groupKey ? `${rule.id}:${finding.groupKey}` : rule.id;
  const open = existing && existing.state !== 'resolved' ? existing : undefined;
  const alert: StoredAlert = open
    ? { ...open, teams: finding.teams, title: finding.title, detail: finding.detail, last_seen_at: nowIso }
    : { alert_id: alertId, rule_id: rule.id, group_key: finding.groupKey, kind: rule.kind, state: 'firing', teams: finding.teams, title: finding.title,
      detail: finding.detail, first_fired_at: nowIso, last_seen_at: nowIso, last_notified_at: existing?.last_notified_at ?? null, notify_level: 0,
      acknowledged_by: null, acknowledged_at: null, resolved_at: null };
  let event: Notification['event'] | null = null;
  const silenced = await warehouse.withConnection((db) => isSilenced(db, rule.id, finding.groupKey, now));
  if (!silenced && !open && seconds(alert.last_notified_at, now) >= rule.cooldown) event = 'fired';
  if (!silenced && open && open.state === 'firing' && (rule.kind === 'breaching' || rule.kind === 'step')) {
    const due = Math.floor(seconds(open.first_fired_at, now) / rule.escalateAfter);
    if (due > open.notify_level && open.notify_level < rule.notify.length - 1) {
      alert.notify_level = Math.min(due, rule.notify.length - 1);
      event = 'escalated';
    } else if (seconds(open.last_notified_at, now) >= rule.remindEvery) event = 'reminded';
  }
  if (event) alert.last_notified_at = nowIso;
  await warehouse.withConnection(async (db) => {
    await saveAlert(db, alert);
    if (!open) await addHistory(db, alertId, silenced ? 'silenced' : 'fired', finding.title, now);
    else if (event) await addHistory(db, alertId, event, finding.title, now);
  });
  return event ? { alert, event, target: rule.notify[alert.notify_level]!, message: messageOf(alert, finding, event, now) } : null;
}

/** Evaluates every rule at `now` and records state and history; sends nothing (see notify()). */
export async function evaluateRules(warehouse: Warehouse, alerts: AlertConfig, config: DeskPulseConfig, now: Date): Promise<EvaluationResult> {
  const notifications: Notification[] = [];
  const errors: EvaluationResult['errors'] = [];
  for (const rule of alerts.rules) {
    let findings: Finding[];
    try {
      findings = await warehouse.withConnection((db) => findingsOf(rule, ruleContext(db, config, now)));
    } catch (err) {
      const error = (err as Error).message;
      errors.push({ rule: rule.id, error });
      await warehouse.withConnection((db) => recordRuleRun(db, rule.id, now, 0, error)).catch(() => undefined);
      continue;
    }
    const existing = new Map((await warehouse.withConnection((db) => listAlerts(db, { ruleId: rule.id }))).map((a) => [a.alert_id, a]));
    const found = new Set<string>();
    for (const finding of findings) {
      const alertId = finding.groupKey ? `${rule.id}:${finding.groupKey}` : rule.id;
      found.add(alertId);
      const notification = await decide(warehouse, rule, finding, existing.get(alertId), now);
      if (notification) notifications.push(notification);
    }
    for (const alert of existing.values()) {
      if (alert.state === 'resolved' || found.has(alert.alert_id)) continue;
      await warehouse.withConnection(async (db) => {
        await saveAlert(db, { ...alert, state: 'resolved', resolved_at: now.toISOString() });
        await addHistory(db, alert.alert_id, 'resolved', alert.title, now);
      });
    }
    await warehouse.withConnection((db) => recordRuleRun(db, rule.id, now, findings.length, null));
  }
  return { notifications, errors };
}

/** Sends the notifications (each to its target, all at once), every attempt recorded; never throws. */
export async function notify(warehouse: Warehouse, alerts: AlertConfig, notifications: Notification[], options: DeliveryOptions = {}): Promise<void> {
  await Promise.all(notifications.map(async (n) => {
    const target = alerts.targets.get(n.target);
    if (!target) return;
    await deliver([target], n.message, (attempt) => warehouse.withConnection((db) => addDelivery(db, n.alert.alert_id, attempt)), options);
  }));
}
