// Records, per ingested source (mapping, or '' for canonical events), what counts as its tickets'
// first response: the mapping's declared rule, else the first agent reply once the source has sent
// any; a source with neither measures none. A changed rule re-derives the source's earlier tickets.
import type { DuckDBConnection } from '@duckdb/node-api';
import { deriveTickets } from './derive-tickets.ts';

const SOURCE_OF_RUN = `SELECT coalesce(mapping, '') FROM ingest_runs WHERE run_id = $run`;
const SOURCE_RUNS = `SELECT run_id FROM ingest_runs WHERE coalesce(mapping, '') = $source`;

/**
 * Call after run `runId`'s events are written and before its tickets are derived (same transaction).
 * `declared`: the mapping's first_response rule as text (first-response-rule.ts), if it has one.
 */
export async function recordFirstResponseSource(db: DuckDBConnection, runId: number, declared?: string): Promise<void> {
  const source = String((await db.runAndReadAll(SOURCE_OF_RUN, { run: runId })).getRows()[0]?.[0] ?? '');
  const before = (await db.runAndReadAll('SELECT rule, declared FROM first_response_sources WHERE mapping = $source', { source })).getRows()[0];
  const repliesBefore = before !== undefined && before[1] === false;
  const rule = declared ?? (repliesBefore || await sentAgentReplies(db, source) ? 'reply' : null);
  if (rule === (before?.[0] ?? null) && (declared !== undefined) === (before?.[1] === true)) return;

  await db.run('DELETE FROM first_response_sources WHERE mapping = $source', { source });
  if (rule !== null) {
    await db.run('INSERT INTO first_response_sources VALUES ($source, $rule, $declared, now())', { source, rule, declared: declared !== undefined });
  }
  // Tickets of the source's earlier runs were measured by the old rule; this run's are derived next by the caller.
  await db.run(`CREATE OR REPLACE TEMP TABLE _first_response_rederive AS
    SELECT DISTINCT ticket_id FROM events WHERE run_id IN (${SOURCE_RUNS}) AND run_id <> $run
    EXCEPT SELECT ticket_id FROM events WHERE run_id = $run`, { source, run: runId });
  await deriveTickets(db, { table: '_first_response_rederive' });
  await db.run('DROP TABLE _first_response_rederive');
}

/** Whether any run of the source wrote an agent reply. */
async function sentAgentReplies(db: DuckDBConnection, source: string): Promise<boolean> {
  const found = await db.runAndReadAll(`SELECT 1 FROM events
    WHERE type = 'replied' AND actor = 'agent' AND run_id IN (${SOURCE_RUNS}) LIMIT 1`, { source });
  return found.getRows().length > 0;
}
