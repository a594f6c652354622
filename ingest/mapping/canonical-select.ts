// The final SELECT of every mapping: each row's list of events (structs) unnested into
// CANONICAL STAGING (__source, __line, __raw, __error + EVENT_FIELDS + __seq, all VARCHAR).
import { EVENT_FIELDS, type EventFieldName } from '../../warehouse/event-model.ts';
import type { MappedField } from './mapping.ts';
import { sqlIdent } from '../../warehouse/sql-quote.ts';
import { isoTextSql } from './time-sql.ts';

/**
 * One event of a row, as SQL. `at` is a TIMESTAMPTZ expression. `firstRow` marks the
 * `created` event made from a ticket's first row: it carries the ticket's attributes but not
 * the row's doer (agent, actor) or measures, which belong to the row's own events.
 */
export interface EventSql { type: string; status?: string; actor?: string; at: string; firstRow?: boolean; when?: string }

const NOT_ON_FIRST_ROW_CREATED: readonly MappedField[] = ['actor', 'agent_id', 'status', 'rating', 'rating_dimension', 'comment', 'handle_seconds'];

export function eventStruct(e: EventSql): string {
  const s = `struct_pack(type := ${e.type}, status := ${e.status ?? 'NULL::VARCHAR'}, actor := ${e.actor ?? 'NULL::VARCHAR'}, ` +
    `at := ${e.at}, first_row := ${e.firstRow ? 'true' : 'false'})`;
  return e.when ? `CASE WHEN ${e.when} THEN ${s} END` : s;
}

/** `substr(sha256(json_array(...)), 1, 32)`: 128 bits of a hash over an unambiguous list. */
export function hashIdSql(parts: readonly string[]): string {
  return `substr(sha256(CAST(json_array(${parts.join(', ')}) AS VARCHAR)), 1, 32)`;
}

export interface CanonicalSelect {
  /** The WITH clause body (CTEs). */
  ctes: string;
  /** The CTE whose rows carry __source, __line, __raw, __error and the aliases used below. */
  from: string;
  ticket: string;
  fields: Partial<Record<MappedField, string>>;
  attrs: string;
  /** Events of a good row; rules that did not fire give NULL (dropped). */
  events: readonly string[];
  /** event_id of an event that is not a first-row `created`, in terms of `ev` (the event struct). */
  eventId: string;
  /** event_id of a first-row `created` event. */
  createdId: string;
  /**
   * The event's place in the source's order at its instant (events.source_seq): a sequence the
   * source keeps for the ticket (sys_mod_count, a declared column), comparable across files; else
   * (`rank`) the rank of its row, in this row order, among the ticket's rows with events at that instant.
   */
  seq: { global: string } | { rank: readonly string[] };
}

export function canonicalSelectSql(c: CanonicalSelect): string {
  const ok = (expr: string) => `CASE WHEN __error IS NULL THEN ${expr} END`;
  const errorMarker = eventStruct({ type: 'NULL::VARCHAR', at: 'NULL::TIMESTAMPTZ', when: '__error IS NOT NULL' });
  const column = (name: EventFieldName): string => {
    switch (name) {
      case 'event_id': return ok(`CASE WHEN ev.first_row THEN ${c.createdId} ELSE ${c.eventId} END`);
      case 'ticket_id': return c.ticket;
      case 'type': return 'ev.type';
      case 'occurred_at': return ok(isoTextSql('ev.at'));
      case 'attrs': return ok(c.attrs);
    }
    // status and actor may come with the event (Wait -> pending) or from a column.
    const own = c.fields[name];
    const value = name === 'status' || name === 'actor' ? (own ? `coalesce(ev.${name}, ${own})` : `ev.${name}`) : own;
    if (value === undefined) return 'NULL::VARCHAR';
    const guarded = NOT_ON_FIRST_ROW_CREATED.includes(name) ? `CASE WHEN ev.first_row THEN NULL ELSE ${value} END` : value;
    return `CAST(${ok(guarded)} AS VARCHAR)`;
  };
  // list_distinct drops the NULLs of rules that did not fire and merges identical events
  // that two rules found in one row (a reopen seen both in the state and in a counter).
  const events = [errorMarker, ...c.events.map((e) => `CASE WHEN __error IS NULL THEN ${e} END`)];
  // A first-row `created` has no place in the source's order (NULL: it leads its instant).
  const seq = 'global' in c.seq ? c.seq.global : `dense_rank() OVER (PARTITION BY ${c.ticket}, ev.at ORDER BY ${c.seq.rank.join(', ')})`;
  return `WITH ${c.ctes}
SELECT __source, __line, __raw, __error,
  ${EVENT_FIELDS.map((f) => `${column(f.name)} AS ${sqlIdent(f.name)}`).join(',\n  ')},
  CAST(CASE WHEN __error IS NULL AND NOT ev.first_row THEN ${seq} END AS VARCHAR) AS __seq
FROM (
  SELECT *, unnest(list_distinct([
    ${events.join(',\n    ')}
  ])) AS ev
  FROM ${c.from}
)`;
}
