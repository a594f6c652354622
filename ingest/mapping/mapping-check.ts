// `deskpulse mapping check`: what a mapping makes of a file, before anything is written. The file is
// staged, mapped and validated exactly as an ingest would (stage-file.ts, mappingSql, validate.sql),
// in a DuckDB of its own in memory; no warehouse is opened.
import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS, type EventFieldName } from '../../warehouse/event-model.ts';
import { IngestError } from '../ingest-error.ts';
import { formatOf, type SourceFormat } from '../sources/list-inputs.ts';
import { stageFile } from '../sources/stage-file.ts';
import { isUtf8, transcodeToUtf8 } from '../sources/transcode.ts';
import { MappingError } from './mapping-error.ts';
import type { ColumnRef, Mapping } from './mapping.ts';
import { mappingSql, type RawColumn } from './mapping-sql.ts';
import { validationSql } from '../validate.ts';
import { columnResolver } from './raw-columns.ts';

/** Validation against an empty warehouse: no event is held yet. */
const NO_HELD_EVENTS = 'SELECT NULL::VARCHAR AS event_id WHERE false';
/** Row errors listed at most (the counts are always whole). */
const ERRORS_LISTED = 100;
/** Shown in place of a personal value: the ingest stores its keyed hash, which needs the warehouse's key. */
export const HASHED = '(hashed)';

/** derive-tickets.sql's order of types at one instant, so that the preview reads like the derivation. */
const TYPE_ORDER = ['created', 'assigned', 'transferred', 'escalated', 'updated', 'commented', 'replied', 'resolved', 'reopened', 'status_changed', 'rated', 'closed'];

/** The canonical fields a row can fill (event_id is derived; type is counted per type instead). */
const FILLABLE = EVENT_FIELDS.map((f) => f.name).filter((n) => n !== 'event_id' && n !== 'type');

/** A column the mapping names that the file does not have (or has twice): where the mapping names it, and why. */
export interface MissingColumn { column: string; place: string; line: number; path?: string; reason: string }

export interface MappingCheck {
  file: string;
  mapping: string;
  mode: Mapping['rows']['mode'];
  /** `read`: records of the file; `mapped`: without any error; `errors`: refused by the reader, the mapping or validation. */
  rows: { read: number; mapped: number; errors: number };
  events: { total: number; byType: Record<string, number> };
  /** Per canonical field: rows (of the mapped ones) whose events carry a value, and that share. */
  fill: { field: EventFieldName; rows: number; share: number }[];
  rowErrors: { line: number; reason: string }[];
  /** The first events of mapped rows, in file order; personal fields as HASHED. */
  preview: Array<{ line: number } & Partial<Record<EventFieldName, string | null>>>;
}

/** The mapping names columns the file lacks: every one of them, with its place in the mapping. */
export class MappingMismatch extends Error {
  constructor(readonly file: string, readonly missing: MissingColumn[], readonly columns: string[]) {
    super(`the mapping does not fit ${file}: ${missing.length} column(s) it names are not in the file as named:\n` +
      missing.map((m) => `  ${m.place}: ${m.path ? `${m.path}: ` : ''}${m.reason}`).join('\n') +
      `\nThe file's columns are: ${columns.join(', ')}.\nFix the names in the mapping (headers are case- and space-sensitive), or use another mapping.`);
    this.name = 'MappingMismatch';
  }
}

export interface CheckOptions { rows: number; format?: SourceFormat; encoding?: string }

export async function checkMapping(file: string, mapping: Mapping, options: CheckOptions): Promise<MappingCheck> {
  if (!existsSync(file)) throw new IngestError(file, 'no such file');
  const format = formatOf(file, options.format);
  const utf8 = isUtf8(options.encoding) ? { copies: [file], cleanup: () => {} } : await transcodeToUtf8([file], options.encoding!);
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const read = await stageFile(db, utf8.copies[0]!, format).catch((err: unknown) => {
      throw err instanceof IngestError ? new IngestError(file, err.reason, err.line, err.column) : err;
    });
    const columns = await rawColumns(db);
    const missing = missingColumns(mapping, columns);
    if (missing.length) throw new MappingMismatch(file, missing, columns.map((c) => c.header));
    await db.run('DROP VIEW _staged');
    await db.run(`CREATE TEMP TABLE _staged AS ${mappingSql(mapping, '_raw_rows', columns)}`);
    await db.run(validationSql({ held: NO_HELD_EVENTS, mapped: true, table: true }));
    return { file, mapping: mapping.name, mode: mapping.rows.mode, ...(await summarise(db, read, mapping, options.rows)) };
  } finally {
    db.closeSync();
    instance.closeSync();
    utf8.cleanup();
  }
}

/** The source columns of the staged file with the header text each came from, as stageFile kept them (a header may end in `#2` itself). */
async function rawColumns(db: DuckDBConnection): Promise<Required<RawColumn>[]> {
  return (await db.runAndReadAll('SELECT name, header FROM _raw_columns')).getRows().map(([name, header]) => ({ name: String(name), header: String(header) }));
}

/** Every column the mapping names (any ColumnRef in it), resolved against the file; the ones that fail. */
function missingColumns(mapping: Mapping, columns: readonly RawColumn[]): MissingColumn[] {
  const resolve = columnResolver(mapping, columns);
  const missing = new Map<string, MissingColumn>();
  // Declared pii columns are left out: one the file lacks is never read, and the ingest takes the file.
  for (const ref of columnRefs({ ...mapping, pii: undefined })) {
    if (missing.has(ref.text)) continue;
    try {
      resolve(ref);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      // The resolver's reason lists every column of the file: said once, after the list.
      const near = /\(there is "([^"]*)"/.exec(err.reason)?.[1];
      const reason = err.reason.startsWith('the input has no column')
        ? `"${ref.header}" is not a column of the file${near === undefined ? '' : ` (there is "${near}")`}` : err.reason;
      missing.set(ref.text, { column: ref.text, place: `${err.file}:${ref.at.line}:${ref.at.column}`, line: ref.at.line, path: ref.at.path, reason });
    }
  }
  return [...missing.values()].sort((a, b) => a.line - b.line);
}

/** The ColumnRefs inside a decoded mapping, wherever its keys put them. */
function columnRefs(node: unknown, out: ColumnRef[] = []): ColumnRef[] {
  if (Array.isArray(node)) node.forEach((n) => columnRefs(n, out));
  else if (node instanceof Map) [...node.values()].forEach((n) => columnRefs(n, out));
  else if (node && typeof node === 'object') {
    if ('header' in node && 'text' in node && 'at' in node) out.push(node as ColumnRef);
    else Object.values(node).forEach((n) => columnRefs(n, out));
  }
  return out;
}

async function summarise(db: DuckDBConnection, read: number, mapping: Mapping, previewRows: number): Promise<Omit<MappingCheck, 'file' | 'mapping' | 'mode'>> {
  const one = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
  // A line is an error when the reader refused it or any of its events failed (the mapping's own
  // reason first: validation adds "ticket_id is missing" and the like to a row the mapping refused).
  await db.run(`CREATE TEMP TABLE _check_errors AS
    SELECT __line AS line, string_agg(DISTINCT coalesce(__error, reason), '; ') AS reason FROM _checked WHERE reason IS NOT NULL GROUP BY __line
    UNION ALL SELECT __line, reason FROM _rejected`);
  const [counts] = await one(`SELECT (SELECT count(DISTINCT line) FROM _check_errors) AS errors,
    (SELECT count(*) FROM _checked WHERE reason IS NULL AND __line NOT IN (SELECT line FROM _check_errors)) AS events`);
  const errors = Number(counts!.errors);
  const mapped = read - errors;
  const good = `FROM _checked WHERE reason IS NULL AND __line NOT IN (SELECT line FROM _check_errors)`;
  const typeRank = `list_position([${TYPE_ORDER.map((t) => `'${t}'`).join(', ')}], type)`;
  const byType = Object.fromEntries((await one(`SELECT type, count(*) AS n ${good} GROUP BY type ORDER BY min(${typeRank})`))
    .map((r) => [String(r.type), Number(r.n)]));
  const [filled] = await one(`SELECT ${FILLABLE.map((f) => `count(DISTINCT __line) FILTER (WHERE "${f}" IS NOT NULL) AS "${f}"`).join(', ')} ${good}`);
  const fill = FILLABLE.map((field) => {
    const rows = Number(filled?.[field] ?? 0);
    return { field, rows, share: mapped ? rows / mapped : 0 };
  });
  const rowErrors = (await one(`SELECT line, reason FROM _check_errors ORDER BY line LIMIT ${ERRORS_LISTED}`))
    .map((r) => ({ line: Number(r.line), reason: String(r.reason) }));
  const personal = new Set<string>(['customer_id', ...mapping.pii.fields]);
  const shown = EVENT_FIELDS.map((f) => f.name).filter((n) => n !== 'event_id' && n !== 'attrs');
  const preview = (await one(`SELECT __line AS line, ${shown.map((f) => `"${f}"`).join(', ')} ${good}
      ORDER BY __line, occurred_ts, TRY_CAST(__seq AS DOUBLE) NULLS FIRST, ${typeRank}, event_id LIMIT ${Math.max(0, previewRows)}`))
    .map((r) => ({ ...Object.fromEntries(shown.map((f) => [f, r[f] === null || r[f] === undefined ? null : personal.has(f) ? HASHED : String(r[f])])), line: Number(r.line) }));
  return { rows: { read, mapped, errors }, events: { total: Number(counts!.events), byType }, fill, rowErrors, preview };
}
