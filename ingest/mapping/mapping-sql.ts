// mappingSql: one SELECT over the raw staging table that yields CANONICAL STAGING rows
// (__source, __line, __raw, __error, then every EVENT_FIELDS column as VARCHAR).
// snapshotRowsSql: the rows of a snapshot export as the warehouse keeps them (source_snapshots).
import { hashSql } from '../pseudonymise.ts';
import { eventsModeSql } from './events-sql.ts';
import type { ColumnRef, Mapping } from './mapping.ts';
import { columnAddresses, columnResolver, type RawColumn } from './raw-columns.ts';
import { RowPlan } from './row-plan.ts';
import { snapshotsModeSql } from './snapshots-sql.ts';
import { sqlString } from '../../warehouse/sql-quote.ts';
import { ticketsModeSql } from './tickets-sql.ts';

export type { RawColumn } from './raw-columns.ts';

/**
 * The SELECT that maps `rawTable` (one VARCHAR column per source column plus __source,
 * __line, __raw) to canonical staging. `columns` are the raw table's source columns (names,
 * or names with their header text so that repeated headers are caught); every column the
 * mapping names is checked against them first (MappingError at the mapping's line).
 *
 * Each good row yields its events (none, in snapshots mode, when nothing watched changed);
 * a row that cannot be mapped yields one row with `__error` set, ticket_id if known and the
 * other fields NULL. occurred_at is ISO 8601 in UTC (`2016-02-29T01:16:00+00:00`), attrs JSON text.
 */
export function mappingSql(mapping: Mapping, rawTable: string, columns: readonly (string | RawColumn)[]): string {
  return planned(mapping, rawTable, columns).sql;
}

function planned(mapping: Mapping, rawTable: string, columns: readonly (string | RawColumn)[]): { plan: RowPlan; sql: string } {
  const plan = new RowPlan(mapping, columnResolver(mapping, columns), rawTable);
  const rows = mapping.rows;
  const sql = rows.mode === 'events' ? eventsModeSql(plan, rows) : rows.mode === 'tickets' ? ticketsModeSql(plan, rows) : snapshotsModeSql(plan, rows);
  return { plan, sql };
}

/** The source columns holding personal data: those declared pii, and any column feeding a personal field (customer_id always, declared or not). */
export function personalColumnRefs(mapping: Mapping): ColumnRef[] {
  const feeding = mapping.pii.fields.flatMap((f) => {
    const source = mapping.fields[f as keyof Mapping['fields']];
    return source?.kind === 'column' ? [source.column] : [];
  });
  return [...mapping.pii.columns, ...feeding];
}

/**
 * Every row of `rawTable` as a snapshot mapping reads it: `__source, __line, __ticket`, `__columns`
 * (the addresses of the columns the mapping reads: their header text, `#N` if repeated) and `__values` (their cleaned values, personal columns
 * and those feeding a personal field such as customer_id as their keyed hash, $pii_key). Only the cleaning stage runs (no parsing,
 * no checks): which rows are good, mappingSql's staging says. `names` are those columns: mapping
 * the stored rows again (a raw table with these columns, the values as they were) yields the
 * events of the original rows.
 */
export function snapshotRowsSql(mapping: Mapping, rawTable: string, columns: readonly (string | RawColumn)[]): { sql: string; names: string[] } {
  const { plan } = planned(mapping, rawTable, columns);
  // Mapping the stored rows again hashes nothing, so personal columns must be stored hashed.
  const personal = new Set(personalColumnRefs(mapping).map(columnResolver(mapping, columns)));
  const read = plan.columnsRead();
  const values = read.map((c) => (personal.has(c.name) ? hashSql(c.alias) : c.alias));
  const address = columnAddresses(columns);
  const names = read.map((c) => address.get(c.name) ?? c.name);
  return {
    sql: `WITH ${plan.ctes()}
SELECT __source, __line, ${plan.value(mapping.ticketId)} AS __ticket,
  [${names.map(sqlString).join(', ')}] AS __columns, [${values.map((v) => `${v}::VARCHAR`).join(', ')}] AS __values
FROM src`,
    names,
  };
}
