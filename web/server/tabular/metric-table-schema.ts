// The TypeBox schema of a MetricTable (warehouse/metrics/table.ts): the 200 response of every
// metric route, so the table is validated, documented in OpenAPI and serialized from one place.
import { Type, type Static } from '@sinclair/typebox';
import type { Cell, MetricTable } from '../../../warehouse/metrics/table.ts';
import { COMPARISONS } from '../../../warehouse/metrics/comparison.ts';

export const CellSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const ColumnUnitSchema = Type.Union([
  Type.Literal('text'), Type.Literal('date'), Type.Literal('timestamp'), Type.Literal('count'),
  Type.Literal('seconds'), Type.Literal('ratio'), Type.Literal('rating'), Type.Literal('number'),
]);

export const ColumnSchema = Type.Object({
  key: Type.String(),
  label: Type.Object({ en: Type.String(), zh: Type.String() }),
  unit: ColumnUnitSchema,
});

// Rows are typed for TypeScript but left schema-less for the serializer: fast-json-stringify
// walks a keyed-record/any-of row schema cell by cell, 3-4x slower than JSON.stringify on a
// 10,000 x 20 table (measured: ~190 ms vs ~45 ms); the cell types are in the description.
const RowsSchema = Type.Unsafe<Record<string, Cell>[]>({
  description: 'one object per row, keyed by column key; each cell a string, number, boolean or null ' +
    '(durations in seconds, ratios 0..1, dates YYYY-MM-DD, timestamps ISO-8601 with offset)',
});

const LabelSchema = Type.Object({ en: Type.String(), zh: Type.String() });

export const FirstResponseCoverageSchema = Type.Object({
  unavailable: Type.Union([Type.Literal('no_first_response_in_source'), Type.Null()], {
    description: 'why the first response figures are null (none of the range\'s tickets has a measured first response); null: available',
  }),
  measured: Type.Integer({ description: 'tickets created in the range whose source measures first response' }),
  excluded: Type.Integer({ description: 'tickets created in the range left out: their source records no first response' }),
  rules: Type.Array(Type.Object({ rule: Type.String(), tickets: Type.Integer(), label: LabelSchema }),
    { description: 'what counted as the first response (reply, assignment, status:open, event:TYPE), per rule' }),
  note: Type.Union([LabelSchema, Type.Null()], { description: 'the sentence to show beside the figures' }),
});

export const MetricTableSchema = Type.Object({
  name: Type.String({ description: 'what the table is; also the stem of export file names' }),
  period: Type.Object({ from: Type.String(), to: Type.String(), timezone: Type.String() }),
  previous: Type.Union([Type.Null(), Type.Object({ from: Type.String(), to: Type.String() })]),
  comparison: Type.Optional(Type.Object({
    kind: Type.Union(COMPARISONS.map((c) => Type.Literal(c)), { description: 'what previous is: the period before, the same weekdays a week earlier, the same dates a year earlier, the same days of last month' }),
    unavailable: Type.Union([Type.Literal('no_data'), Type.Literal('partial'), Type.Null()], {
      description: 'no_data: no ticket was created in the comparison period; partial: it starts before the first ticket of the data (its figures are null, not 0 or a partial count)',
    }),
    covered_days: Type.Optional(Type.Integer({ description: 'partial: the days of the comparison period from the first ticket of the data on' })),
    days: Type.Optional(Type.Integer({ description: 'partial: the days of the comparison period' })),
  })),
  clock: Type.Union([Type.Literal('calendar'), Type.Literal('business')]),
  columns: Type.Array(ColumnSchema),
  rows: RowsSchema,
  total: Type.Optional(Type.Integer({ description: 'paged lists: every matching row, not only this page' })),
  firstResponse: Type.Optional(FirstResponseCoverageSchema),
  partial: Type.Optional(Type.Record(Type.String(), Type.Object({
    days_covered: Type.Integer({ description: 'days of the bucket inside the range and not after today' }),
    days_in_bucket: Type.Integer({ description: '7 for a week, 28..31 for a month' }),
  }), { description: 'week and month series: buckets only partly covered (the first or last of the range, or the current one), by bucket start' })),
  agentStates: Type.Optional(Type.Object({
    unavailable: Type.Union([Type.Literal('no_agent_events'), Type.Null()], {
      description: 'no_agent_events: the data holds no event by an agent, so who is online is not known (not 0 online); null: known',
    }),
  })),
  stepLimits: Type.Optional(Type.Object({
    unavailable: Type.Union([Type.Literal('no_step_limits'), Type.Null()], {
      description: 'no_step_limits: the config declares no step_limits, so there is no step on-time rate (not 0%); null: configured',
    }),
  })),
  ratingDimensions: Type.Optional(Type.Object({
    unavailable: Type.Union([Type.Literal('no_rating_dimensions'), Type.Null()], {
      description: 'no_rating_dimensions: no ticket (of the caller\'s teams) has a rating with a rating_dimension, so there is no CSAT per dimension (not 0%); null: there are',
    }),
  })),
});

// Keeps the schema and the warehouse type in step: a change to either fails the typecheck here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inStep: Same<Static<typeof MetricTableSchema>, MetricTable> = true;
void inStep;
