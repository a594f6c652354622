// Runs a metric query and turns its instants into ISO-8601 strings with the offset of the filter's
// zone (the MetricTable rule for timestamps), so ticket rows read in the caller's local time.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { isoAt } from '../calendar/zoned-iso.ts';
import { queryRows, type Row } from './metric-sql.ts';

export async function zonedRows(db: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>, zone: string): Promise<Row[]> {
  const rows = await queryRows(db, sql, params);
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if ((v as unknown) instanceof Date) row[k] = isoAt(v as unknown as Date, zone);
    }
  }
  return rows;
}
