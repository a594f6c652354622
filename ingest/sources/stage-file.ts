// Reads one source file into the temp table _raw (every source column as VARCHAR, in file order)
// and exposes it as the views _raw_rows (+ __source, __line, __raw) and _staged (CANONICAL STAGING:
// __source, __line, __raw, __error and every event field as VARCHAR), directly or through a mapping.
// The raw text of a record is a view column: it is computed only for the rows that get quarantined.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS } from '../../warehouse/event-model.ts';
import { IngestError } from '../ingest-error.ts';
import type { Mapping } from '../mapping/mapping.ts';
import { mappingSql } from '../mapping/mapping-sql.ts';
import { sqlIdent, sqlString } from '../mapping/sql-quote.ts';
import type { SourceFormat } from './list-inputs.ts';

/** Longest record accepted (CSV line or JSON object); longer ones fail with this size named. */
export const MAX_RECORD_BYTES = 104_857_600;

/** The table function reading a file with every value as text; one row per record. */
function readerSql(file: string, format: SourceFormat): string {
  const path = sqlString(file);
  switch (format) {
    case 'csv':
      return `read_csv(${path}, header = true, all_varchar = true, auto_detect = true, max_line_size = ${MAX_RECORD_BYTES})`;
    case 'parquet':
      return `read_parquet(${path})`;
    case 'ndjson':
      return `read_json_objects(${path}, format = 'newline_delimited', maximum_object_size = ${MAX_RECORD_BYTES})`;
    case 'json':
      return `read_json_objects(${path}, format = 'array', maximum_object_size = ${MAX_RECORD_BYTES})`;
  }
}

async function columnsOf(db: DuckDBConnection, table: string): Promise<string[]> {
  const reader = await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`);
  return reader.getRows().map(([c]) => String(c)).filter((c) => !c.startsWith('__'));
}

/** How a record's place is named: CSV and NDJSON lines (the CSV header is line 1), JSON elements, Parquet rows. */
export function positionWord(format: SourceFormat): string {
  return { csv: 'line', ndjson: 'line', json: 'element', parquet: 'row' }[format];
}

/** The first line of a DuckDB error, with the hint DuckDB appends cut off. */
function firstLine(err: unknown): string {
  return (err as Error).message.split('\n')[0]!;
}

/**
 * __source and __line of _raw's rows. _raw keeps file order (DuckDB preserves insertion order), so
 * a row's rowid minus the first one is its record index (rowids inside a transaction start high).
 */
async function metaColumns(db: DuckDBConnection, file: string, format: SourceFormat): Promise<string> {
  const first = (await db.runAndReadAll('SELECT coalesce(min(rowid), 0) FROM _raw')).getRows()[0]?.[0];
  return `${sqlString(file)} AS __source, rowid - ${String(first)} + ${format === 'csv' ? 2 : 1} AS __line`;
}

/** Stages `file` (see the module comment); returns the number of records read. */
export async function stageFile(db: DuckDBConnection, file: string, format: SourceFormat, mapping?: Mapping): Promise<number> {
  let columns: string[];
  let meta: string;
  try {
    if (format === 'ndjson' || format === 'json') {
      columns = await stageJsonObjects(db, file, format);
      meta = await metaColumns(db, file, format);
      await db.run(`CREATE OR REPLACE TEMP VIEW _raw_rows AS SELECT *, ${meta} FROM _raw`);
    } else {
      await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS SELECT COLUMNS(*)::VARCHAR FROM ${readerSql(file, format)}`);
      columns = await columnsOf(db, '_raw');
      meta = await metaColumns(db, file, format);
      const record = `to_json(struct_pack(${columns.map((c) => `${sqlIdent(c)} := ${sqlIdent(c)}`).join(', ')}))::VARCHAR`;
      await db.run(`CREATE OR REPLACE TEMP VIEW _raw_rows AS SELECT *, ${meta}, ${record} AS __raw FROM _raw`);
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(file, `cannot be read as ${format}: ${firstLine(err)}`);
  }
  if (columns.length === 0) throw new IngestError(file, 'has no columns: is it empty?');
  const count = Number((await db.runAndReadAll('SELECT count(*) FROM _raw')).getRows()[0]?.[0] ?? 0);
  if (count === 0) throw new IngestError(file, 'has a header but no rows: nothing to ingest');

  if (mapping) {
    await db.run(`CREATE OR REPLACE TEMP TABLE _staged AS ${mappingSql(mapping, '_raw_rows', columns)}`);
  } else {
    const fields = EVENT_FIELDS.map((f) => (columns.includes(f.name) ? sqlIdent(f.name) : `NULL::VARCHAR AS ${sqlIdent(f.name)}`));
    await db.run(`CREATE OR REPLACE TEMP VIEW _staged AS
      SELECT __source, __line, __raw, NULL::VARCHAR AS __error, ${fields.join(', ')} FROM _raw_rows`);
  }
  return count;
}

/**
 * JSON records are read as objects and every key is extracted as text, so that DuckDB's type
 * detection never turns "2026-03-02T09:00:00Z" into a zone-less TIMESTAMP. Returns the keys.
 */
async function stageJsonObjects(db: DuckDBConnection, file: string, format: SourceFormat): Promise<string[]> {
  await db.run(`CREATE OR REPLACE TEMP TABLE _objects AS SELECT json AS __raw FROM ${readerSql(file, format)}`);
  const keys = (await db.runAndReadAll(
    "SELECT DISTINCT unnest(json_keys(__raw)) AS k FROM _objects WHERE json_type(__raw) = 'OBJECT' ORDER BY k")).getRows().map(([k]) => String(k));
  if (keys.length === 0) throw new IngestError(file, 'has no JSON objects with fields: is it empty?');
  const extract = keys.map((k) => `__raw ->> ${sqlString(`$."${k.replaceAll('"', '\\"')}"`)} AS ${sqlIdent(k)}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS SELECT ${extract.join(', ')}, __raw::VARCHAR AS __raw FROM _objects`);
  await db.run('DROP TABLE _objects');
  return keys;
}
