// Quoting of text for generated SQL: string literals and identifiers (mapping-supplied values and
// names, temp table names). Every value or column name from a mapping file reaches SQL only through
// these two functions.
//
// Why literals and not bound parameters: mappingSql returns one self-contained SELECT that the
// pipeline embeds in its own statements (CREATE TABLE AS, INSERT ... SELECT), and the number of
// values (value-map entries, formats, zones, keys) is unbounded. Quoting is total for DuckDB:
// standard string literals have exactly one escape (a doubled quote) and no backslash escapes,
// identifiers likewise (a doubled double quote). The one character that cannot travel is NUL,
// because the SQL text goes through the C API as a NUL-terminated string: it is refused.

function refuseNul(text: string, what: string): void {
  if (text.includes('\0')) throw new Error(`${what} contains a NUL character, which cannot be used in SQL text`);
}

/** `it's` -> `'it''s'`: a DuckDB string literal whose value is exactly `text`. */
export function sqlString(text: string): string {
  refuseNul(text, `the value ${JSON.stringify(text.slice(0, 40))}`);
  return `'${text.replaceAll("'", "''")}'`;
}

/** `Case "ID"` -> `"Case ""ID"""`: a quoted identifier naming exactly `name`. */
export function sqlIdent(name: string): string {
  refuseNul(name, `the name ${JSON.stringify(name.slice(0, 40))}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB list literal of strings: `['a', 'b']`. */
export function sqlStringList(texts: readonly string[]): string {
  return `[${texts.map(sqlString).join(', ')}]`;
}

/** The condition that a row's ticket is listed in `table` (column ticket_id), e.g. a temp table of touched tickets. */
export function ticketInTable(table: string): string {
  return `ticket_id IN (SELECT ticket_id FROM ${sqlIdent(table)})`;
}
