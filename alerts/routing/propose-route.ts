// From an open product or region alert, the dispatch-rule change that sends its tickets to a chosen
// team (route-plan.ts), previewed in both languages and, with `apply`, written as a new version of
// the dispatch rules through the same checked, atomic write as a staffing apply, so the history and
// rollback undo it. Who may do it is the caller's (the API's roles); the CLI is the file's owner.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { readDispatchRulesText } from '../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { unifiedDiff } from '../../forecasting/dispatch-rules/unified-diff.ts';
import { listVersions, recordVersion } from '../../forecasting/dispatch-rules/versions.ts';
import { writeRulesVersion } from '../../forecasting/dispatch-rules/write-rules-version.ts';
import type { WarehouseSession } from '../../forecasting/warehouse-session.ts';
import type { TeamConfig } from '../../warehouse/config.ts';
import { readValueLabels } from '../../warehouse/value-labels.ts';
import type { AlertRule } from '../config/alert-config.ts';
import { alertNotFound } from '../engine/alert-not-found.ts';
import { listAlerts, type StoredAlert } from '../engine/alert-store.ts';
import { routeMatchOf, type RouteMatch } from './route-match.ts';
import { planRoute, type RouteChange, type QueueRef, type TeamRef } from './route-plan.ts';
import { routeLines, type Lang, type NameOf } from './route-text.ts';
import { AS_FOUND_MODEL, routeVersionModel } from './route-version.ts';

export interface Label { en: string; zh: string }

/** A refusal with the status the API answers and its words in both languages. */
export class RouteProposalError extends Error {
  constructor(readonly statusCode: 400 | 403 | 404 | 409, readonly label: Label) {
    super(label.en);
    this.name = 'RouteProposalError';
  }
}

export interface ProposeRouteOptions {
  db: WarehouseSession;
  alertId: string;
  team: string;
  /** The config's teams (the only teams a queue may be routed to). */
  teams: readonly TeamConfig[];
  /** The config's alert rules: the alert's rule gives the filter its tickets were counted under. */
  rules: readonly AlertRule[];
  dispatchRulesPath: string;
  /** Who previews or applies (a person and role, never a token id), for the preview and the version history. */
  who: string;
  apply: boolean;
  /** A team lead's teams: only their teams' alerts are found (null: every alert). */
  scopeTeams?: readonly string[] | null;
  now?: number;
}

export interface RouteProposal {
  alert: { id: string; ruleId: string; state: string; title: string; routed: Record<string, string> };
  team: TeamRef;
  /** null: the rules already route these tickets to the team. */
  change: RouteChange | null;
  takenBy: QueueRef | null;
  /** The preview, per language. */
  lines: Record<Lang, string[]>;
  diff: string;
  changed: boolean;
  /** The recorded version; null for a preview or when nothing changes. */
  versionId: number | null;
  /** The version `dispatch-rules rollback` restores to undo it (the text before it); null for a preview. */
  previousVersion: number | null;
  who: string;
  /** The dispatch rules file by name. */
  file: string;
}

async function openAlert(o: ProposeRouteOptions): Promise<StoredAlert> {
  const [alert] = await listAlerts(o.db.db, { alertId: o.alertId, teams: o.scopeTeams ? [...o.scopeTeams] : null });
  if (!alert) throw new RouteProposalError(404, alertNotFound(o.alertId));
  if (alert.state === 'resolved') {
    throw new RouteProposalError(409, { en: `alert "${o.alertId}" is resolved: routing is proposed from an open (firing or acknowledged) alert`,
      zh: '该告警已恢复：只能从未关闭（告警中或已确认）的告警提出分派调整' });
  }
  return alert;
}

function teamOf(o: ProposeRouteOptions): TeamRef {
  const team = o.teams.find((t) => t.id === o.team);
  if (!team) {
    throw new RouteProposalError(400, { en: `unknown team "${o.team}"; the config's teams are ${o.teams.map((t) => t.id).join(', ') || 'none'}`,
      zh: `未知团队 "${o.team}"；请从配置中的团队选择` });
  }
  return { id: team.id, names: { en: team.name_en ?? team.name_zh ?? team.id, zh: team.name_zh ?? team.name_en ?? team.id } };
}

function routeOf(alert: StoredAlert, rule: AlertRule | undefined): RouteMatch {
  // Without its rule the filter the alert counted under is unknown: the group alone would route more.
  if (!rule) {
    throw new RouteProposalError(409, { en: `alert "${alert.alert_id}": its rule "${alert.rule_id}" is not among the configured alert rules `
      + '(removed, or the config cannot be read), so which tickets it counted is unknown; propose routing from an alert of a configured rule',
    zh: `告警 "${alert.alert_id}" 的规则 "${alert.rule_id}" 不在当前配置的告警规则中（已删除或配置无法读取），无法确定它统计的工单；请从现有规则的告警提出分派调整` });
  }
  const route = routeMatchOf(alert, rule);
  if (!route) {
    throw new RouteProposalError(409, { en: `alert "${alert.alert_id}" is not about a product or region (its group: ${alert.group_key || 'all tickets'}); `
      + 'routing is proposed from an alert whose rule groups by product or region (by: [product])',
    zh: '该告警不是按产品或地区分组的告警：只有按产品或地区的告警才能提出分派调整' });
  }
  return route;
}

async function namesOf(db: WarehouseSession): Promise<NameOf> {
  const labels = new Map((await readValueLabels(db.db)).map((l) => [`${l.dimension}\u0000${l.value}`, l]));
  return (dimension, value, lang) => {
    const l = labels.get(`${dimension}\u0000${value}`);
    return (lang === 'zh' ? l?.zh ?? l?.en : l?.en ?? l?.zh) ?? value;
  };
}

export async function proposeRoute(o: ProposeRouteOptions): Promise<RouteProposal> {
  const team = teamOf(o);
  const alert = await openAlert(o);
  const route = routeOf(alert, o.rules.find((r) => r.id === alert.rule_id));
  const path = resolve(o.dispatchRulesPath);
  const text = readDispatchRulesText(path);
  const file = basename(path);
  const routed = Object.fromEntries(Object.entries(route.routed)) as Record<string, string>;
  const why = `routed from alert ${alert.alert_id}: these tickets go to team ${team.id}`;
  const plan = planRoute(text, file, route, team, why);
  const nameOf = await namesOf(o.db);
  const diff = unifiedDiff(text, plan.text, { fromFile: `a/${file}`, toFile: `b/${file}` });
  const proposal: RouteProposal = {
    alert: { id: alert.alert_id, ruleId: alert.rule_id, state: alert.state, title: alert.title, routed },
    team, change: plan.change, takenBy: plan.takenBy,
    lines: { en: routeLines(plan, route, team, 'en', nameOf), zh: routeLines(plan, route, team, 'zh', nameOf) },
    diff, changed: plan.change !== null, versionId: null, previousVersion: null, who: o.who, file,
  };
  if (!o.apply || !plan.change) return proposal;
  const appliedAt = o.now ?? Date.now();
  const NO_STAFFING = { forecastRunId: null, queues: [] };
  let previousVersion: number | null = null;
  const versionId = await writeRulesVersion({
    db: o.db, path, before: text, after: plan.text,
    record: async () => {
      // Rollback restores recorded texts only: a text no version holds (the file as people left it)
      // is recorded first, so the route can always be undone.
      const [latest] = await listVersions(o.db, { path, limit: 1 });
      previousVersion = latest && latest.contentSha256 === sha256(text) ? latest.versionId
        : await recordVersion(o.db, { appliedAt, appliedBy: o.who, path, model: AS_FOUND_MODEL, before: text, after: text, diff: '', queues: [] }, NO_STAFFING);
      return recordVersion(o.db, {
        appliedAt, appliedBy: o.who, path, model: routeVersionModel({ routed, team: team.id, alertId: alert.alert_id }),
        before: text, after: plan.text, diff, queues: [plan.change!.queue],
      }, NO_STAFFING);
    },
  });
  return { ...proposal, versionId, previousVersion };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
