// The schema of a mapping file: decodes the parsed YAML into a Mapping and checks what the
// shapes alone cannot (enum values, mode-specific keys, PII use, time formats and zone).
import { IANAZone } from 'luxon';
import type { Node } from 'yaml';
import { ACTORS, EVENT_TYPES, PRIORITIES, STATUSES, type EventFieldName } from '../../warehouse/event-model.ts';
import type {
  CalendarDeclaration, ChangeRule, ColumnRef, EventSpec, EventTable, FieldSource, Mapping, MappedField, OrderKey, Place, TicketEvent, ValueMap,
} from './mapping.ts';
import { TRANSFER_RULES } from './mapping.ts';
import type { FirstResponseRule } from '../../warehouse/lifecycle/first-response-rule.ts';
import {
  boolean, byShape, dict, failAt, list, oneOf, optional, placed, placeOf, required, struct, text,
  type Ctx, type Decoder,
} from './yaml-schema.ts';

export const MAPPED_FIELDS = [
  'actor', 'agent_id', 'team_id', 'channel', 'problem_type', 'problem_subtype', 'product', 'region',
  'priority', 'customer_id', 'status', 'rating', 'rating_dimension', 'comment', 'handle_seconds',
] as const satisfies readonly MappedField[];

/** Enum-valued fields: their mapped and constant values are checked against the event model. */
const ENUMS: Partial<Record<MappedField, readonly string[]>> = { actor: ACTORS, priority: PRIORITIES, status: STATUSES };

// `Variant#2` names the second column whose header is `Variant` (headers may repeat).
const column: Decoder<ColumnRef> = (node, path, ctx) => {
  const written = text({ what: 'a column name' })(node, path, ctx);
  const at = placeOf(node, path, ctx);
  return columnRef(written, at);
};

function columnRef(written: string, at: Place): ColumnRef {
  const m = /^(.*)#([1-9]\d*)$/.exec(written);
  return m ? { header: m[1]!, occurrence: Number(m[2]), text: written, at } : { header: written, text: written, at };
}

const eventType = oneOf(EVENT_TYPES, 'an event type');

const eventSpec: Decoder<EventSpec & { $at: Place }> = byShape<EventSpec & { $at: Place }>({
  scalar: (node, path, ctx) => ({ type: eventType(node, path, ctx), $at: placeOf(node, path, ctx) }),
  map: (node, path, ctx) => {
    const s = struct({
      type: required(eventType), status: optional(oneOf(STATUSES, 'a status')),
      actor: optional(oneOf(ACTORS, 'an actor')), at: optional(column),
    }, 'an event')(node, path, ctx);
    if (s.type === 'status_changed' && !s.status) failAt(s.$at, ctx, `a status_changed event needs a status: add status: ${STATUSES.join('|')}`);
    if (s.status && s.type !== 'status_changed') failAt(s.$keys.status!, ctx, `status belongs to status_changed events only; remove it or use type: status_changed`);
    return { type: s.type, status: s.status, actor: s.actor, at: s.at, $at: s.$at };
  },
}, 'an event type (e.g. resolved) or { type: ..., status: ... }');

const eventTable: Decoder<EventTable & { specs: Array<EventSpec & { $at: Place }> }> = (node, path, ctx) => {
  const entries = dict(eventSpec)(node, path, ctx);
  if (entries.length === 0) failAt(placeOf(node, path, ctx), ctx, 'the table is empty: list the source values and their events');
  return {
    entries: new Map(entries.map((e) => [e.key, e.value])),
    specs: entries.map((e) => e.value),
    at: placeOf(node, path, ctx),
  };
};

// A field read from a column (optionally through a value table) or a constant; the targets
// of enum fields (priority, status, actor) must be values of the event model.
const fieldSource = (name: MappedField): Decoder<FieldSource> => {
  const allowed = ENUMS[name];
  const target: Decoder<string> = (node, path, ctx) => {
    const value = text({ what: 'a target value' })(node, path, ctx);
    if (allowed && !allowed.includes(value)) failAt(placeOf(node, path, ctx), ctx, `"${value}" is not a valid ${name}; use one of: ${allowed.join(', ')}`);
    return value;
  };
  return byShape<FieldSource>({
    scalar: (node, path, ctx) => ({ kind: 'column', column: column(node, path, ctx) }),
    map: (node, path, ctx) => {
      const s = struct({
        column: optional(column), value: optional(target), values: optional(dict(target)),
        otherwise: optional(oneOf(['keep', 'null', 'error'] as const, 'keep, null or error')),
      }, 'a field')(node, path, ctx);
      if ((s.column === undefined) === (s.value === undefined)) failAt(s.$at, ctx, 'give either column: NAME (read it from a column) or value: TEXT (the same for every event)');
      if (s.value !== undefined) {
        if (s.values || s.otherwise) failAt(s.$at, ctx, 'values and otherwise apply to a column; remove them or use column: instead of value:');
        return { kind: 'constant', value: s.value };
      }
      if (s.otherwise && !s.values) failAt(s.$keys.otherwise!, ctx, 'otherwise applies to a values table; add values: or remove otherwise');
      const values: ValueMap | undefined = s.values && {
        entries: new Map(s.values.map((e) => [e.key, e.value])), otherwise: s.otherwise ?? 'error', at: s.$keys.values!,
      };
      return { kind: 'column', column: s.column!, values };
    },
  }, 'a column name or { column: ..., values: {...} }');
};

const attrs: Decoder<Array<{ key: string; column: ColumnRef }>> = byShape({
  seq: (node, path, ctx) => {
    const cols = list(column)(node, path, ctx);
    const seen = new Set<string>();
    for (const c of cols) {
      if (seen.has(c.header)) failAt(c.at, ctx, `attrs lists "${c.header}" twice; list it once, or write key: column pairs`);
      seen.add(c.header);
    }
    return cols.map((c) => ({ key: c.header, column: c }));
  },
  map: (node, path, ctx) => dict(column)(node, path, ctx).map((e) => ({ key: e.key, column: e.value })),
}, 'a list of columns or key: column pairs');

// DuckDB strptime specifiers (duckdb.org/docs/sql/functions/dateformat); others are typos.
const SPECIFIER = /%(-?[aAwudbhBmyYHIpMSgfnzZjUWcxX]|%)/g;

function checkTime(t: { formats: string[]; zone?: string; $keys: Record<string, Place>; $at: Place }, formatsAt: Place[], ctx: Ctx): void {
  t.formats.forEach((f, i) => {
    if (f === 'iso8601') return;
    const stray = f.replace(SPECIFIER, '').match(/%.?/);
    if (stray) failAt(formatsAt[i]!, ctx, `"${stray[0]}" in "${f}" is not a DuckDB strptime specifier (e.g. %Y %m %d %H %M %S %g %z); fix the format or use iso8601`);
    if (!/%[zZ]/.test(f) && !t.zone) failAt(formatsAt[i]!, ctx, `"${f}" reads times without a UTC offset, and time.zone is not set: add time.zone (the zone of the source's clock, e.g. Europe/Rome)`);
  });
  if (t.zone && !IANAZone.isValidZone(t.zone)) failAt(t.$keys.zone!, ctx, `"${t.zone}" is not an IANA time zone name; use e.g. UTC, Europe/Rome, Asia/Shanghai`);
}

// `calendar: ID` (every ticket of the source) or `calendars: { default: ID, team: { TEAM: ID } }`; the
// ids are checked against the config's calendars when a batch is ingested (the mapping cannot know them).
function calendarDeclaration(m: ReturnType<typeof mappingFile>, ctx: Ctx): CalendarDeclaration | undefined {
  if (m.calendar && m.calendars) failAt(m.$keys.calendars!, ctx, 'give either calendar: ID (every ticket of the source) or calendars: { default: ID, team: { TEAM: ID } }, not both');
  if (m.calendar) return { default: { id: m.calendar.value, at: m.calendar.at }, teams: [] };
  if (!m.calendars) return undefined;
  const teams = (m.calendars.team ?? []).map((e) => ({ team: e.key, id: e.value, at: e.at }));
  if (!m.calendars.default && teams.length === 0) failAt(m.$keys.calendars!, ctx, 'calendars declares nothing: add default: ID and/or team: { TEAM: ID }');
  return { ...(m.calendars.default ? { default: { id: m.calendars.default.value, at: m.calendars.default.at } } : {}), teams };
}

const changeRule: Decoder<ChangeRule & { specs: Array<EventSpec & { $at: Place }> }> = (node, path, ctx) => {
  const s = struct({
    assignment: optional(struct({
      agent: required(column), team: optional(column), transfer: optional(oneOf(TRANSFER_RULES, 'a transfer rule')),
    }, 'assignment')), column: optional(column),
    on: optional(eventTable), initial: optional(text()),
    leaving: optional(list(text(), { nonEmpty: true })), event: optional(eventSpec),
    increase: optional(eventSpec), change: optional(eventSpec),
  }, 'a change rule')(node, path, ctx);
  const shapes = 'a change rule is one of: { assignment: { agent: COLUMN, team: COLUMN, transfer: team|person|either } }, { column, on: {VALUE: EVENT}, initial? }, ' +
    '{ column, leaving: [VALUES], event: EVENT }, { column, increase: EVENT }, { column, change: EVENT }';
  const kinds = (['assignment', 'on', 'leaving', 'increase', 'change'] as const).filter((k) => s[k] !== undefined);
  if (kinds.length !== 1) failAt(s.$at, ctx, `${kinds.length ? `${kinds.join(' and ')} cannot be combined` : 'nothing to watch'}; ${shapes}`);
  const kind = kinds[0]!;
  const extra = Object.keys(s.$keys).filter((k) => !({
    assignment: ['assignment'], on: ['column', 'on', 'initial'], leaving: ['column', 'leaving', 'event'],
    increase: ['column', 'increase'], change: ['column', 'change'],
  }[kind]).includes(k));
  if (extra.length) failAt(s.$keys[extra[0]!]!, ctx, `"${extra[0]}" does not belong in a rule with ${kind}; ${shapes}`);
  if (kind === 'assignment') {
    const a = s.assignment!;
    if (a.transfer === 'team' && !a.team) failAt(a.$keys.transfer!, ctx, 'transfer: team counts team changes, and this rule names no team column: add team: COLUMN, or use transfer: person');
    return { kind, agent: a.agent, team: a.team, transfer: a.transfer ?? 'either', at: s.$at, specs: [] };
  }
  if (!s.column) failAt(s.$at, ctx, `missing key "column": name the column this rule watches`);
  switch (kind) {
    case 'on':
      if (s.initial !== undefined && !s.on!.entries.has(s.initial)) failAt(s.$keys.initial!, ctx, `initial "${s.initial}" is not a value of on: use one of its values (${[...s.on!.entries.keys()].join(', ')})`);
      return { kind: 'values', column: s.column, on: s.on!, initial: s.initial, at: s.$at, specs: s.on!.specs };
    case 'leaving':
      if (!s.event) failAt(s.$at, ctx, 'missing key "event": the event that leaving these values stands for (e.g. reopened)');
      return { kind, column: s.column, values: s.leaving!, event: s.event, at: s.$at, specs: [s.event] };
    case 'increase': return { kind, column: s.column, event: s.increase!, at: s.$at, specs: [s.increase!] };
    case 'change': return { kind, column: s.column, event: s.change!, at: s.$at, specs: [s.change!] };
  }
};

// tickets.events[i]: a dated column of a ticket row, `at: COLUMN` or `at: [COLUMNS]` (the first with a value).
const ticketEvent: Decoder<TicketEvent> = (node, path, ctx) => {
  const s = struct({
    type: required(eventType), status: optional(oneOf(STATUSES, 'a status')), actor: optional(oneOf(ACTORS, 'an actor')),
    at: required(byShape<ColumnRef[]>({ scalar: (n, p, c) => [column(n, p, c)], seq: list(column, { nonEmpty: true }) }, 'a column or a list of columns')),
    when: optional(column),
  }, 'a ticket event')(node, path, ctx);
  if (s.type === 'created') failAt(s.$keys.type!, ctx, 'the created event of a ticket row is at occurred_at (the creation time); list the other dated columns here');
  if (s.type === 'status_changed' && !s.status) failAt(s.$at, ctx, `a status_changed event needs a status: add status: ${STATUSES.join('|')}`);
  if (s.status && s.type !== 'status_changed') failAt(s.$keys.status!, ctx, 'status belongs to status_changed events only; remove it or use type: status_changed');
  return { spec: { type: s.type, status: s.status, actor: s.actor }, at: s.at, when: s.when };
};

// first_response: { assignment: person } | { status: [STATUSES] } | { event: TYPE }: what counts as a
// ticket's first response when the source records no agent replies (first-response-rule.ts).
const firstResponse: Decoder<FirstResponseRule> = (node, path, ctx) => {
  const s = struct({
    assignment: optional(oneOf(['person'] as const, 'person (the first assignment to a person)')),
    status: optional(list(oneOf(STATUSES, 'a status'), { nonEmpty: true })),
    event: optional(oneOf(EVENT_TYPES, 'an event type')),
  }, 'first_response')(node, path, ctx);
  const kinds = (['assignment', 'status', 'event'] as const).filter((k) => s[k] !== undefined);
  if (kinds.length !== 1) {
    failAt(s.$at, ctx, `first_response is one of { assignment: person }, { status: [open] } (the first change to one of these statuses) or { event: commented }${kinds.length ? `; ${kinds.join(' and ')} cannot be combined` : ''}`);
  }
  if (s.event === 'created') failAt(s.$keys.event!, ctx, 'the created event starts the clock; name the event that answers the ticket (e.g. commented, assigned)');
  if (s.status?.includes('new')) failAt(s.$keys.status!, ctx, 'new is where a ticket starts; list the statuses that mean someone works on it (e.g. open)');
  return s.assignment ? { kind: 'assignment' } : s.status ? { kind: 'status', statuses: s.status } : { kind: 'event', type: s.event! };
};

const mappingFile = struct({
  version: required(oneOf(['1'] as const, 'a known mapping version')),
  name: optional(text()),
  missing: optional(list(text())),
  missing_per_column: optional(dict(list(text()))),
  time: required(struct({ formats: required(list(placed(text()), { nonEmpty: true })), zone: optional(text()) }, 'time')),
  calendar: optional(placed(text({ what: 'a calendar id' }))),
  calendars: optional(struct({ default: optional(placed(text({ what: 'a calendar id' }))), team: optional(dict(text({ what: 'a calendar id' }))) }, 'calendars')),
  ticket_id: required(column),
  occurred_at: required(column),
  fields: optional(struct(Object.fromEntries(MAPPED_FIELDS.map((f) => [f, optional(fieldSource(f))])) as Record<MappedField, ReturnType<typeof optional<FieldSource>>>, 'fields')),
  attrs: optional(attrs),
  pii: optional(list(column)),
  first_response: optional(firstResponse),
  events: optional(struct({
    type: required(struct({ column: required(column), on: required(eventTable) }, 'events.type')),
    created_if_missing: optional(boolean()),
    sequence: optional(column),
    event_id: optional(struct({ column: optional(column), hash: optional(list(column, { nonEmpty: true })) }, 'event_id')),
  }, 'events')),
  snapshots: optional(struct({
    order: required(list(struct({
      column: required(column), as: required(oneOf(['number', 'time', 'text'] as const, 'number, time or text')),
    }, 'an order key'), { nonEmpty: true })),
    created: optional(struct({ at: optional(column) }, 'created')),
    changes: required(list(changeRule, { nonEmpty: true })),
  }, 'snapshots')),
  tickets: optional(struct({
    events: required(list(ticketEvent, { nonEmpty: true })),
    status: optional(struct({ column: required(column), on: required(eventTable) }, 'tickets.status')),
  }, 'tickets')),
}, 'a mapping');

/** Decodes and checks a parsed mapping document (root node) into a Mapping. */
export function decodeMapping(root: Node | null, ctx: Ctx, defaultName: string): Omit<Mapping, 'digest'> {
  const m = mappingFile(root, [], ctx);
  if ([m.events, m.snapshots, m.tickets].filter((mode) => mode !== undefined).length !== 1) {
    failAt(m.$at, ctx, 'say how rows become events: add exactly one of events: (each row is one event), snapshots: (each row is the state of a ticket after an update) or tickets: (each row is one ticket with its dated columns)');
  }
  checkTime({ formats: m.time.formats.map((f) => f.value), zone: m.time.zone, $keys: m.time.$keys, $at: m.time.$at }, m.time.formats.map((f) => f.at), ctx);

  const calendars = calendarDeclaration(m, ctx);

  const fields: Partial<Record<MappedField, FieldSource>> = {};
  for (const name of MAPPED_FIELDS) {
    const source = m.fields?.[name];
    if (!source) continue;
    const at = m.fields!.$keys[name]!;
    if (name === 'status' && m.snapshots) failAt(at, ctx, 'in snapshots mode the status comes from the change rules (status_changed events); remove fields.status');
    if (name === 'status' && m.tickets) failAt(at, ctx, 'in tickets mode the status comes from tickets.status (an event dated at the row\'s latest time); move the column there');
    fields[name] = source;
  }

  const pii = m.pii ?? [];
  const isPii = (c: ColumnRef) => pii.some((p) => p.header === c.header);
  const refusePii = (c: ColumnRef | undefined, role: string) => {
    if (c && isPii(c)) failAt(c.at, ctx, `"${c.text}" is declared pii, so it cannot be ${role} (the raw value would leave the ingest unhashed); use another column`);
  };
  refusePii(m.ticket_id, 'the ticket id');
  refusePii(m.occurred_at, 'the event time');
  const attrList = m.attrs ?? [];
  const piiFields = new Set<EventFieldName>(['customer_id']);
  for (const [name, source] of Object.entries(fields)) if (source.kind === 'column' && isPii(source.column)) piiFields.add(name as EventFieldName);

  const missingPerColumn = (m.missing_per_column ?? []).map((e) => ({ column: columnRef(e.key, e.at), values: e.value }));
  const base = {
    name: m.name ?? defaultName, file: ctx.file, missing: m.missing ?? [], missingPerColumn,
    time: { formats: m.time.formats.map((f) => f.value), zone: m.time.zone, at: m.time.$at }, ...(calendars ? { calendars } : {}),
    ticketId: m.ticket_id, occurredAt: m.occurred_at, fields, attrs: attrList,
    pii: { columns: pii, fields: [...piiFields], attrs: attrList.filter((a) => isPii(a.column)).map((a) => a.key) },
    ...(m.first_response ? { firstResponse: m.first_response } : {}),
  };

  if (m.events) {
    const e = m.events;
    for (const spec of e.type.on.specs) if (spec.at) failAt(spec.$at, ctx, 'at: applies to snapshots only; in events mode the time is occurred_at');
    if (e.event_id?.column && e.event_id.hash) failAt(e.event_id.$at, ctx, 'give either column: (the source has ids) or hash: [COLUMNS] (ids derived from these columns), not both');
    const eventId = e.event_id?.column
      ? { kind: 'column' as const, column: e.event_id.column }
      : { kind: 'hash' as const, columns: e.event_id?.hash ?? [m.ticket_id, m.occurred_at, e.type.column] };
    for (const c of eventId.kind === 'column' ? [eventId.column] : eventId.columns) refusePii(c, 'part of event_id');
    refusePii(e.sequence, 'the sequence');
    return { ...base, rows: { mode: 'events', type: { column: e.type.column, on: e.type.on }, createdIfMissing: e.created_if_missing ?? false, eventId, sequence: e.sequence } };
  }

  if (m.tickets) {
    const t = m.tickets;
    for (const spec of t.status?.on.specs ?? []) {
      if (spec.at) failAt(spec.$at, ctx, 'at: does not apply here: the status is dated at the latest event time of the row');
      if (spec.type === 'created') failAt(spec.$at, ctx, 'the created event of a ticket row is at occurred_at; map this status to another event');
    }
    if (fields.handle_seconds) failAt(m.fields!.$keys.handle_seconds!, ctx, 'a ticket row\'s handle time is a total that no one event carries; keep the column in attrs instead');
    for (const e of t.events) for (const c of e.at) refusePii(c, 'an event time');
    refusePii(t.status?.column, 'the status column');
    return { ...base, rows: { mode: 'tickets', events: t.events, status: t.status && { column: t.status.column, on: t.status.on } } };
  }

  const s = m.snapshots!;
  const order: OrderKey[] = s.order.map((o) => ({ column: o.column, as: o.as }));
  for (const o of order) refusePii(o.column, 'an order key');
  for (const rule of s.changes) {
    for (const c of rule.kind === 'assignment' ? [rule.agent, rule.team] : [rule.column]) refusePii(c, 'watched by a change rule');
    for (const spec of rule.specs) if (spec.type === 'created') failAt(spec.$at, ctx, 'created events come from snapshots.created (the first row of each ticket); use another event type here');
  }
  return { ...base, rows: { mode: 'snapshots', order, created: { at: s.created?.at }, changes: s.changes } };
}
