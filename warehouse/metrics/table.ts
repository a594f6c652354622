// The shape every metric query answers with: named, typed, labelled columns and plain rows, so that
// the API can send it as JSON, Arrow, CSV or XLSX and the UI can label it without knowing the metric.
export type ColumnUnit =
  | 'text' | 'date' | 'timestamp' | 'count' | 'seconds' | 'ratio' | 'rating' | 'number';

export interface Label { en: string; zh: string }

export interface Column {
  key: string;
  label: Label;
  unit: ColumnUnit;
}

export type Cell = string | number | boolean | null;

export interface MetricTable {
  /** What the table is, used in export file names (e.g. "agents", "timeseries-day"). */
  name: string;
  period: { from: string; to: string; timezone: string };
  /** The previous period compared against, when the table carries comparisons. */
  previous: { from: string; to: string } | null;
  clock: 'calendar' | 'business';
  columns: Column[];
  rows: Record<string, Cell>[];
  /** For paged ticket lists: every matching row, not only this page. */
  total?: number;
}
