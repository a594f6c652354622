// Reads and writes of the alert tables (migration 0022): alerts and their state, history, delivery
// attempts, silences and rule runs. Values always bound as parameters.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../../warehouse/metrics/metric-sql.ts';
import { withinTeams } from '../../warehouse/metrics/scoped-filter.ts';
import type { DeliveryAttempt } from '../notify/deliver.ts';
import { withDeliveries, type Delivery } from './delivery-history.ts';

export type AlertState = 'firing' | 'acknowledged' | 'resolved';

export interface StoredAlert {
  alert_id: string; rule_id: string; group_key: string; kind: string; state: AlertState; teams: string[]; title: string;
  detail: Record<string, unknown>; first_fired_at: string; last_seen_at: string; last_notified_at: string | null; notify_level: number;
  acknowledged_by: string | null; acknowledged_at: string | null; resolved_at: string | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

function stored(row: Record<string, unknown>): StoredAlert {
  return {
    ...(row as unknown as StoredAlert),
    detail: typeof row.detail === 'string' ? JSON.parse(row.detail) : (row.detail as Record<string, unknown>),
    teams: (row.teams as string[]) ?? [],
    first_fired_at: iso(row.first_fired_at)!, last_seen_at: iso(row.last_seen_at)!, last_notified_at: iso(row.last_notified_at),
    acknowledged_at: iso(row.acknowledged_at), resolved_at: iso(row.resolved_at), notify_level: Number(row.notify_level),
  };
}

/**
 * Alerts, newest first; `states` limits them, `teams` (a team lead's) keeps those whose teams are all
 * theirs (withinTeams, the rule of the scheduled reports too).
 */
export async function listAlerts(db: DuckDBConnection, options: { states?: AlertState[]; teams?: readonly string[] | null; ruleId?: string; alertId?: string } = {}): Promise<StoredAlert[]> {
  const rows = await queryRows(db, `SELECT * FROM alerts
    WHERE ($states IS NULL OR list_contains($states, state)) AND ($rule IS NULL OR rule_id = $rule) AND ($id IS NULL OR alert_id = $id)
    ORDER BY first_fired_at DESC, alert_id`, {
    states: options.states ? listValue(options.states) : null, rule: options.ruleId ?? null, id: options.alertId ?? null,
  });
  return rows.map(stored).filter((a) => withinTeams(a.teams, options.teams ?? null));
}

/**
 * Stores an alert. An evaluation saves the copy it read before judging it: an acknowledgement made
 * meanwhile (acknowledged, and the copy still firing) is kept, not overwritten. Saves in this process go
 * one at a time: the scheduler saves each alert it finds on every run, and two writes of one row at
 * once would conflict in DuckDB (the later fails: a person's acknowledgement lost to the scheduler).
 */
export function saveAlert(db: DuckDBConnection, a: StoredAlert): Promise<void> {
  const save = saving.then(() => upsertAlert(db, a));
  saving = save.catch(() => undefined);
  return save;
}
let saving: Promise<unknown> = Promise.resolve();

/**
 * Acknowledges an open alert (firing, or acknowledged before: who and when are replaced) as it stands
 * now, changing only the acknowledgement: the caller's copy may be older than the scheduler's last
 * save, and saving it whole brought back an alert resolved meanwhile, until the next run. Answers the
 * alert as acknowledged, or null when it is resolved (or gone). In the queue of saves, as saveAlert.
 */
export function acknowledgeAlert(db: DuckDBConnection, alertId: string, by: string, at: Date): Promise<StoredAlert | null> {
  const ack = saving.then(async () => {
    const rows = await queryRows(db, `UPDATE alerts SET state = 'acknowledged', acknowledged_by = $by, acknowledged_at = $at::TIMESTAMPTZ
      WHERE alert_id = $id AND state IN ('firing', 'acknowledged') RETURNING *`, { id: alertId, by, at: at.toISOString() });
    return rows[0] ? stored(rows[0]) : null;
  });
  saving = ack.catch(() => undefined);
  return ack;
}

async function upsertAlert(db: DuckDBConnection, a: StoredAlert): Promise<void> {
  const keepAck = `alerts.state = 'acknowledged' AND excluded.state = 'firing'`;
  await db.run(`INSERT INTO alerts VALUES ($id, $rule, $group, $kind, $state, from_json($teams, '["VARCHAR"]'), $title, $detail, $first::TIMESTAMPTZ,
    $seen::TIMESTAMPTZ, $notified::TIMESTAMPTZ, $level, $ackBy, $ackAt::TIMESTAMPTZ, $resolved::TIMESTAMPTZ)
    ON CONFLICT (alert_id) DO UPDATE SET rule_id = excluded.rule_id, group_key = excluded.group_key, kind = excluded.kind,
      state = CASE WHEN ${keepAck} THEN alerts.state ELSE excluded.state END, teams = excluded.teams, title = excluded.title,
      detail = excluded.detail, first_fired_at = excluded.first_fired_at, last_seen_at = excluded.last_seen_at,
      last_notified_at = excluded.last_notified_at, notify_level = excluded.notify_level,
      acknowledged_by = CASE WHEN ${keepAck} THEN alerts.acknowledged_by ELSE excluded.acknowledged_by END,
      acknowledged_at = CASE WHEN ${keepAck} THEN alerts.acknowledged_at ELSE excluded.acknowledged_at END,
      resolved_at = excluded.resolved_at`, {
    id: a.alert_id, rule: a.rule_id, group: a.group_key, kind: a.kind, state: a.state, teams: JSON.stringify(a.teams),
    title: a.title, detail: JSON.stringify(a.detail), first: a.first_fired_at, seen: a.last_seen_at, notified: a.last_notified_at,
    level: a.notify_level, ackBy: a.acknowledged_by, ackAt: a.acknowledged_at, resolved: a.resolved_at,
  });
}

export async function addHistory(db: DuckDBConnection, alertId: string, event: string, title: string, at: Date, by: string | null = null): Promise<void> {
  await db.run('INSERT INTO alert_history VALUES ($id, $at::TIMESTAMPTZ, $event, $by, $title)', { id: alertId, at: at.toISOString(), event, by, title });
}

export async function addDelivery(db: DuckDBConnection, alertId: string, attempt: DeliveryAttempt): Promise<void> {
  await db.run('INSERT INTO alert_deliveries VALUES ($id, $target, $at::TIMESTAMPTZ, $attempt, $outcome, $why)', {
    id: alertId, target: attempt.target, at: attempt.at.toISOString(), attempt: attempt.attempt, outcome: attempt.outcome, why: attempt.why,
  });
}

export async function recordRuleRun(db: DuckDBConnection, ruleId: string, at: Date, firing: number, error: string | null): Promise<void> {
  await db.run('INSERT OR REPLACE INTO alert_rule_runs VALUES ($rule, $at::TIMESTAMPTZ, $firing, $error)', { rule: ruleId, at: at.toISOString(), firing, error });
}

export async function ruleRuns(db: DuckDBConnection): Promise<Map<string, { evaluated_at: string; firing: number; error: string | null }>> {
  const rows = await queryRows(db, 'SELECT * FROM alert_rule_runs', {});
  return new Map(rows.map((r) => [String(r.rule_id), { evaluated_at: iso(r.evaluated_at)!, firing: Number(r.firing), error: (r.error as string | null) ?? null }]));
}

/** Whether a silence covers the rule's group at `at`. */
export async function isSilenced(db: DuckDBConnection, ruleId: string, groupKey: string, at: Date): Promise<boolean> {
  const rows = await queryRows(db, `SELECT 1 FROM alert_silences WHERE rule_id = $rule AND (group_key IS NULL OR group_key = $group)
    AND until_at > $at::TIMESTAMPTZ LIMIT 1`, { rule: ruleId, group: groupKey, at: at.toISOString() });
  return rows.length > 0;
}

export async function addSilence(db: DuckDBConnection, silence: { id: string; ruleId: string; groupKey: string | null; until: Date; by: string; at: Date }): Promise<void> {
  await db.run('INSERT INTO alert_silences VALUES ($id, $rule, $group, $until::TIMESTAMPTZ, $by, $at::TIMESTAMPTZ)', {
    id: silence.id, rule: silence.ruleId, group: silence.groupKey, until: silence.until.toISOString(), by: silence.by, at: silence.at.toISOString(),
  });
}

export interface HistoryRow { alert_id: string; at: string; event: string; by_whom: string | null; title: string; teams: string[]; deliveries: Delivery[] }

/**
 * Who acted, by name: an API token's id (what the server records for a signed-in person or a script)
 * becomes the token's name (`deskpulse token create --name`); anything else (cli:<user>, open mode's
 * admin) stays as written. Never the secret: api_tokens keeps only its hash.
 */
export async function actorNames(db: DuckDBConnection): Promise<(by: string | null) => string | null> {
  const names = new Map((await queryRows(db, 'SELECT token_id, name FROM api_tokens', {})).map((r) => [String(r.token_id), String(r.name)]));
  return (by) => (by === null ? null : names.get(by) ?? by);
}

/**
 * What happened to alerts, newest first, each sending event with its deliveries (target, outcome,
 * attempts, why); who acted by name (actorNames). `teams` (a team lead's): the history of the alerts
 * listAlerts shows them.
 */
export async function alertHistory(db: DuckDBConnection, options: { teams?: readonly string[] | null; alertId?: string; limit?: number } = {}): Promise<HistoryRow[]> {
  const visible = options.teams ? (await listAlerts(db, { teams: options.teams, alertId: options.alertId })).map((a) => a.alert_id) : null;
  if (visible?.length === 0) return [];
  const rows = await queryRows(db, `SELECT h.alert_id, h.at, h.event, coalesce(t.name, h.by_whom) AS by_whom, h.title, a.teams
    FROM alert_history h JOIN alerts a USING (alert_id) LEFT JOIN api_tokens t ON t.token_id = h.by_whom
    WHERE ($visible IS NULL OR list_contains($visible, alert_id)) AND ($id IS NULL OR alert_id = $id)
    ORDER BY h.at DESC, h.alert_id LIMIT $limit`, {
    visible: visible ? listValue(visible) : null, id: options.alertId ?? null, limit: options.limit ?? 200,
  });
  const history = rows.map((r) => ({ alert_id: String(r.alert_id), at: iso(r.at)!, event: String(r.event), by_whom: (r.by_whom as string | null) ?? null, title: String(r.title), teams: (r.teams as unknown as string[]) ?? [] }));
  const ids = [...new Set(history.map((h) => h.alert_id))];
  const attempts = ids.length === 0 ? [] : await queryRows(db, 'SELECT * FROM alert_deliveries WHERE list_contains($ids, alert_id)', { ids: listValue(ids) });
  return withDeliveries(history, attempts.map((a) => ({ alert_id: String(a.alert_id), target: String(a.target), at: iso(a.at)!, attempt: Number(a.attempt),
    outcome: a.outcome as Delivery['outcome'], why: (a.why as string | null) ?? null })));
}
