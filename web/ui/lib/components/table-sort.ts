// Sorting of MetricTable rows by one column for the client-side sortable tables: numbers and
// text compared as such, missing values always last whichever the direction.
import type { Cell } from '../api/types.ts';

export type Order = 'asc' | 'desc';

function compareCells(a: Cell | undefined, b: Cell | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function sortRows<R extends Record<string, Cell>>(rows: readonly R[], key: string, order: Order): R[] {
  const missing = (v: Cell | undefined) => v === null || v === undefined;
  return [...rows].sort((ra, rb) => {
    const a = ra[key];
    const b = rb[key];
    if (missing(a) || missing(b)) return missing(a) === missing(b) ? 0 : missing(a) ? 1 : -1;
    const c = compareCells(a, b);
    return order === 'asc' ? c : -c;
  });
}

/** The order a header click gives: a new column starts descending for numbers (largest first). */
export function nextOrder(current: { key: string; order: Order } | null, key: string, numeric: boolean): Order {
  if (current?.key === key) return current.order === 'asc' ? 'desc' : 'asc';
  return numeric ? 'desc' : 'asc';
}

/** Largest absolute value per column, for in-cell bars. */
export function columnMax(rows: readonly Record<string, Cell>[], key: string): number {
  let max = 0;
  for (const row of rows) {
    const v = row[key];
    if (typeof v === 'number' && Math.abs(v) > max) max = Math.abs(v);
  }
  return max;
}

/** The URL parameter a client-sorted table keeps its sort in: one per panel, so two tables of a page do not share it. */
export const sortParamName = (tableId: string | undefined): string => (tableId ? `sort.${tableId}` : 'sort.table');

/** A table's sort from its URL value (`column:asc` / `column:desc`); null when absent or not one of `columns`. */
export function readSort(value: string | null, columns: readonly string[]): { key: string; order: Order } | null {
  const match = /^(.+):(asc|desc)$/.exec(value ?? '');
  if (!match || !columns.includes(match[1]!)) return null;
  return { key: match[1]!, order: match[2] as Order };
}

export const writeSort = (sort: { key: string; order: Order }): string => `${sort.key}:${sort.order}`;
