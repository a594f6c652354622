// The event model of design.md: the only input contract between ingest/ and the warehouse.
// Every module reads the field list and the enums from here.

export const EVENT_TYPES = [
  'created', 'assigned', 'replied', 'commented', 'status_changed', 'transferred',
  'escalated', 'resolved', 'reopened', 'closed', 'rated', 'updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const ACTORS = ['agent', 'customer', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Event fields whose values may have names in both languages (value_labels; teams are named in the config's teams). */
export const LABELLED_DIMENSIONS: readonly string[] = ['problem_type', 'problem_subtype', 'channel', 'region', 'product', 'priority'];

/** Canonical event fields in storage order, with their DuckDB type. */
export const EVENT_FIELDS = [
  { name: 'event_id', sql: 'VARCHAR', required: true },
  { name: 'ticket_id', sql: 'VARCHAR', required: true },
  { name: 'type', sql: 'VARCHAR', required: true },
  { name: 'occurred_at', sql: 'TIMESTAMPTZ', required: true },
  { name: 'actor', sql: 'VARCHAR', required: false },
  { name: 'agent_id', sql: 'VARCHAR', required: false },
  { name: 'team_id', sql: 'VARCHAR', required: false },
  { name: 'channel', sql: 'VARCHAR', required: false },
  { name: 'problem_type', sql: 'VARCHAR', required: false },
  { name: 'problem_subtype', sql: 'VARCHAR', required: false },
  { name: 'product', sql: 'VARCHAR', required: false },
  { name: 'region', sql: 'VARCHAR', required: false },
  { name: 'priority', sql: 'VARCHAR', required: false },
  { name: 'customer_id', sql: 'VARCHAR', required: false },
  { name: 'status', sql: 'VARCHAR', required: false },
  { name: 'rating', sql: 'TINYINT', required: false },
  { name: 'rating_dimension', sql: 'VARCHAR', required: false },
  { name: 'comment', sql: 'VARCHAR', required: false },
  { name: 'handle_seconds', sql: 'DOUBLE', required: false },
  { name: 'attrs', sql: 'JSON', required: false },
] as const;
export type EventFieldName = (typeof EVENT_FIELDS)[number]['name'];

/** One canonical event as plain data (timestamps as ISO 8601 strings with offset). */
export interface CanonicalEvent {
  event_id: string;
  ticket_id: string;
  type: EventType;
  occurred_at: string;
  actor?: Actor | null;
  agent_id?: string | null;
  team_id?: string | null;
  channel?: string | null;
  problem_type?: string | null;
  problem_subtype?: string | null;
  product?: string | null;
  region?: string | null;
  priority?: Priority | null;
  customer_id?: string | null;
  status?: Status | null;
  rating?: number | null;
  /** What a `rated` event rates (speed, quality, attitude, ...); absent or null: the overall rating. */
  rating_dimension?: string | null;
  comment?: string | null;
  handle_seconds?: number | null;
  attrs?: Record<string, unknown> | null;
}
