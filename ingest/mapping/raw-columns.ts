// Resolves the columns a mapping names (by header text, `Variant#2` for the second `Variant`)
// to the columns of the raw staging table, with an error at the mapping line when one is
// missing or ambiguous. Only resolved names ever reach the generated SQL.
import { relative } from 'node:path';
import { MappingError } from './mapping-error.ts';
import type { ColumnRef, Mapping } from './mapping.ts';

/**
 * A column of the raw staging table: `name` as in the table (DuckDB renames a repeated header,
 * e.g. the second `Variant` becomes `Variant_1`) and `header`, the text of the source header
 * (defaults to `name`). With headers given, a repeated header is detected and must be named
 * with `#N`; with names only, each name stands for itself.
 */
export interface RawColumn { name: string; header?: string }

/**
 * Each column's address in a mapping's words: its header text when no other column has that header,
 * else `header#N` (its place among them). A column kept under its address is found by the same
 * mapping without the rest of the header (ingest/mapping/history.ts): `state` stays `state` when the
 * table named it `state#2` because a `State` came first (DuckDB names are case-insensitive).
 */
export function columnAddresses(columns: readonly (string | RawColumn)[]): Map<string, string> {
  const raw = columns.map((c) => (typeof c === 'string' ? { name: c, header: c } : { name: c.name, header: c.header ?? c.name }));
  return new Map(raw.map((c) => {
    const same = raw.filter((o) => o.header === c.header);
    return [c.name, same.length === 1 ? c.header : `${c.header}#${same.indexOf(c) + 1}`];
  }));
}

/** The bookkeeping columns of the raw staging table, never source columns. */
export const RAW_META_COLUMNS = ['__source', '__line', '__raw'] as const;

/** The mapping file as shown in messages: relative to the working folder when inside it. */
export function displayFile(mapping: Mapping): string {
  const rel = relative(process.cwd(), mapping.file);
  return rel && !rel.startsWith('..') ? rel : mapping.file;
}

export function columnResolver(mapping: Mapping, columns: readonly (string | RawColumn)[]): (ref: ColumnRef) => string {
  const raw = columns
    .map((c) => (typeof c === 'string' ? { name: c, header: c } : { name: c.name, header: c.header ?? c.name }))
    .filter((c) => !(RAW_META_COLUMNS as readonly string[]).includes(c.name));
  const fail = (ref: ColumnRef, reason: string): never => {
    throw new MappingError({ file: displayFile(mapping), line: ref.at.line, column: ref.at.column, path: ref.at.path }, reason);
  };
  const headerList = () => raw.map((c) => c.header).join(', ');
  return (ref) => {
    // A header that literally contains `#N` wins over the occurrence reading of it.
    const literal = raw.filter((c) => c.header === ref.text);
    if (literal.length === 1) return literal[0]!.name;
    const same = literal.length ? literal : raw.filter((c) => c.header === ref.header);
    if (same.length === 0) {
      const near = raw.find((c) => c.header.toLowerCase().trim() === ref.header.toLowerCase().trim());
      return fail(ref, `the input has no column "${ref.header}"${near ? ` (there is "${near.header}": headers are case- and space-sensitive)` : ''}. ` +
        `Its columns are: ${headerList()}. Fix the name in the mapping or use another mapping.`);
    }
    if (ref.occurrence === undefined) {
      if (same.length === 1) return same[0]!.name;
      return fail(ref, `the input header has ${same.length} columns named "${ref.header}": say which one with ` +
        `${same.map((_, i) => `"${ref.header}#${i + 1}"`).join(' or ')}`);
    }
    const hit = same[ref.occurrence - 1];
    if (!hit) return fail(ref, `the input header has ${same.length} column(s) named "${ref.header}", so "${ref.text}" does not exist; use #1..#${same.length}`);
    return hit.name;
  };
}
