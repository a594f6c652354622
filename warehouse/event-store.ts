// The write path of events: append a batch's new events (deduplicated on event_id within the batch;
// the caller has left out those the warehouse holds) and re-derive the tickets a run touched.
// Runs in the caller's transaction.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { deriveTickets } from './lifecycle/derive-tickets.ts';
import { sqlIdent } from './sql-quote.ts';

/**
 * Appends the rows of the SELECT `candidates` (typed like events with source_seq, without run_id,
 * plus __line for order) to events under `runId`. Of rows sharing an event_id the first wins; with
 * `unique` the caller vouches that no two rows share one (no sort to find the first). Returns how
 * many rows were appended.
 */
export async function appendEvents(db: DuckDBConnection, candidates: string, params: Record<string, DuckDBValue>, runId: number, unique = false): Promise<number> {
  const result = await db.run(`INSERT INTO events BY NAME
    SELECT * EXCLUDE (__line), $run_id::BIGINT AS run_id FROM (${candidates})
    ${unique ? '' : 'QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY __line) = 1'}`, { ...params, run_id: runId });
  return result.rowsChanged;
}

/**
 * Re-derives every ticket that the events of `runId` touched, and those listed in the temp table
 * `also` (column ticket_id: tickets whose events the run replaced or removed); returns how many.
 */
export async function deriveRun(db: DuckDBConnection, runId: number, also?: string): Promise<number> {
  const others = also ? ` UNION SELECT ticket_id FROM ${sqlIdent(also)}` : '';
  await db.run(`CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT ticket_id FROM events WHERE run_id = $1${others}`, [runId]);
  const touched = await deriveTickets(db, { table: '_touched' });
  await db.run('DROP TABLE _touched');
  return touched;
}
