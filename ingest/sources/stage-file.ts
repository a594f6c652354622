// Reads one source file into the temp table _staged in CANONICAL STAGING form (__source, __line,
// __raw, __error and every event field as VARCHAR), directly or through a mapping. DuckDB reads.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS } from '../../warehouse/event-model.ts';
import { IngestError } from '../ingest-error.ts';
import type { Mapping } from '../mapping/mapping.ts';
import { mappingSql } from '../mapping/mapping-sql.ts';
import { sqlIdent, sqlString } from '../mapping/sql-quote.ts';
import type { SourceFormat } from './list-inputs.ts';

/** The table function reading a file with every value as text; one row per record. */
function readerSql(file: string, format: SourceFormat): string {
  const path = sqlString(file);
  switch (format) {
    case 'csv':
      return `read_csv(${path}, header = true, all_varchar = true, auto_detect = true, max_line_size = 104857600)`;
    case 'parquet':
      return `read_parquet(${path})`;
    case 'ndjson':
      return `read_json_objects(${path}, format = 'newline_delimited', maximum_object_size = 104857600)`;
    case 'json':
      return `read_json_objects(${path}, format = 'array', maximum_object_size = 104857600)`;
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

/** Stages `file`; returns the number of rows read. */
export async function stageFile(db: DuckDBConnection, file: string, format: SourceFormat, mapping?: Mapping): Promise<number> {
  try {
    if (format === 'ndjson' || format === 'json') return await stageJson(db, file, format, mapping);
    // Raw staging: every source column as VARCHAR, plus the source, the record's number and its text.
    await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS
      SELECT COLUMNS(* EXCLUDE (__r))::VARCHAR, ${sqlString(file)} AS __source,
             __r + ${format === 'csv' ? 1 : 0} AS __line, NULL::VARCHAR AS __raw
      FROM (SELECT *, row_number() OVER () AS __r FROM ${readerSql(file, format)})`);
  } catch (err) {
    throw new IngestError(file, `cannot be read as ${format}: ${(err as Error).message.split('\n')[0]}`);
  }
  const columns = await columnsOf(db, '_raw');
  if (columns.length === 0) throw new IngestError(file, 'has no columns: is it empty?');
  // The raw text kept for quarantine: the record as JSON (CSV lines are rebuilt from their fields).
  await db.run(`UPDATE _raw SET __raw = to_json(struct_pack(${columns.map((c) => `${sqlIdent(c)} := ${sqlIdent(c)}`).join(', ')}))`);
  return stageRaw(db, file, columns, mapping);
}

/**
 * JSON records are read as objects and every key is extracted as text, so that DuckDB's type
 * detection never turns "2026-03-02T09:00:00Z" into a zone-less TIMESTAMP.
 */
async function stageJson(db: DuckDBConnection, file: string, format: SourceFormat, mapping?: Mapping): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE _objects AS
    SELECT json AS __raw, row_number() OVER () AS __line FROM ${readerSql(file, format)}`);
  const keys = (await db.runAndReadAll(
    "SELECT DISTINCT unnest(json_keys(__raw)) AS k FROM _objects WHERE json_type(__raw) = 'OBJECT' ORDER BY k")).getRows().map(([k]) => String(k));
  if (keys.length === 0) throw new IngestError(file, 'has no JSON objects with fields: is it empty?');
  const extract = keys.map((k) => `__raw ->> ${sqlString(`$."${k.replaceAll('"', '\\"')}"`)} AS ${sqlIdent(k)}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS
    SELECT ${extract.join(', ')}, ${sqlString(file)} AS __source, __line, __raw::VARCHAR AS __raw FROM _objects`);
  await db.run('DROP TABLE _objects');
  return stageRaw(db, file, keys, mapping);
}

/** Raw staging -> canonical staging (_staged), directly or through the mapping. */
async function stageRaw(db: DuckDBConnection, file: string, columns: string[], mapping?: Mapping): Promise<number> {
  const count = Number((await db.runAndReadAll('SELECT count(*) FROM _raw')).getRows()[0]?.[0] ?? 0);
  if (count === 0) throw new IngestError(file, 'has a header but no rows: nothing to ingest');

  if (mapping) {
    await db.run(`CREATE OR REPLACE TEMP TABLE _staged AS ${mappingSql(mapping, '_raw', columns)}`);
  } else {
    const fields = EVENT_FIELDS.map((f) => (columns.includes(f.name) ? `${sqlIdent(f.name)} AS ${sqlIdent(f.name)}` : `NULL::VARCHAR AS ${sqlIdent(f.name)}`));
    await db.run(`CREATE OR REPLACE TEMP TABLE _staged AS
      SELECT __source, __line, __raw, NULL::VARCHAR AS __error, ${fields.join(', ')} FROM _raw`);
  }
  return count;
}
