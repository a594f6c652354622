// mappingSql: one SELECT over the raw staging table that yields CANONICAL STAGING rows
// (__source, __line, __raw, __error, then every EVENT_FIELDS column as VARCHAR).
import { eventsModeSql } from './events-sql.ts';
import type { Mapping } from './mapping.ts';
import { columnResolver, type RawColumn } from './raw-columns.ts';
import { RowPlan } from './row-plan.ts';
import { snapshotsModeSql } from './snapshots-sql.ts';

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
  const plan = new RowPlan(mapping, columnResolver(mapping, columns), rawTable);
  return mapping.rows.mode === 'events' ? eventsModeSql(plan, mapping.rows) : snapshotsModeSql(plan, mapping.rows);
}
