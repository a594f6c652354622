// The write path of events: dedupe on event_id (within the batch, then against the warehouse),
// append, and re-derive the tickets the new events touched. Runs in the caller's transaction.
import type { DuckDBConnection } from '@duckdb/node-api';
import { deriveTickets } from './lifecycle/derive-tickets.ts';

export interface AppendResult { accepted: number; duplicates: number; ticketsTouched: number }

/**
 * Appends the rows of `candidates` (typed like events, without run_id, plus __line for order)
 * whose event_id is new. The first row of an event_id in the batch wins; re-sent events are no-ops.
 */
export async function appendEvents(db: DuckDBConnection, candidates: string, runId: number): Promise<AppendResult> {
  const total = Number((await db.runAndReadAll(`SELECT count(*) FROM ${candidates}`)).getRows()[0]?.[0] ?? 0);
  await db.run(`CREATE OR REPLACE TEMP TABLE _new_events AS
    SELECT c.* EXCLUDE (__line) FROM ${candidates} c
    ANTI JOIN events e ON e.event_id = c.event_id
    QUALIFY row_number() OVER (PARTITION BY c.event_id ORDER BY c.__line) = 1`);
  await db.run('INSERT INTO events BY NAME SELECT *, $1::BIGINT AS run_id FROM _new_events', [runId]);
  await db.run('CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT ticket_id FROM _new_events');
  const accepted = Number((await db.runAndReadAll('SELECT count(*) FROM _new_events')).getRows()[0]?.[0] ?? 0);
  const ticketsTouched = await deriveTickets(db, { table: '_touched' });
  await db.run('DROP TABLE _new_events; DROP TABLE _touched');
  return { accepted, duplicates: total - accepted, ticketsTouched };
}
