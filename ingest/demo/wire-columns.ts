// The columns DuckDB receives from the demo generator and the SQL that decodes them into canonical
// events: dictionaries as ENUM types indexed by the code, ids and local times from small pieces.
import { DOUBLE, ENUM, INTEGER, UINTEGER, UTINYINT, type DuckDBType } from '@duckdb/node-api';
import { CUSTOMER_ID_BASE } from './decode-chunk.ts';
import type { DemoPlan } from './demo-plan.ts';
import { F, type CodeColumn } from './event-columns.ts';

export type DemoFormat = 'parquet' | 'csv' | 'ndjson';

/**
 * How a wire column is made from a code row: `number` as is; `dict` a dictionary code (ENUM index
 * code - 1, null for 0); `ticket_no` yyyymmdd * 10^6 + serial; `local_day` / `time_of_day` the
 * local date and second of day of occurred_at.
 */
export type WireKind = 'number' | 'dict' | 'ticket_no' | 'local_day' | 'time_of_day';
export interface WireColumn { name: string; type: DuckDBType; kind: WireKind; code: number }

/** '00', '01', ... '99': a sequence number's label is its ENUM index (tickets stay below 100 events). */
const SEQ_LABELS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

export function wireColumns(plan: DemoPlan, format: DemoFormat): WireColumn[] {
  const dict = plan.dictionaries;
  const number = (name: CodeColumn, type: DuckDBType): WireColumn => ({ name, type, kind: 'number', code: F[name] });
  const labels = (name: CodeColumn, values: readonly string[]): WireColumn => ({ name, type: ENUM(values), kind: 'dict', code: F[name] });
  const time: WireColumn[] = format === 'parquet'
    ? [number('at', DOUBLE)]
    : [
        { name: 'local_day', type: ENUM(localDayLabels(plan)), kind: 'local_day', code: F.at },
        { name: 'time_of_day', type: ENUM(timeOfDayLabels(dict.offset?.label ?? 'Z')), kind: 'time_of_day', code: F.at },
      ];
  return [
    { name: 'ticket_no', type: DOUBLE, kind: 'ticket_no', code: F.ticket_serial },
    number('seq', ENUM(SEQ_LABELS)),
    number('type', ENUM(dict.eventTypes)),
    ...time,
    labels('actor', dict.actors), labels('agent', dict.agents), labels('team', dict.teams),
    labels('channel', dict.channels), labels('problem_type', dict.problemTypes), labels('subtype', dict.subtypes),
    labels('product', dict.products), labels('region', dict.regions), labels('priority', dict.priorities),
    labels('status', dict.statuses), number('rating', UTINYINT), labels('rating_dimension', dict.ratingDimensions),
    labels('comment', dict.comments),
    number('customer', UINTEGER), number('order_no', UINTEGER), number('handle', INTEGER),
  ];
}

/** Shift that turns epoch seconds into local wall-clock seconds (UTC when the zone has no fixed offset). */
export function localShift(plan: DemoPlan): { seconds: number; firstDay: number } {
  const seconds = plan.dictionaries.offset?.seconds ?? 0;
  return { seconds, firstDay: Math.floor((plan.dayStart[0]! + seconds) / 86_400) };
}

/** 'YYYY-MM-DDT' for each local day an event can fall on. */
function localDayLabels(plan: DemoPlan): string[] {
  const { firstDay } = localShift(plan);
  return Array.from({ length: plan.options.days + 1 }, (_, i) => `${new Date((firstDay + i) * 86_400_000).toISOString().slice(0, 10)}T`);
}

/** 'HH:MM:SS+08:00' for each second of a day. */
function timeOfDayLabels(offsetLabel: string): string[] {
  return Array.from({ length: 86_400 }, (_, s) => new Date(s * 1000).toISOString().slice(11, 19) + offsetLabel);
}

/**
 * The SELECT over demo_codes() that yields canonical events in EVENT_FIELDS order: occurred_at is
 * a TIMESTAMPTZ for Parquet and ISO 8601 text with the demo zone's offset for CSV and NDJSON.
 */
function eventsSql(format: DemoFormat): string {
  const occurredAt = format === 'parquet' ? 'to_timestamp("at")' : 'local_day::VARCHAR || time_of_day::VARCHAR';
  // Whole seconds: typed DOUBLE in Parquet, written without ".0" in text.
  const handleType = format === 'parquet' ? 'DOUBLE' : 'INTEGER';
  return `
    SELECT
      ticket_id || '-' || seq::VARCHAR AS event_id,
      ticket_id,
      "type",
      ${occurredAt} AS occurred_at,
      actor,
      agent AS agent_id,
      team AS team_id,
      channel,
      problem_type,
      subtype AS problem_subtype,
      product,
      region,
      priority,
      CASE WHEN customer > 0 THEN 'C' || (customer + ${CUSTOMER_ID_BASE})::VARCHAR END AS customer_id,
      status,
      CASE WHEN rating > 0 THEN rating::TINYINT END AS rating,
      rating_dimension,
      comment,
      CASE WHEN handle >= 0 THEN handle::${handleType} END AS handle_seconds,
      CASE WHEN order_no > 0 THEN json_object('order_no', 'SO' || order_no::VARCHAR) END AS attrs,
      handle,
      order_no
    FROM (SELECT *, 'T' || ticket_no::BIGINT::VARCHAR AS ticket_id FROM demo_codes())`;
}

/** Fields only created events carry, and those the others may carry, each in EVENT_FIELDS order. */
const CREATED_FIELDS = ['actor', 'team_id', 'channel', 'problem_type', 'problem_subtype', 'product', 'region', 'priority', 'customer_id', 'status', 'attrs'];
const LATER_FIELDS = ['actor', 'agent_id', 'team_id', 'problem_subtype', 'priority', 'status', 'rating', 'rating_dimension', 'comment', 'handle_seconds'];

/** The JSON member `,"name":value` of a field, or NULL (concat skips it) when the field is not set. */
function member(field: string): string {
  switch (field) {
    case 'rating': return `CASE WHEN rating IS NOT NULL THEN ',"rating":' || rating::VARCHAR END`;
    case 'comment': return `CASE WHEN comment IS NOT NULL THEN ',"comment":' || to_json(comment::VARCHAR)::VARCHAR END`;
    case 'handle_seconds': return `CASE WHEN handle >= 0 THEN ',"handle_seconds":' || handle::VARCHAR END`;
    case 'attrs': return `CASE WHEN order_no > 0 THEN ',"attrs":{"order_no":"SO' || order_no::VARCHAR || '"}' END`;
    default: return `CASE WHEN ${field} IS NOT NULL THEN ',"${field}":"' || ${field}::VARCHAR || '"' END`;
  }
}

/**
 * One NDJSON line per event with only the fields that are set, in EVENT_FIELDS order: the same text
 * JSON.stringify gives for generateDemo's objects (a test holds them equal). Ids and labels need
 * no escaping (checkDemoConfig keeps team ids plain); comments go through to_json.
 */
function ndjsonSql(): string {
  return `
    SELECT concat(
      '{"event_id":"', event_id, '","ticket_id":"', ticket_id, '","type":"', "type"::VARCHAR, '","occurred_at":"', occurred_at, '"',
      CASE WHEN "type" = 'created'
        THEN concat(${CREATED_FIELDS.map(member).join(', ')})
        ELSE concat(${LATER_FIELDS.map(member).join(', ')})
      END,
      '}') AS line
    FROM (${eventsSql('ndjson')})`;
}

const EVENT_COLUMNS = 'event_id, ticket_id, "type", occurred_at, actor, agent_id, team_id, channel, problem_type, problem_subtype, product, region, priority, customer_id, status, rating, rating_dimension, comment, handle_seconds, attrs';

/** The query a COPY writes, and its COPY options. */
export function copySql(format: DemoFormat): { query: string; options: string } {
  switch (format) {
    case 'parquet': return { query: `SELECT ${EVENT_COLUMNS} FROM (${eventsSql(format)})`, options: 'FORMAT parquet' };
    case 'csv': return { query: `SELECT ${EVENT_COLUMNS} FROM (${eventsSql(format)})`, options: 'FORMAT csv, HEADER true' };
    // Written as unquoted one-column CSV: each line is already a JSON object.
    case 'ndjson': return { query: ndjsonSql(), options: "FORMAT csv, HEADER false, QUOTE '', ESCAPE ''" };
  }
}
