// Every request's reads go through here: a connection of its own, within the query time budget
// (DESKPULSE_QUERY_BUDGET_MS; 503 when spent). Writes go through ctx.writes instead, and a read that
// ends in a write (keeping a forecast run, applying staffing) ends its budget first (endBudgetToWrite).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AppContext } from './app.ts';

export function readWarehouse<T>(ctx: Pick<AppContext, 'warehouse' | 'queryBudgetMs'>, work: (db: DuckDBConnection) => Promise<T>): Promise<T> {
  return ctx.warehouse.withConnection(work, ctx.queryBudgetMs);
}
