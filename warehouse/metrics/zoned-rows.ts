// Runs a metric query and turns its instants into ISO-8601 strings with the offset of the filter's
// zone (the MetricTable rule for timestamps), so ticket rows read in the caller's local time.
import { DateTime } from 'luxon';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows, type Row } from './metric-sql.ts';

/** An instant as e.g. 2026-03-24T10:00:00+01:00 in `zone`. */
export function isoInZone(at: Date, zone: string): string {
  return DateTime.fromJSDate(at).setZone(zone).toISO({ suppressMilliseconds: true })!;
}

export async function zonedRows(db: DuckDBConnection, sql: string, params: Record<string, DuckDBValue>, zone: string): Promise<Row[]> {
  const rows = await queryRows(db, sql, params);
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if ((v as unknown) instanceof Date) row[k] = isoInZone(v as unknown as Date, zone);
    }
  }
  return rows;
}
