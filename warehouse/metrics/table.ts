// The shape every metric query answers with: named, typed, labelled columns and plain rows, so that
// the API can send it as JSON, Arrow, CSV or XLSX and the UI can label it without knowing the metric.
import type { ComparisonKind } from './comparison.ts';

export type ColumnUnit =
  | 'text' | 'date' | 'timestamp' | 'count' | 'seconds' | 'ratio' | 'rating' | 'number';

export interface Label { en: string; zh: string }

export interface Column {
  key: string;
  label: Label;
  unit: ColumnUnit;
}

export type Cell = string | number | boolean | null;

/** What `previous` is (comparison.ts), and why its figures are null when it holds no data at all. */
export interface TableComparison {
  kind: ComparisonKind;
  /**
   * no_data: the warehouse holds no ticket created in the comparison period (e.g. a year ago);
   * partial: the period starts before the warehouse's first ticket, so its figures would read as growth.
   */
  unavailable: 'no_data' | 'partial' | null;
  /** partial: the period's days from the warehouse's first ticket on, of its `days`. */
  covered_days?: number;
  days?: number;
}

/**
 * What a table's first response figures rest on (warehouse/metrics/first-response.ts): tickets of
 * the range whose source measures first response, those left out, and the rules they were measured by.
 */
export interface FirstResponseCoverage {
  /** Why the first response figures are null: none of the range's tickets is measured. Null: they are available. */
  unavailable: 'no_first_response_in_source' | null;
  measured: number;
  excluded: number;
  /** "first response = ..." per rule of the measured tickets, most tickets first. */
  rules: Array<{ rule: string; tickets: number; label: Label }>;
  /** The sentence an export or screen shows: the reason, or how many tickets were left out; null: nothing to say. */
  note: Label | null;
}

export interface MetricTable {
  /** What the table is, used in export file names (e.g. "agents", "timeseries-day"). */
  name: string;
  period: { from: string; to: string; timezone: string };
  /** The previous period compared against, when the table carries comparisons. */
  previous: { from: string; to: string } | null;
  /** Tables that compare: which comparison `previous` is, and whether it holds data. */
  comparison?: TableComparison;
  clock: 'calendar' | 'business';
  columns: Column[];
  rows: Record<string, Cell>[];
  /** For paged ticket lists: every matching row, not only this page. */
  total?: number;
  /** Tables with first response figures: which tickets they rest on (absent: the table has none). */
  firstResponse?: FirstResponseCoverage;
  /** Tables a rollup may answer: whether it did (the `x-source` header), else the facts did. */
  source?: 'rollup' | 'facts';
  /** Week and month series: the buckets not covered whole by the range or by the days up to today, by bucket start. */
  partial?: Record<string, { days_covered: number; days_in_bucket: number }>;
  /** Live agent states: the data has no agent events at all, so who is online cannot be known (not 0 online). */
  agentStates?: { unavailable: 'no_agent_events' | null };
  /** The step on-time rate: the config declares no step limits, so there is no rate (not 0%). */
  stepLimits?: { unavailable: 'no_step_limits' | null };
  /** CSAT per rating dimension: the data (in the caller's teams) has no rating with a dimension, so there is none per dimension (not 0%). */
  ratingDimensions?: { unavailable: 'no_rating_dimensions' | null };
}
