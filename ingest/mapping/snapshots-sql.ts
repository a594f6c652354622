// Snapshots mode: each raw row is the state of a ticket after an update. The rows of a ticket
// are put in order and each is compared with the one before (window functions, set-based);
// the change rules of the mapping turn the differences into events, and the first row seen of
// a ticket yields its `created` event.
import { canonicalSelectSql, eventStruct, hashIdSql } from './canonical-select.ts';
import type { ChangeRule, ColumnRef, EventSpec, SnapshotsMode } from './mapping.ts';
import { caseOf, type RowPlan } from './row-plan.ts';
import { sqlString } from '../../warehouse/sql-quote.ts';

export function snapshotsModeSql(plan: RowPlan, rows: SnapshotsMode): string {
  const m = plan.mapping;
  const ticket = plan.requireValue(m.ticketId, 'every row needs a ticket id (mapping key ticket_id)');
  const rowAt = plan.time(m.occurredAt, 'every row needs the time of its update (mapping key occurred_at)');
  const order = rows.order.map((o, j) => orderKey(plan, o.column, o.as, j));
  const createdAt = rows.created.at ? plan.time(rows.created.at, undefined) : undefined;
  const fields = plan.fields();
  const attrs = plan.attrs();

  // A spec's own time (resolved_at) dates the event only between the ticket's previous row and this
  // one, where the row says the change happened: exports repeat the final resolved_at on every row,
  // which is later than an earlier Resolved state (and a change is never after the row showing it).
  const specAt = (spec: EventSpec): string => {
    if (!spec.at) return rowAt;
    const t = plan.time(spec.at, undefined);
    return `CASE WHEN ${t} <= ${rowAt} AND (__prev_at IS NULL OR ${t} >= __prev_at) THEN ${t} ELSE ${rowAt} END`;
  };
  const lags = new Map<string, string>();
  const lag = (expr: string, ignoreNulls: boolean): string => {
    const sql = `lag(${expr}${ignoreNulls ? ' IGNORE NULLS' : ''}) OVER w`;
    if (!lags.has(sql)) lags.set(sql, `p${lags.size}`);
    return lags.get(sql)!;
  };
  const events: string[] = [eventStruct({ type: "'created'", at: createdAt ? `coalesce(${createdAt}, ${rowAt})` : rowAt, firstRow: true, when: '__n = 1' })];
  rows.changes.forEach((rule, r) => events.push(...ruleEvents(plan, rule, r, { rowAt, specAt, lag })));

  const ctes = `${plan.ctes()},
seq AS (
  SELECT *,
    row_number() OVER w AS __n,
    lag(${rowAt}) OVER w AS __prev_at${[...lags].map(([sql, alias]) => `,\n    ${sql} AS ${alias}`).join('')}
  FROM checked
  -- Rows with errors sit in partitions of their own: a good row is compared with the good row before it.
  WINDOW w AS (PARTITION BY ${ticket}, __error IS NULL ORDER BY ${[...order, '__source', '__line'].join(', ')})
)`;
  return canonicalSelectSql({
    ctes, from: 'seq', ticket, fields, attrs, events,
    // A change event is identified by its ticket, its row's place in the order and what it says.
    eventId: hashIdSql([sqlString(m.name), ticket, ...rows.order.map((o) => plan.value(o.column)), 'ev.type', 'ev.status']),
    createdId: hashIdSql([sqlString(m.name), ticket, "'created'"]),
    // A numeric first order key (sys_mod_count) counts the ticket's updates in every export: a
    // sequence comparable across files. Otherwise the row's rank in the order at the instant.
    seq: rows.order[0]!.as === 'number' ? { global: order[0]! } : { rank: [...order, '__source', '__line'] },
  });
}

function orderKey(plan: RowPlan, column: ColumnRef, as: 'number' | 'time' | 'text', j: number): string {
  const why = 'the rows of a ticket are ordered by it (mapping key snapshots.order)';
  if (as === 'time') return plan.time(column, why);
  const v = plan.requireValue(column, why);
  if (as === 'text') return v;
  plan.define(`o${j}`, `try_cast(${v} AS DOUBLE)`);
  plan.check(`CASE WHEN ${v} IS NOT NULL AND o${j} IS NULL THEN ${plan.quoted(column, v, 'is not a number (mapping key snapshots.order)')} END`);
  return `o${j}`;
}

interface RuleTools {
  rowAt: string;
  specAt: (spec: EventSpec) => string;
  lag: (expr: string, ignoreNulls: boolean) => string;
}

/** The events (structs or NULLs) one change rule finds in a row, as SQL over the `seq` stage. */
function ruleEvents(plan: RowPlan, rule: ChangeRule, r: number, t: RuleTools): string[] {
  const spec = (s: EventSpec, when: string): string =>
    eventStruct({ type: sqlString(s.type), status: s.status && sqlString(s.status), actor: s.actor && sqlString(s.actor), at: t.specAt(s), when });
  switch (rule.kind) {
    case 'assignment': {
      // Missing values are values here ("unassigned"); the first row is compared with nothing
      // set, and a team set on it rides on the created event. A change counts as a transfer as
      // the rule declares: from one named team (agent) to another; a first name, a cleared one or
      // a name given back after a gap is no transfer. A transfer names the new team, and the agent
      // if the row has one: a group move that names no person is still a transfer of the team.
      const agent = plan.value(rule.agent);
      const agentBefore = t.lag(agent, false);
      const namedAgentBefore = t.lag(agent, true);
      const team = rule.team && plan.value(rule.team);
      const person = `(${agent} IS NOT NULL AND ${namedAgentBefore} IS NOT NULL AND ${agent} <> ${namedAgentBefore})`;
      const teamMoved = team ? `(${team} IS NOT NULL AND ${t.lag(team, true)} IS NOT NULL AND ${team} <> ${t.lag(team, true)})` : 'false';
      const counted = { team: teamMoved, person, either: `(${teamMoved} OR ${person})` }[rule.transfer];
      const agentNamed = `(${agent} IS NOT NULL AND ${agent} IS DISTINCT FROM ${agentBefore})`;
      const changed = `(${agent} IS DISTINCT FROM ${agentBefore}${team ? ` OR ${team} IS DISTINCT FROM ${t.lag(team, false)}` : ''})`;
      return [
        eventStruct({ type: "'transferred'", at: t.rowAt, when: counted }),
        // the first agent (also when the row moves the team too), or a new one the rule does not count
        eventStruct({ type: "'assigned'", at: t.rowAt, when: `${agentNamed} AND (${namedAgentBefore} IS NULL OR NOT ${counted})` }),
        eventStruct({ type: "'updated'", at: t.rowAt, when: `__n > 1 AND ${changed} AND NOT ${agentNamed} AND NOT ${counted}` }),
      ];
    }
    case 'values': {
      const v = plan.value(rule.column);
      const e = plan.eventTable(rule.column, rule.on, `r${r}`,
        `is not in ${rule.on.at.path} of ${plan.file}: add it there with its event (or under missing_per_column if it is a placeholder)`);
      // The first value is compared with `initial`, else with nothing: the source's first state is news.
      const prev = t.lag(v, true);
      const before = rule.initial === undefined ? prev : `coalesce(${prev}, ${sqlString(rule.initial)})`;
      const specs = [...rule.on.entries];
      const at = caseOf(v, specs.filter(([, s]) => s.at).map(([value, s]) => [value, t.specAt(s)]), t.rowAt);
      return [eventStruct({ type: e.type, status: e.status, actor: e.actor, at, when: `${v} IS NOT NULL AND ${v} IS DISTINCT FROM ${before}` })];
    }
    case 'leaving': {
      const v = plan.value(rule.column);
      const prev = t.lag(v, true);
      const set = rule.values.map(sqlString).join(', ');
      return [spec(rule.event, `${prev} IN (${set}) AND ${v} IS NOT NULL AND ${v} NOT IN (${set})`)];
    }
    case 'increase': {
      const v = plan.value(rule.column);
      const n = `n${r}`;
      plan.define(n, `try_cast(${v} AS DOUBLE)`);
      plan.check(`CASE WHEN ${v} IS NOT NULL AND ${n} IS NULL THEN ${plan.quoted(rule.column, v, `is not a number (mapping key ${rule.at.path})`)} END`);
      return [spec(rule.event, `${n} > ${t.lag(n, true)}`)];
    }
    case 'change': {
      const v = plan.value(rule.column);
      const prev = t.lag(v, true);
      return [spec(rule.event, `${v} IS NOT NULL AND ${prev} IS NOT NULL AND ${v} <> ${prev}`)];
    }
  }
}
