// Wraps rows of the people and quality metrics into a MetricTable with the filter's period and clock.
import { previousPeriod, type MetricFilter } from './filter.ts';
import type { Column, MetricTable } from './table.ts';
import type { Row } from './metric-sql.ts';

export function peopleTable(name: string, filter: MetricFilter, columns: Column[], rows: Row[],
  options: { comparesPrevious?: boolean; total?: number } = {}): MetricTable {
  const previous = options.comparesPrevious ? previousPeriod(filter) : null;
  return {
    name,
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: previous ? { from: previous.from, to: previous.to } : null,
    clock: filter.clock ?? 'business',
    columns,
    // Only the declared columns, in their order: the SQL may carry helpers.
    rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null]))),
    ...(options.total !== undefined ? { total: options.total } : {}),
  };
}
