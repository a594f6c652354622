// Events mode: each raw row is one event; its type (and status, actor) come from the event
// table of a column such as Activity. Optionally a ticket without a `created` row gets one
// at its earliest row.
import { canonicalSelectSql, eventStruct, hashIdSql } from './canonical-select.ts';
import type { ColumnRef, EventsMode } from './mapping.ts';
import type { RowPlan } from './row-plan.ts';
import { sqlString } from '../../warehouse/sql-quote.ts';

export function eventsModeSql(plan: RowPlan, rows: EventsMode): string {
  const m = plan.mapping;
  const ticket = plan.requireValue(m.ticketId, 'every row needs a ticket id (mapping key ticket_id)');
  const at = plan.time(m.occurredAt, 'every row needs its time (mapping key occurred_at)');
  plan.requireValue(rows.type.column, 'every row needs a value here to know its event type (mapping key events.type.column)');
  const e = plan.eventTable(rows.type.column, rows.type.on, 'e',
    `is not in events.type.on of ${plan.file}: add it there with its event type (e.g. updated)`);
  const fields = plan.fields();
  const attrs = plan.attrs();
  const rowId = rows.eventId.kind === 'column'
    ? plan.requireValue(rows.eventId.column, 'it is the event id (mapping key events.event_id.column)')
    : hashIdSql([sqlString(m.name), ...rows.eventId.columns.map((c) => plan.value(c))]);
  const createdId = hashIdSql([sqlString(m.name), ticket, "'created'"]);
  const main = eventStruct({ type: e.type, status: e.status, actor: e.actor, at });
  const seq = rows.sequence ? { global: sequenceSql(plan, rows.sequence) } : { rank: ['__source', '__line'] };

  if (!rows.createdIfMissing) {
    return canonicalSelectSql({ ctes: plan.ctes(), from: 'checked', ticket, fields, attrs, events: [main], eventId: rowId, createdId, seq });
  }
  // Rows with errors sit in partitions of their own, so that they never count as a first row.
  const ctes = `${plan.ctes()},
seq AS (
  SELECT *,
    row_number() OVER (PARTITION BY ${ticket}, __error IS NULL ORDER BY ${at}, __source, __line) AS __n,
    bool_or(${e.type} = 'created') OVER (PARTITION BY ${ticket}, __error IS NULL) AS __has_created
  FROM checked
)`;
  const created = eventStruct({ type: "'created'", at, firstRow: true, when: '__n = 1 AND NOT __has_created' });
  return canonicalSelectSql({ ctes, from: 'seq', ticket, fields, attrs, events: [main, created], eventId: rowId, createdId, seq });
}

/** A declared sequence column (events.sequence) as a number; empty or not a number is a row error. */
function sequenceSql(plan: RowPlan, ref: ColumnRef): string {
  const v = plan.requireValue(ref, 'it orders the events of a ticket at one instant (mapping key events.sequence)');
  plan.define('q_seq', `try_cast(${v} AS DOUBLE)`);
  plan.check(`CASE WHEN ${v} IS NOT NULL AND q_seq IS NULL THEN ${plan.quoted(ref, v, 'is not a number (mapping key events.sequence)')} END`);
  return 'q_seq';
}
