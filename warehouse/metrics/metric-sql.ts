// Loads the metric SQL files of sql/ once, fills their {{slots}} with SQL text taken only from the
// declared lists below (never from values), and runs them with the named parameters they use.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DIMENSION_COLUMNS, teamScopeCondition, ticketConditions, type Dimension } from './filter.ts';
import { localTimeSql } from './local-time.ts';
import type { Cell } from './table.ts';

/** How the facts of a KPI query are grouped: the key expression over `fact_at` (the fact's instant) and `dim_value`. */
export const KEY_EXPRESSIONS = {
  /** Overview: facts at or after $split are the current period, the others the previous one. */
  period: `CASE WHEN fact_at >= $split THEN 'current' ELSE 'previous' END`,
  dimension: 'dim_value',
  /** Local calendar bucket start (day, week from Monday, month); $grain names the unit. Shown as YYYY-MM-DD ({{key_label}}). */
  bucket: `date_trunc($grain, ${localTimeSql('fact_at')})`,
  hour: `hour(${localTimeSql('fact_at')})`,
  weekday: `isodow(${localTimeSql('fact_at')})`,
  /** Weekday (1 = Monday) * 100 + hour, for the arrival heat map. */
  weekday_hour: `isodow(${localTimeSql('fact_at')}) * 100 + hour(${localTimeSql('fact_at')})`,
} as const;
export type KeyKind = keyof typeof KEY_EXPRESSIONS;

/** A key as answered, from the grouped key `k`: buckets are formatted once per group, not per fact. */
const keyLabel = (kind: KeyKind, k: string) => (kind === 'bucket' ? `strftime(${k}, '%Y-%m-%d')` : k);

/**
 * When a ticket stopped being work: its last resolution or close (the earlier of the two), or, for a
 * ticket set to resolved/closed by a status change only, its last event; never before its creation.
 * Null while it is open (also when it was resolved and reopened since).
 */
export const doneAt = (t: string) => `CASE
    WHEN coalesce(${t}.resolved_at, ${t}.closed_at) IS NOT NULL THEN greatest(${t}.created_at, least(${t}.resolved_at, ${t}.closed_at))
    WHEN ${t}.status IN ('resolved', 'closed') THEN greatest(${t}.created_at, ${t}.last_event_at)
  END`;

/** `sql` with each {{done_at:alias}} filled by doneAt: for SQL files read outside metricSql (rollups, derivation). */
export const withDoneAt = (sql: string) => sql.replace(/\{\{done_at:([a-z_]+)\}\}/g, (_, alias: string) => doneAt(alias));

/**
 * Whether a ticket is open now (doneAt null): its null resolution and close, which doneAt's first
 * branch implies, are tested first, cheaply and by the scan, before the CASE (every agent's open
 * tickets among 1.25 M: 16 ms, 6 with them).
 */
const openNow = (t: string) => `(${t}.resolved_at IS NULL AND ${t}.closed_at IS NULL AND ${doneAt(t)} IS NULL)`;

/**
 * The rows of the CTE `source` (ticket_id, occurred_at, team_id, ...), each without a team put in the
 * team of its ticket's latest event before it that named one. Only those go through the ASOF join
 * (over their own tickets' events): it sorts all it is given.
 */
const teamedSql = (source: string) => `SELECT * FROM ${source} WHERE team_id IS NOT NULL
  UNION ALL BY NAME
  SELECT e.* EXCLUDE (team_id), tm.team_id
  FROM (FROM ${source} WHERE team_id IS NULL) e
  ASOF LEFT JOIN (SELECT ticket_id, occurred_at, team_id FROM events
                  WHERE team_id IS NOT NULL AND occurred_at < $end
                    AND ticket_id IN (SELECT ticket_id FROM ${source} WHERE team_id IS NULL)) tm
    ON tm.ticket_id = e.ticket_id AND e.occurred_at >= tm.occurred_at`;

/** Ticket dimensions that events and agent_replies lack; their facts join tickets only when one of them is used. */
const TICKET_ONLY: Dimension[] = ['channel', 'problem_type', 'problem_subtype', 'priority', 'region', 'product'];

export interface SqlSlots {
  key?: KeyKind;
  /** The dimension whose value each fact carries as dim_value (null: none). */
  dimension?: Dimension | null;
  /** Dimensions the filter restricts (so a reply query knows whether it needs the tickets join). */
  filtered?: Dimension[];
  /** Aggregates (CTEs keyed by `key`) joined into the answer, each with the columns taken from it. */
  joined?: Readonly<Record<string, readonly string[]>>;
}

/** {{joined_keys}}, {{joined_columns}} and {{joined_from:alias}}: the asked aggregates' keys, columns and joins on the alias's key. */
function joinedSql(kind: string, joined: Readonly<Record<string, readonly string[]>>, alias: string): string {
  const names = Object.keys(joined);
  if (names.length === 0) throw new Error('no aggregate to join');
  for (const name of [...names, ...Object.values(joined).flat()]) if (!ALIAS.test(name)) throw new Error(`bad joined name "${name}"`);
  switch (kind) {
    case 'joined_keys': return names.map((n) => `SELECT key FROM ${n}`).join(' UNION ');
    case 'joined_columns': return Object.entries(joined).flatMap(([n, columns]) => columns.map((c) => `${n}.${c}`)).join(', ');
    default: return names.map((n) => `LEFT JOIN ${n} ON ${n}.key IS NOT DISTINCT FROM ${alias}.key`).join(' ');
  }
}

function needsTickets(slots: SqlSlots): boolean {
  return [slots.dimension, ...(slots.filtered ?? [])].some((d) => d && TICKET_ONLY.includes(d));
}

const files = new Map<string, string>();

function readSqlFile(name: string): string {
  let text = files.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
    files.set(name, text);
  }
  return text;
}

const ALIAS = /^[a-z_][a-z0-9_]*$/;
const COLUMN = /^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;

/**
 * The SQL of sql/<name>.sql with its slots filled: {{conditions:alias}}, {{scope:alias}} (the team
 * scope alone), {{dimension:alias}}, {{done_at:alias}}, {{open_now:alias}} (doneAt null),
 * {{teamed:cte}}, {{local:column}} (its local time in $tz), {{key}}, {{key_label:column}},
 * {{ticket_columns}} / {{ticket_join}} (the ticket-only dimensions, joined from tickets only when used)
 * and {{joined_keys}} / {{joined_columns}} / {{joined_from:alias}} (see SqlSlots.joined).
 *
 * Why these stay slots, not DuckDB macros or bound parameters (issue 19 §3; measured on a 1.1 M
 * event demo warehouse, kpis.sql over 28 and 60 days, interleaved, same answers):
 * - {{key}}: the grouping expressions differ in type (VARCHAR period or dimension value, local
 *   TIMESTAMP bucket, INTEGER hour or weekday); one parameter-chosen CASE would need a common type.
 * - {{dimension}}: a column name. A CASE over $dimension was no faster (1.04-1.06x) and would
 *   write DIMENSION_COLUMNS (filter.ts) a second time, in SQL.
 * - {{ticket_columns}} / {{ticket_join}}: joining tickets always (a view, its columns then named
 *   by the filter, so the join runs) made the reply KPIs 2.6-3.9x slower.
 * - {{joined_*}}: names of CTEs; computing every aggregate and picking the asked ones was 4.5-9x
 *   slower for the reply KPIs alone. A parameter cannot leave a CTE out of the plan.
 */
export function metricSql(name: string, slots: SqlSlots = {}): string {
  return readSqlFile(name).replace(/\{\{(\w+)(?::([\w.]+))?\}\}/g, (slot, kind: string, alias = '') => {
    const takesColumn = kind === 'local' || kind === 'key_label';
    if (alias && !(takesColumn ? COLUMN : ALIAS).test(alias)) throw new Error(`sql/${name}.sql: bad alias in ${slot}`);
    switch (kind) {
      case 'conditions': return ticketConditions(alias);
      case 'scope': return teamScopeCondition(`${alias}.team_id`);
      case 'dimension': return slots.dimension ? `${alias}.${DIMENSION_COLUMNS[slots.dimension]}` : 'NULL::VARCHAR';
      case 'done_at': return doneAt(alias);
      case 'open_now': return openNow(alias);
      case 'teamed': return teamedSql(alias);
      case 'local': return localTimeSql(alias);
      case 'ticket_columns':
        return TICKET_ONLY.map((d) => (needsTickets(slots) ? `t.${DIMENSION_COLUMNS[d]}` : `NULL::VARCHAR AS ${DIMENSION_COLUMNS[d]}`)).join(', ');
      case 'ticket_join': return needsTickets(slots) ? 'JOIN tickets t USING (ticket_id)' : '';
      case 'joined_keys':
      case 'joined_columns':
      case 'joined_from':
        if (!slots.joined) throw new Error(`sql/${name}.sql uses {{${kind}}}; pass the aggregates to join`);
        return joinedSql(kind, slots.joined, alias);
      case 'key':
      case 'key_label':
        if (!slots.key) throw new Error(`sql/${name}.sql uses {{${kind}}}; pass a key kind`);
        return kind === 'key' ? KEY_EXPRESSIONS[slots.key] : keyLabel(slots.key, alias);
      default: throw new Error(`sql/${name}.sql: unknown slot ${slot}`);
    }
  });
}

export type Row = Record<string, Cell>;

/** Runs `sql` binding the entries of `params` it names ($name); BIGINT and HUGEINT come back as numbers. */
export async function queryRows(db: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>): Promise<Row[]> {
  const used = new Set([...sql.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!));
  const bound = Object.fromEntries(Object.entries(params).filter(([k]) => used.has(k)));
  const reader = await db.runAndReadAll(sql, bound);
  return reader.getRowObjectsJS().map((row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : (v as Cell);
    return out;
  });
}
