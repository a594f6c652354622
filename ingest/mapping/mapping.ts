// The in-memory form of a mapping file (see README.md for the YAML format): how one foreign
// export becomes canonical events. Produced by loadMapping, consumed by mappingSql.
import type { Actor, EventFieldName, EventType, Status } from '../../warehouse/event-model.ts';
import type { FirstResponseRule } from '../../warehouse/lifecycle/first-response-rule.ts';

/** A place in the mapping file, kept so that later errors (missing columns) can point at it. */
export interface Place { line: number; column: number; path: string }

/**
 * A source column named by the mapping: its header text, and for a header that occurs more
 * than once in the input (`Variant` twice), which occurrence (`Variant#2` -> occurrence 2).
 */
export interface ColumnRef { header: string; occurrence?: number; text: string; at: Place }

/** A value table: source value (after trimming) -> target value. */
export interface ValueMap {
  entries: ReadonlyMap<string, string>;
  /** What a value not in the table becomes: kept as is, no value, or a row error. */
  otherwise: 'keep' | 'null' | 'error';
  at: Place;
}

export type FieldSource =
  | { kind: 'column'; column: ColumnRef; values?: ValueMap }
  | { kind: 'constant'; value: string };

/** The event a source value stands for: its type and the fields that come with it. */
export interface EventSpec {
  type: EventType;
  status?: Status;
  actor?: Actor;
  /** Snapshots only: the time column of this event (e.g. resolved_at), else the row's time. */
  at?: ColumnRef;
}

/** A value table whose targets are events (activity -> event, incident_state -> event). */
export interface EventTable { entries: ReadonlyMap<string, EventSpec>; at: Place }

/** The canonical fields a mapping may fill from columns (the others have their own keys). */
export type MappedField = Exclude<EventFieldName, 'event_id' | 'ticket_id' | 'type' | 'occurred_at' | 'attrs'>;

export interface TimeRules {
  /** DuckDB strptime formats, or `iso8601`, tried in order. */
  formats: readonly string[];
  /** IANA zone of times written without an offset; absent: such times are row errors. */
  zone?: string;
  at: Place;
}

/** Business calendars (ids of the config's calendars) declared for the tickets of a source. */
export interface CalendarDeclaration {
  /** The calendar of tickets whose team has no calendar of its own (here or in the config). */
  default?: { id: string; at?: Place };
  /** Per team_id value as stored (after the mapping's values table): wins over the config's team calendar. */
  teams: ReadonlyArray<{ team: string; id: string; at?: Place }>;
}

export interface EventsMode {
  mode: 'events';
  type: { column: ColumnRef; on: EventTable };
  /** A ticket whose rows include no `created` event gets one at its earliest row. */
  createdIfMissing: boolean;
  eventId: { kind: 'column'; column: ColumnRef } | { kind: 'hash'; columns: readonly ColumnRef[] };
  /**
   * A number the source keeps that orders a ticket's events at one instant in every export (an
   * audit sequence); without it, the row's rank in its file among the ticket's rows at that instant.
   */
  sequence?: ColumnRef;
}

/**
 * What counts as a transfer (design.md's default: either): the team changes from one named team to
 * another (`team`), the agent from one named agent to another (`person`), or either of them.
 */
export const TRANSFER_RULES = ['team', 'person', 'either'] as const;
export type TransferRule = (typeof TRANSFER_RULES)[number];

/** The transfer rule a mapping declares (its assignment rule's), stored with each run; null: design.md's rule applies. */
export function declaredTransferRule(mapping: Mapping | undefined): TransferRule | null {
  if (mapping?.rows.mode !== 'snapshots') return null;
  return mapping.rows.changes.find((c) => c.kind === 'assignment')?.transfer ?? null;
}

export interface OrderKey { column: ColumnRef; as: 'number' | 'time' | 'text' }

export type ChangeRule =
  /**
   * The agent (and team) holding the ticket: the first agent -> assigned; a change that `transfer`
   * counts -> transferred (naming the new team, and the agent if there is one); another new agent ->
   * assigned; any other change (a team move not counted, a cleared agent) -> updated.
   */
  | { kind: 'assignment'; agent: ColumnRef; team?: ColumnRef; transfer: TransferRule; at: Place }
  /** Each new value of the column -> its event; the first value is compared with `initial` when given, else it is new. */
  | { kind: 'values'; column: ColumnRef; on: EventTable; initial?: string; at: Place }
  /** The column leaves one of `values` (e.g. Resolved, Closed) -> event. */
  | { kind: 'leaving'; column: ColumnRef; values: readonly string[]; event: EventSpec; at: Place }
  /** The column's number goes up (e.g. reopen_count) -> event. */
  | { kind: 'increase'; column: ColumnRef; event: EventSpec; at: Place }
  /** Any change of the column's value (e.g. priority) -> event. */
  | { kind: 'change'; column: ColumnRef; event: EventSpec; at: Place };

export interface SnapshotsMode {
  mode: 'snapshots';
  /** Order of a ticket's rows; ties fall back to source and line. */
  order: readonly OrderKey[];
  /** The `created` event of the first row seen of a ticket; at this column's time (else the row's). */
  created: { at?: ColumnRef };
  changes: readonly ChangeRule[];
}

/** One dated column of a ticket row and the event it stands for (skipped when the time is empty). */
export interface TicketEvent {
  spec: EventSpec;
  /** The event's time: the first of these columns with a value. */
  at: readonly ColumnRef[];
  /** Only when this column has a value too (e.g. a rating for `rated`). */
  when?: ColumnRef;
}

export interface TicketsMode {
  mode: 'tickets';
  /** The row's further events; its `created` is at occurred_at. */
  events: readonly TicketEvent[];
  /** The export's current status as an event dated at the row's latest event time. */
  status?: { column: ColumnRef; on: EventTable };
}

export interface Mapping {
  /** Name used in event_id derivation and in ingest_runs.mapping. */
  name: string;
  /** The mapping file (absolute path) that errors point at. */
  file: string;
  /** SHA-256 of the mapping text: part of a source file's fingerprint. */
  digest: string;
  /** Values (after trimming) that mean "no value" in every column; empty text always does. */
  missing: readonly string[];
  /** Further such values for single columns, keyed by column text as written (e.g. incident_state). */
  missingPerColumn: ReadonlyArray<{ column: ColumnRef; values: readonly string[] }>;
  time: TimeRules;
  /** `calendar:` or `calendars:`; absent: the config decides (team calendar, else default_calendar). */
  calendars?: CalendarDeclaration;
  ticketId: ColumnRef;
  /** The row's own time: the event time in events mode, the update time in snapshots mode, the creation time in tickets mode. */
  occurredAt: ColumnRef;
  fields: Partial<Record<MappedField, FieldSource>>;
  attrs: ReadonlyArray<{ key: string; column: ColumnRef }>;
  /**
   * Columns declared personal data, and where they end up, so that the pipeline can replace
   * them by the keyed hash: canonical fields (customer_id always) and keys inside attrs.
   */
  pii: { columns: readonly ColumnRef[]; fields: readonly EventFieldName[]; attrs: readonly string[] };
  /** `first_response:` what counts as the first response where the source records no agent replies. */
  firstResponse?: FirstResponseRule;
  rows: EventsMode | SnapshotsMode | TicketsMode;
}
