// Derives tickets, ticket_status_spans, agent_replies and agent_assignments from the events of the given tickets.
// A pure function of each ticket's set of events: arrival order and batching never matter.
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withDailyRollup } from '../rollups/daily-rollup.ts';
import { sqlIdent } from '../sql-quote.ts';
import { withDoneAt } from '../metrics/metric-sql.ts';

const DERIVE_SQL = withDoneAt(readFileSync(new URL('./derive-tickets.sql', import.meta.url), 'utf8'));

/**
 * Scopes of at most this many tickets have their events copied into a table before the window
 * reads them. Read through the join, the planner takes them for the whole events table and the window
 * prepares its partitions for that many: about 0.1 s of CPU for a 10k-event batch into 10 M events,
 * most of its derivation. A larger scope is read through a view, as one pipeline without the copy.
 */
const SMALL_SCOPE_TICKETS = 50_000;

/**
 * Larger scopes are derived in slices of about this many tickets, one after another in the same
 * transaction: the windows' sort grows faster than its input (a 10 M-event file: 116 s in one, about
 * 60 s in six slices). Each slice reads the events again, a hash join of little cost.
 */
const SLICE_TICKETS = 250_000;

/**
 * Recomputes the derived rows of every ticket listed in `touched.table` (column ticket_id), or of
 * all tickets. Runs inside the caller's transaction; returns the number of tickets written.
 */
export async function deriveTickets(db: DuckDBConnection, touched: 'all' | { table: string }, sliceTickets = SLICE_TICKETS): Promise<number> {
  const source = touched === 'all' ? 'events' : sqlIdent(touched.table);
  // tk: a dense integer key in ticket_id order, so that every later sort and join compares integers
  // and the rows are written clustered by ticket (see derive-tickets.sql)
  await db.run(`CREATE OR REPLACE TEMP TABLE _derive_all AS
    SELECT ticket_id, row_number() OVER (ORDER BY ticket_id) AS tk FROM (SELECT DISTINCT ticket_id FROM ${source})`);
  const scoped = Number((await db.runAndReadAll('SELECT count(*) FROM _derive_all')).getRows()[0]?.[0] ?? 0);
  // Nothing to recompute (e.g. a first-response rule recorded before any earlier run): no scan of the events.
  // the daily rollup's days of these tickets, before and after, recomputed with them, once for all slices
  if (scoped > 0) {
    const slice = Math.ceil(scoped / Math.ceil(scoped / sliceTickets));
    const sql = DERIVE_SQL.replaceAll('{{scoped}}', slice <= SMALL_SCOPE_TICKETS ? 'TABLE' : 'VIEW');
    await withDailyRollup(db, '_derive_all', async () => {
      for (let first = 1; first <= scoped; first += slice) {
        await db.run('CREATE OR REPLACE TEMP TABLE _derive_scope AS FROM _derive_all WHERE tk >= $1 AND tk < $2', [first, first + slice]);
        await db.run(sql);
      }
    });
    await db.run('DROP TABLE _derive_scope');
  }
  await db.run('DROP TABLE _derive_all');
  return scoped;
}
