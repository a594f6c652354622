// The write path of events: append a batch's new events (deduplicated on event_id within the batch;
// the caller has left out those the warehouse holds). Runs in the caller's transaction; the caller
// derives the tickets touched (lifecycle/derive-tickets.ts).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

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
