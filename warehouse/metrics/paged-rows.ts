// Ticket lists a page at a time: the page request checked (an unknown sort column is a FilterError
// on `sort`), and one page of rows with the count of all of them.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { FilterError } from './filter.ts';
import { queryRows, type Row } from './metric-sql.ts';
import { zonedRows } from './zoned-rows.ts';
import type { Column } from './table.ts';

export interface PageRequest {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export const MAX_PAGE_SIZE = 500;

/** LIMIT/OFFSET of a page request, checked; `sort` resolved against `sorts`. */
export function pageClause<S extends Record<string, string>>(request: PageRequest, sorts: S, defaultSort: keyof S & string) {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new FilterError('page', `page: ${page} is not a page number; pages start at 1`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new FilterError('page_size', `page_size: ${pageSize} is out of range; use 1..${MAX_PAGE_SIZE}`);
  }
  const sort = request.sort ?? defaultSort;
  if (!Object.hasOwn(sorts, sort)) {
    throw new FilterError('sort', `sort: "${sort}" is not a sortable column; use one of ${Object.keys(sorts).join(', ')}`);
  }
  const direction = (request.order ?? 'desc') === 'asc' ? 'ASC' : 'DESC';
  // The ticket id breaks ties so that pages never overlap or skip rows.
  return {
    orderBy: `ORDER BY ${sorts[sort]} ${direction} NULLS LAST, ticket_id ${direction}`,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}

/**
 * The page `clause` of the rows of `listed` (instants in `zone`) and the count of all of them, in one
 * pass: each row carries the count as a window. Only a page past the end asks for the count again.
 */
export async function pagedRows(db: DuckDBConnection, listed: string, clause: ReturnType<typeof pageClause>,
  params: Record<string, DuckDBValue>, zone: string): Promise<{ rows: Row[]; total: number }> {
  const { orderBy, limit, offset } = clause;
  const rows = await zonedRows(db, `SELECT *, count(*) OVER () AS __total FROM (${listed}) ${orderBy} LIMIT $limit OFFSET $offset`,
    { ...params, limit, offset }, zone);
  const total = rows.length > 0 || offset === 0 ? Number(rows[0]?.__total ?? 0)
    : Number((await queryRows(db, `SELECT count(*) AS total FROM (${listed})`, params))[0]?.total);
  for (const row of rows) delete row.__total;
  return { rows, total };
}

/** Every row of a list (for an export, which streams them): its SQL selects exactly `columns`, in the page's order. */
export interface ListedRows {
  name: string;
  columns: Column[];
  sql: string;
  params: Record<string, DuckDBValue>;
}

export function listedRows(name: string, listed: string, columns: Column[], clause: ReturnType<typeof pageClause>,
  params: Record<string, DuckDBValue>): ListedRows {
  return { name, columns, sql: `SELECT ${columns.map((c) => c.key).join(', ')} FROM (${listed}) ${clause.orderBy}`, params };
}
