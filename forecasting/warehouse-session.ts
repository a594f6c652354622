// What the forecaster needs of the warehouse: one connection to read and write on, and
// transactions on that connection. A Warehouse fits as is; the server passes its own connection.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/database.ts';

export type WarehouseSession = Pick<Warehouse, 'db' | 'transaction'>;

/** A session on `connection` (e.g. a request's own, so a long read never holds the main one). */
export function sessionOn(warehouse: Warehouse, connection: DuckDBConnection): WarehouseSession {
  return { db: connection, transaction: (work, db = connection) => warehouse.transaction(work, db) };
}
