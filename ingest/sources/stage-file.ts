// Reads one source file into the temp table _raw (every source column as VARCHAR, in file order)
// and exposes it as the views _raw_rows (+ __source, __line, __raw) and _staged (CANONICAL STAGING:
// __source, __line, __raw, __error and every event field as VARCHAR), directly or through a mapping.
// Records the reader itself cannot take (a truncated or overlong line, invalid UTF-8, broken JSON)
// go to _rejected (__line, reason, raw) instead of failing the file. The raw text of a record is a
// view column: it is computed only for the rows that get quarantined.
import { closeSync, openSync, readSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS } from '../../warehouse/event-model.ts';
import { IngestError } from '../ingest-error.ts';
import type { Mapping } from '../mapping/mapping.ts';
import { mappingSql, type RawColumn } from '../mapping/mapping-sql.ts';

/** A source column: its name in _raw and the header text it came from. */
type SourceColumn = Required<RawColumn>;
import { sqlIdent, sqlString } from '../../warehouse/sql-quote.ts';
import type { SourceFormat } from './list-inputs.ts';

/** Longest record accepted (CSV line or JSON object); longer ones are quarantined. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/**
 * Most source columns (CSV header fields, distinct JSON keys, Parquet columns) a file may have.
 * The event model has 19 fields and real exports tens of columns (the eventlog sample: 16); the cost of
 * staging grows faster than the column count (1,000 columns x 1,000 rows: 0.7 s more than a
 * small file; 5,000 x 10: 2 s; a 438 KB file of 50,000: 620 s and 1.9 GB), so wider files are refused up front.
 */
export const MAX_SOURCE_COLUMNS = 1000;

/** Refuses a source wider than MAX_SOURCE_COLUMNS before anything is staged; an `estimated` count is said as about so many. */
function checkWidth(file: string, count: number, what: string, line?: number, estimated = false): void {
  if (count > MAX_SOURCE_COLUMNS) {
    const said = estimated ? `about ${Number(count.toPrecision(2)).toLocaleString('en-US')}` : count.toLocaleString('en-US');
    throw new IngestError(file, `has ${said} ${what}; at most ${MAX_SOURCE_COLUMNS.toLocaleString('en-US')} are read ` +
      '(an event export needs tens): drop the columns that are not needed and send it again', line);
  }
}

const REJECTS = `store_rejects = true, rejects_table = '_reader_rejects', rejects_scan = '_reader_scans', max_line_size = ${MAX_RECORD_BYTES}`;

/** How a record's place is named: CSV and NDJSON lines (the CSV header is line 1), JSON elements, Parquet rows. */
export function positionWord(format: SourceFormat): string {
  return { csv: 'line', ndjson: 'line', json: 'element', parquet: 'row' }[format];
}

/** Stages `file` (see the module comment); returns the number of records read, rejected ones included. */
export async function stageFile(db: DuckDBConnection, file: string, format: SourceFormat, mapping?: Mapping): Promise<number> {
  await db.run('DROP TABLE IF EXISTS _reader_rejects; DROP TABLE IF EXISTS _reader_scans');
  await db.run('CREATE OR REPLACE TEMP TABLE _rejected (__line BIGINT, reason VARCHAR, raw VARCHAR)');
  await dropStaged(db);
  const path = sqlString(file);
  let columns: SourceColumn[];
  let firstLine: number | undefined; // CSV and Parquet number their rows in the view below, JSON while staging
  try {
    switch (format) {
      case 'csv':
        columns = await stageCsv(db, file);
        if (columns.length === 0) throw new IngestError(file, 'has no columns: is it empty?');
        await keepReaderRejects(db);
        firstLine = 2;
        break;
      case 'ndjson':
        columns = (await stageNdjson(db, file)).map((name) => ({ name, header: name }));
        break;
      case 'json':
        await db.run(`CREATE OR REPLACE TEMP TABLE _objects AS
          SELECT json AS __raw FROM read_json_objects(${path}, format = 'array', maximum_object_size = ${MAX_RECORD_BYTES})`);
        await numberRows(db, '_objects', 1);
        columns = (await extractObjects(db, file)).map((name) => ({ name, header: name }));
        break;
      case 'parquet':
        checkWidth(file, Number((await db.runAndReadAll(`SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet(${path}))`)).getRows()[0]?.[0]), 'columns');
        await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${path})`);
        columns = (await columnsOf(db, '_raw')).map((name) => ({ name, header: name }));
        firstLine = 1;
        break;
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(file, `cannot be read as ${format}: ${(err as Error).message.split('\n')[0]}`);
  }
  const counts = await db.runAndReadAll('SELECT (SELECT count(*) FROM _raw), (SELECT count(*) FROM _rejected)');
  const [read, rejected] = counts.getRows()[0]!.map(Number) as [number, number];
  if (columns.length === 0 && rejected === 0) throw new IngestError(file, 'has no columns: is it empty?');
  if (read + rejected === 0) throw new IngestError(file, 'has a header but no rows: nothing to ingest');

  const record = format === 'csv' || format === 'parquet'
    ? `, to_json(struct_pack(${columns.map((c) => `${sqlIdent(c.name)} := ${sqlIdent(c.name)}`).join(', ')}))::VARCHAR AS __raw` : '';
  const rows = firstLine === undefined ? `SELECT *${record} FROM _raw` : await numberedSql(db, '_raw', firstLine, record);
  await db.run(`CREATE OR REPLACE TEMP VIEW _raw_rows AS SELECT *, ${sqlString(file)} AS __source FROM (${rows})`);
  // The staged columns with their header text, in file order: the rows a snapshot mapping keeps read
  // the columns its names resolve to here (ingest/mapping/history.ts), `state` as `state#2` after `State`.
  await db.run(`CREATE OR REPLACE TEMP TABLE _raw_columns AS
    SELECT unnest(from_json($columns::JSON, '[{"name": "VARCHAR", "header": "VARCHAR"}]'), recursive := true)`,
  { columns: JSON.stringify(columns) });
  if (mapping) {
    await db.run(`CREATE OR REPLACE TEMP TABLE _staged AS ${mappingSql(mapping, '_raw_rows', columns)}`);
  } else {
    refuseRepeatedFields(file, columns);
    const names = columns.map((c) => c.name);
    const fields = EVENT_FIELDS.map((f) => (names.includes(f.name) ? sqlIdent(f.name) : `NULL::VARCHAR AS ${sqlIdent(f.name)}`));
    await db.run(`CREATE OR REPLACE TEMP VIEW _staged AS
      SELECT __source, __line, __raw, NULL::VARCHAR AS __error, ${fields.join(', ')} FROM _raw_rows`);
  }
  return read + rejected;
}

/**
 * _staged is a table after a mapped file and a view after a canonical one; a connection that
 * stays open (the server's) meets both, and neither CREATE OR REPLACE replaces the other kind.
 */
async function dropStaged(db: DuckDBConnection): Promise<void> {
  const kinds = await db.runAndReadAll(`SELECT 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name = '_staged'
    UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE temporary AND view_name = '_staged'`);
  for (const [kind] of kinds.getRows()) await db.run(`DROP ${String(kind)} _staged`);
}

async function columnsOf(db: DuckDBConnection, table: string): Promise<string[]> {
  const reader = await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`);
  return reader.getRows().map(([c]) => String(c)).filter((c) => !c.startsWith('__'));
}

/**
 * Whether the file's lines end both in CRLF and in a bare LF (files joined or edited across systems).
 * DuckDB's strict reader mistakes such lines: it refuses the whole file ("state machine reached an
 * invalid state") or rejects good lines as unterminated quotes and too many fields.
 */
function mixedLineEnds(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    let crlf = false;
    let lf = false;
    let previous = 0;
    for (let at = 0, length; (length = readSync(fd, chunk, 0, chunk.length, at)) > 0; at += length) {
      const bytes = chunk.subarray(0, length);
      // A file with no CR at all (the common case) is passed over at memchr speed.
      if (!crlf && previous !== 0x0d && bytes.indexOf(0x0d) < 0) lf ||= bytes.indexOf(0x0a) >= 0;
      else {
        for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
          if ((i > 0 ? bytes[i - 1] : previous) === 0x0d) crlf = true; else lf = true;
          if (crlf && lf) return true;
        }
      }
      if (crlf && lf) return true;
      previous = bytes[length - 1]!;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * CSV is read with the dialect taken from its header line rather than DuckDB's sniffer, which
 * samples the first rows and can be thrown by one overlong or broken line. Strict mode: a line with
 * more fields than the header is rejected (to quarantine) instead of silently losing its extra fields;
 * a file with mixed line ends is read leniently (see mixedLineEnds), its extra fields dropped as before.
 */
async function stageCsv(db: DuckDBConnection, file: string): Promise<SourceColumn[]> {
  const { delimiter, names } = readCsvHeader(file);
  if (names.length === 0) return [];
  checkWidth(file, names.length, 'columns in its header line', 1);
  const columns = uniqueColumns(names);
  const types = `{${columns.map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ')}}`;
  await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS
    SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, columns = ${types},
      delim = ${sqlString(delimiter)}, quote = '"', escape = '"', strict_mode = ${!mixedLineEnds(file)}, ${REJECTS})`);
  return columns;
}

/** The header line of a CSV file: its delimiter and column names (BOM stripped, quotes honoured). */
function readCsvHeader(file: string): { delimiter: string; names: string[] } {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(1024 * 1024);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  if (end < 0 && length === head.length) throw new IngestError(file, 'the header line is longer than 1 MiB: is this a CSV file?', 1);
  const line = end < 0 ? text : text.slice(0, end);
  // Else every column name would be mojibake, and a mapping would list them as "no column 工单编号".
  if (line.includes('\uFFFD')) {
    throw new IngestError(file, 'the header line is not UTF-8 text: pass the file\'s encoding with --encoding (e.g. gb18030 for Chinese Excel exports)', 1);
  }
  const outsideQuotes = line.replace(/"[^"]*"/g, '');
  const delimiter = [',', '\t', ';', '|'].reduce((best, d) => (outsideQuotes.split(d).length > outsideQuotes.split(best).length ? d : best), ',');
  const names: string[] = [];
  for (const match of line.matchAll(new RegExp(`(?:^|\\${delimiter === '\t' ? 't' : delimiter})("(?:[^"]|"")*"|[^${delimiter === '\t' ? '\\t' : delimiter}]*)`, 'g'))) {
    const field = match[1]!;
    names.push((field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field).trim());
  }
  return { delimiter, names: line.trim() === '' ? [] : names };
}

/**
 * Table column names for header names: a repeated header (DuckDB names are case-insensitive) gets
 * "#2", "#3"... so that nothing is renamed behind the user's back; mappings name it that way.
 */
function uniqueColumns(names: string[]): SourceColumn[] {
  const seen = new Map<string, number>();
  return names.map((header) => {
    const n = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), n);
    return { name: n === 1 ? header : `${header}#${n}`, header };
  });
}

/** Canonical events cannot have an event field twice: which one would be meant? */
function refuseRepeatedFields(file: string, columns: SourceColumn[]): void {
  for (const [i, column] of columns.entries()) {
    const first = columns.findIndex((c) => c.header.toLowerCase() === column.header.toLowerCase());
    if (first < i && EVENT_FIELDS.some((f) => f.name === column.header.toLowerCase())) {
      throw new IngestError(file, `the header names "${column.header}" twice (columns ${first + 1} and ${i + 1}); rename or drop one`, 1);
    }
  }
}

/** "Expected Number of Columns: 9 Found: 11" said as "11 fields, the header has 9". */
const FIELD_COUNTS = `regexp_replace(error_message, '^Expected Number of Columns: (\\d+) Found: (\\d+)$', '\\2 fields, the header has \\1')`;

/** Lines DuckDB's reader refused (with their line numbers), with its reason turned into ours. */
async function keepReaderRejects(db: DuckDBConnection): Promise<void> {
  await db.run(`INSERT INTO _rejected
    SELECT line, CASE error_type
        WHEN 'INVALID ENCODING' THEN 'the line is not valid UTF-8; re-export as UTF-8 or pass --encoding (e.g. gb18030)'
        WHEN 'MISSING COLUMNS' THEN format('the line has too few fields ({}): truncated?', ${FIELD_COUNTS})
        WHEN 'TOO MANY COLUMNS' THEN format('the line has too many fields ({}): an unquoted delimiter? Quote the field or drop the extra ones', ${FIELD_COUNTS})
        WHEN 'LINE SIZE OVER MAXIMUM' THEN 'the line is longer than 8 MiB, the largest record accepted; its start is kept here, the rest is in the source at this line'
        ELSE format('the line cannot be read: {}', error_message) END,
      csv_line
    FROM _reader_rejects
    QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx) = 1`);
}

/**
 * The SELECT of `table` with each row's line as __line. The table keeps file order (DuckDB
 * preserves insertion order), so a row's index k (rowid minus the first) plus `first` is its
 * line, unless the reader left lines out (those in _rejected): with them sorted r_0 < r_1 < ...
 * and g_j = r_j - j, the row sits at k + first + #{ j : g_j <= k + first }. (A CSV record with
 * quoted line breaks counts as one line.)
 */
async function numberedSql(db: DuckDBConnection, table: string, first: number, extra = ''): Promise<string> {
  // The first rowid as a constant: as a subquery it became a cross product, a second of a 2M-row file.
  const firstRowid = Number((await db.runAndReadAll(`SELECT coalesce(min(rowid), 0) FROM ${table}`)).getRows()[0]?.[0]);
  const indexed = `SELECT *${extra}, rowid - ${firstRowid} + ${first} AS __base FROM ${table}`;
  const rejected = Number((await db.runAndReadAll('SELECT count(*) FROM _rejected')).getRows()[0]?.[0]);
  if (rejected === 0) return `SELECT * EXCLUDE (__base), __base AS __line FROM (${indexed})`;
  await db.run('CREATE OR REPLACE TEMP TABLE _gaps AS SELECT __line - (row_number() OVER (ORDER BY __line) - 1) AS g FROM _rejected');
  return `SELECT * EXCLUDE (__base), __base + (SELECT count(*) FROM _gaps WHERE g <= __base) AS __line FROM (${indexed})`;
}

/** Materialises __line into a (small, JSON) staging table. */
async function numberRows(db: DuckDBConnection, table: string, first: number): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE _numbered AS ${await numberedSql(db, table, first)}`);
  await db.run(`DROP TABLE ${table}; ALTER TABLE _numbered RENAME TO ${table}`);
}

/** NDJSON is read line by line as text, so one broken line is quarantined instead of failing the file. */
async function stageNdjson(db: DuckDBConnection, file: string): Promise<string[]> {
  await db.run(`CREATE OR REPLACE TEMP TABLE _lines AS
    SELECT ltrim(json, chr(65279)) AS json FROM read_csv(${sqlString(file)}, header = false, columns = {'json': 'VARCHAR'},
      delim = E'\\x1f', quote = '', escape = '', auto_detect = false, strict_mode = false, ${REJECTS})`);
  await keepReaderRejects(db);
  // Each line numbered and parsed once (its JSON type null: not JSON). Blank lines are skipped; their numbers still count.
  await db.run(`CREATE OR REPLACE TEMP TABLE _parsed AS
    SELECT __line, json, __raw, json_type(__raw) AS kind
    FROM (SELECT __line, json, TRY_CAST(json AS JSON) AS __raw FROM (${await numberedSql(db, '_lines', 1)}) WHERE trim(json) <> '')`);
  await db.run('DROP TABLE _lines');
  await db.run(`INSERT INTO _rejected
    SELECT __line, CASE WHEN kind IS NULL THEN 'the line is not valid JSON: truncated or malformed?'
                        ELSE 'the line is JSON but not an object; send one {...} event per line' END, json
    FROM _parsed WHERE kind IS DISTINCT FROM 'OBJECT'`);
  await db.run(`CREATE OR REPLACE TEMP TABLE _objects AS SELECT __raw, __line FROM _parsed WHERE kind = 'OBJECT' ORDER BY __line`);
  await db.run('DROP TABLE _parsed');
  return extractObjects(db, file);
}

/**
 * JSON records (in _objects: __raw, __line) are read as objects and every key is extracted as
 * text, so that DuckDB's type detection never turns "2026-03-02T09:00:00Z" into a zone-less
 * TIMESTAMP. Returns the keys.
 */
async function extractObjects(db: DuckDBConnection, file: string): Promise<string[]> {
  // Listing the distinct keys holds them all: a body of millions of keys is first counted roughly
  // (HyperLogLog, constant memory; 7% off at 200,000 keys), and listed only if it may be in bounds.
  const estimate = Number((await db.runAndReadAll(
    "SELECT approx_count_distinct(k) FROM (SELECT unnest(json_keys(__raw)) AS k FROM _objects WHERE json_type(__raw) = 'OBJECT')")).getRows()[0]?.[0] ?? 0);
  if (estimate > 2 * MAX_SOURCE_COLUMNS) checkWidth(file, estimate, 'distinct keys in its objects', undefined, true);
  const keys = (await db.runAndReadAll(
    "SELECT DISTINCT unnest(json_keys(__raw)) AS k FROM _objects WHERE json_type(__raw) = 'OBJECT' ORDER BY k")).getRows().map(([k]) => String(k));
  checkWidth(file, keys.length, 'distinct keys in its objects');
  const rejected = Number((await db.runAndReadAll('SELECT count(*) FROM _rejected')).getRows()[0]?.[0]);
  if (keys.length === 0 && rejected === 0) throw new IngestError(file, 'has no JSON objects with fields: is it empty?');
  // One extraction of every path at once parses each object once, not once per key.
  const paths = keys.map((k) => sqlString(`$."${k.replaceAll('"', '\\"')}"`));
  const columns = keys.map((k, i) => `__values[${i + 1}] AS ${sqlIdent(k)}`);
  await db.run(`CREATE OR REPLACE TEMP TABLE _raw AS
    SELECT ${[...columns, '__raw::VARCHAR AS __raw', '__line'].join(', ')}
    FROM (SELECT json_extract_string(__raw, [${paths.join(', ')}]) AS __values, __raw, __line FROM _objects)`);
  await db.run('DROP TABLE _objects');
  return keys;
}
