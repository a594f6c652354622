// Validation of staged rows (validate.sql) defined as a view or a table. As a view, the ingest's
// insert of the good rows is the scan that computes every row's reasons; the rejects are read by a
// second, filtered scan only when there are any (pipeline.ts), and no third copy of the batch is kept.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const VALIDATE_SQL = readFileSync(new URL('./validate.sql', import.meta.url), 'utf8');

export interface Validation {
  /** SELECT of the event_ids the warehouse holds that the rows may re-send. */
  held: string;
  /** Whether the rows come through a mapping (their staging carries __seq). */
  mapped: boolean;
  /** Defined name (default _checked). */
  name?: string;
  /** The rows validated (default _staged). */
  staged?: string;
  /** A table instead of a view: for readers that scan the result many times (mapping check). */
  table?: boolean;
}

/** SQL defining the validation; the zone of naive times is the connection's variable ingest_timezone (see setIngestTimezone). */
export function validationSql(v: Validation): string {
  return VALIDATE_SQL.replaceAll('{{checked}}', `${v.table ? 'TABLE' : 'VIEW'} ${v.name ?? '_checked'}`)
    .replaceAll('{{staged}}', v.staged ?? '_staged').replaceAll('{{held}}', v.held)
    .replaceAll('{{seq}}', v.mapped ? '__seq' : 'NULL::VARCHAR AS __seq');
}

/** Declares the zone of the batch's naive times (null: none) for the validation views of this connection. */
export async function setIngestTimezone(db: DuckDBConnection, timezone: string | null): Promise<void> {
  await db.run('SET VARIABLE ingest_timezone = $timezone::VARCHAR', { timezone });
}
