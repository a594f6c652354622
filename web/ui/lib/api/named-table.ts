// A MetricTable as screens show it: the ids in dimension columns (team, problem_type, ...) and, for
// tables of one dimension's values, in the `value` column, replaced by their names. Downloads keep
// the ids (they come from the API, not from here).
import { LABELLED_DIMENSIONS } from '../../../../warehouse/event-model.ts';
import type { MetricTable } from './types.ts';

/** Columns holding ids that have names: teams, the labelled event fields, an SLA's kind and clock. */
const NAMED_DIMENSIONS: readonly string[] = ['team', ...LABELLED_DIMENSIONS, 'sla', 'clock'];

export function namedTable(table: MetricTable, name: (dimension: string, value: string) => string, valueDimension?: string): MetricTable {
  const columns = new Map<string, string>();
  for (const c of table.columns) {
    if (NAMED_DIMENSIONS.includes(c.key)) columns.set(c.key, c.key);
    else if (c.key === 'value' && valueDimension) columns.set('value', valueDimension);
  }
  if (columns.size === 0) return table;
  const rows = table.rows.map((row) => {
    const out = { ...row };
    for (const [key, dimension] of columns) {
      const v = row[key];
      if (typeof v === 'string') out[key] = name(dimension, v);
    }
    return out;
  });
  return { ...table, rows };
}
