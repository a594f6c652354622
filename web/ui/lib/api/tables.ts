// Routes that answer with several MetricTables (/api/live, /api/tickets/:ticket) are read as a
// list of tables whatever the envelope: a bare array, {tables: [...] | {name: table}}, or one table.
import type { MetricTable } from './types.ts';

export function isMetricTable(value: unknown): value is MetricTable {
  return typeof value === 'object' && value !== null
    && Array.isArray((value as MetricTable).columns) && Array.isArray((value as MetricTable).rows);
}

export function readTables(body: unknown): MetricTable[] {
  if (isMetricTable(body)) return [body];
  if (Array.isArray(body)) return body.filter(isMetricTable);
  if (typeof body !== 'object' || body === null) return [];
  const inner = (body as { tables?: unknown }).tables ?? body;
  const list = Array.isArray(inner) ? inner : Object.values(inner as Record<string, unknown>);
  return list.filter(isMetricTable);
}
