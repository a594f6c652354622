// Tickets mode: each raw row is one ticket (a 工单 list, a Zendesk/Freshdesk/Udesk CSV export) with
// its dated columns. The row yields `created` at occurred_at, one event per dated column that has
// a time (first reply -> replied, resolution -> resolved ...), and optionally the export's current
// status as an event dated at the row's latest time. All set-based, in one SELECT like the others.
import { canonicalSelectSql, eventStruct, hashIdSql } from './canonical-select.ts';
import type { ColumnRef, TicketsMode } from './mapping.ts';
import type { RowPlan } from './row-plan.ts';
import { sqlString } from '../../warehouse/sql-quote.ts';
import { isoTextSql } from './time-sql.ts';

export function ticketsModeSql(plan: RowPlan, rows: TicketsMode): string {
  const m = plan.mapping;
  const ticket = plan.requireValue(m.ticketId, 'every row needs a ticket id (mapping key ticket_id)');
  const createdAt = plan.time(m.occurredAt, 'every ticket row needs its creation time (mapping key occurred_at)');
  const fields = plan.fields();
  const attrs = plan.attrs();

  // A time column is read once however many events name it; none may be earlier than the creation.
  const timeOf = (ref: ColumnRef): string => {
    const t = plan.time(ref, undefined);
    if (t !== createdAt) {
      plan.check(`CASE WHEN ${t} < ${createdAt} THEN ${plan.quoted(ref, plan.value(ref),
        `is earlier than the creation time in column "${m.occurredAt.text}"; fix the row (or the column named in tickets.events)`)} END`);
    }
    return t;
  };
  const events = [eventStruct({ type: "'created'", at: createdAt, firstRow: true })];
  const times = [createdAt];
  rows.events.forEach((e, i) => {
    const alias = `k${i}`;
    const at = e.at.map(timeOf);
    plan.define(alias, at.length === 1 ? at[0]! : `coalesce(${at.join(', ')})`);
    times.push(alias);
    const when = [`${alias} IS NOT NULL`, ...(e.when ? [`${plan.value(e.when)} IS NOT NULL`] : [])].join(' AND ');
    // The whole row is refused rather than its reply alone (validation would quarantine just that event).
    const needsAgent = e.spec.type === 'assigned' || (e.spec.type === 'replied' && e.spec.actor === 'agent');
    if (needsAgent && fields.agent_id && m.fields.agent_id?.kind === 'column') {
      plan.check(`CASE WHEN ${when} AND f_agent_id IS NULL THEN ${sqlString(
        `column "${m.fields.agent_id.column.text}" is empty, but the ${e.spec.type} event at column "${e.at.map((c) => c.text).join('" or "')}" needs its agent (mapping key fields.agent_id)`)} END`);
    }
    events.push(eventStruct({
      type: sqlString(e.spec.type), status: e.spec.status && sqlString(e.spec.status), actor: e.spec.actor && sqlString(e.spec.actor), at: alias, when,
    }));
  });
  if (rows.status) {
    const v = plan.value(rows.status.column);
    const s = plan.eventTable(rows.status.column, rows.status.on, 's',
      `is not in tickets.status.on of ${plan.file}: add it there with its event (e.g. { type: status_changed, status: open })`);
    // The export says the status now, not since when: the latest time the row knows dates it.
    events.push(eventStruct({ type: s.type, status: s.status, actor: s.actor, at: `greatest(${times.join(', ')})`, when: `${v} IS NOT NULL` }));
  }
  // The rating, what it rates and its comment belong to the rating, not to every event of the ticket.
  const ratedOnly = (expr: string | undefined) => expr && `CASE WHEN ev.type = 'rated' THEN ${expr} END`;
  return canonicalSelectSql({
    ctes: plan.ctes(), from: 'checked', ticket, attrs, events,
    fields: { ...fields, rating: ratedOnly(fields.rating), rating_dimension: ratedOnly(fields.rating_dimension), comment: ratedOnly(fields.comment) },
    // Re-exports of the ticket list give the same ids to the events they repeat; a new time is a new event.
    eventId: hashIdSql([sqlString(m.name), ticket, 'ev.type', 'ev.status', 'ev.actor', isoTextSql('ev.at')]),
    createdId: hashIdSql([sqlString(m.name), ticket, "'created'"]),
    seq: { rank: ['__source', '__line'] },
  });
}
