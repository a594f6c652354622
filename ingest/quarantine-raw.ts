// The raw text a quarantined record keeps, pseudonymised like its events (design: PII is never stored
// raw): in a record split into fields (a JSON object: NDJSON/JSON as sent, CSV and Parquet rows as
// {column: value}) each personal column's value becomes the keyed hash the events hold for it. Text the
// reader could not split (a broken line) keeps no personal value only by being dropped when it may hold one.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/database.ts';
import type { Mapping } from './mapping/mapping.ts';
import { personalColumnRefs } from './mapping/mapping-sql.ts';
import { columnResolver } from './mapping/raw-columns.ts';
import { sqlString } from '../warehouse/sql-quote.ts';
import { hashSql } from './pseudonymise.ts';
import type { SourceFormat } from './sources/list-inputs.ts';

/**
 * The staged file's personal columns (as named in its raw JSON records): for canonical events
 * customer_id (always for JSON, whose keys vary by record), for a mapping its personal columns the file has.
 */
export async function personalColumns(db: DuckDBConnection, format: SourceFormat, mapping?: Mapping): Promise<string[]> {
  const columns = (await db.runAndReadAll('SELECT name, header FROM _raw_columns')).getRows().map(([name, header]) => ({ name: String(name), header: String(header) }));
  if (!mapping) return format === 'ndjson' || format === 'json' || columns.some((c) => c.name === 'customer_id') ? ['customer_id'] : [];
  const resolve = columnResolver(mapping, columns);
  // A declared column the file lacks holds nothing here (the ingest takes such a file).
  return [...new Set(personalColumnRefs(mapping).flatMap((ref) => {
    try { return [resolve(ref)]; } catch { return []; }
  }))];
}

/**
 * SQL over the text column `raw` for what the quarantine stores, with the key bound as $pii_key.
 * Values are hashed as validation cleans them (trimmed), so a hash equals the one its events hold.
 * Unsplit text is dropped (NULL) when it may hold a personal value: any CSV line of a file with a
 * personal column, JSON text naming a personal key.
 */
export function quarantinedRawSql(personal: readonly string[], format: SourceFormat): string {
  if (personal.length === 0) return 'raw';
  const hashed = personal.reduce((expr, key) => {
    const value = `nullif(trim(json_extract_string(${expr}, ${sqlString(`$."${key.replaceAll('"', '\\"')}"`)})), '')`;
    return `CASE WHEN ${value} IS NULL THEN ${expr} ELSE json_merge_patch(${expr}, json_object(${sqlString(key)}, ${hashSql(value)})) END`;
  }, 'raw::JSON');
  const mayHoldPii = format === 'csv' ? 'true' : personal.map((key) => `contains(raw, ${sqlString(`"${key}"`)})`).join(' OR ');
  return `CASE WHEN json_valid(raw) AND json_type(raw) = 'OBJECT' THEN (${hashed})::VARCHAR
    WHEN ${mayHoldPii} THEN NULL ELSE raw END`;
}

/** What the reason adds when the raw text was not kept (quarantinedRawSql gave NULL for text). */
export const RAW_NOT_KEPT = ' (raw text not kept: the record could not be split into fields, so its personal values could not be hashed; see the source at this line)';

const HASHED = '^p_[0-9a-f]{32}$';

/**
 * Rows quarantined before the ingest hashed them hold a JSON record's customer_id raw: hashes those in
 * place, once per warehouse (the settings key below), with the key of the events. Ids already hashed
 * (rows a newer ingest wrote) are left as they are. Returns the rows changed.
 */
export async function pseudonymiseStoredQuarantine(warehouse: Warehouse, key: string): Promise<number> {
  return warehouse.transaction(async (db) => {
    const done = (await db.runAndReadAll(`SELECT count(*) FROM settings WHERE key = 'quarantine_pseudonymised'`)).getRows()[0]?.[0];
    if (Number(done) > 0) return 0;
    const id = `nullif(trim(json_extract_string(raw, '$.customer_id')), '')`;
    const changed = await db.run(`UPDATE quarantine SET raw = json_merge_patch(raw, json_object('customer_id', ${hashSql(id)}))::VARCHAR
      WHERE json_valid(raw) AND json_type(raw) = 'OBJECT' AND ${id} IS NOT NULL AND NOT regexp_matches(${id}, '${HASHED}')`, { pii_key: key });
    await db.run(`INSERT INTO settings VALUES ('quarantine_pseudonymised', strftime(now(), '%Y-%m-%dT%H:%M:%SZ'))`);
    return changed.rowsChanged;
  });
}
