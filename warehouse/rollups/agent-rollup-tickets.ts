// The agents' day rollup (migrations/0034, 0037) kept by ticket with the daily rollup: a derivation's
// tickets rewrite their own rows and the sums those change (agent-rollup-tickets.sql), instead of every
// agent's rows of every day the tickets touch being recomputed (issue 19 §1).
import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DIMENSIONS } from '../metrics/filter.ts';
import { metricSql } from '../metrics/metric-sql.ts';
import { localTimeParams } from '../metrics/local-time.ts';
import { rollupStatements, runStatements } from './rollup-statements.ts';
import { sqlIdent, ticketInTable } from '../sql-quote.ts';

/** Its tables, emptied when the rollup is built whole. */
export const AGENT_ROLLUP_TABLES = ['agent_days', 'agent_ticket_days', 'agent_day_tickets', 'agent_ticket_shares'] as const;

/** Scopes of at most this many tickets copy their rows first (as derive-tickets.ts's small scopes). */
const COPIED_SCOPE_TICKETS = 50_000;

const KEEP_SQL = readFileSync(new URL('./agent-rollup-tickets.sql', import.meta.url), 'utf8');

/**
 * The rows of the tickets `tickets` selects of what sql/agent-facts.sql reads, each table read once into
 * a temp table (its name returned by table): its statement then reads them instead of whole tables.
 */
const SCOPED_SOURCES: Record<string, string> = {
  // the facts' events name an agent, the teamed ones a team (the columns agent-facts.sql reads)
  events: 'SELECT ticket_id, occurred_at, agent_id, team_id, type, actor, handle_seconds FROM events WHERE agent_id IS NOT NULL OR team_id IS NOT NULL',
  agent_replies: 'FROM agent_replies',
  tickets: 'FROM tickets',
};

/** sql/<name>.sql reading the scoped copies (_agent_scope_<table>) of the tables it reads. */
function scopedFacts(name: string): string {
  const sql = metricSql(name).replace(/\bFROM (events|agent_replies|tickets)\b/g, (_, table: string) => `FROM _agent_scope_${table}`);
  if (/\bJOIN (events|agent_replies|tickets)\b/.test(sql)) throw new Error(`sql/${name}.sql joins a table of every ticket: read its scoped copy too`);
  return sql;
}

/**
 * Rewrites the rollup's rows of the tickets listed in the temp table `scope` (column ticket_id; null:
 * every ticket, into emptied tables) from their facts as they are now, in the rollup's `zone`.
 * Scopes of at most `copyUpTo` tickets read copies of their rows.
 */
export async function keepAgentRollup(db: DuckDBConnection, zone: string, scope: string | null, copyUpTo = COPIED_SCOPE_TICKETS): Promise<void> {
  const tickets = scope === null ? 'true' : ticketInTable(scope);
  // a large scope (a whole file) reads the tables themselves: copying nearly every row would add to
  // its ingest's peak memory and save no reading
  const copied = scope !== null && Number((await db.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(scope)}`)).getRows()[0]?.[0] ?? 0) <= copyUpTo;
  if (copied) {
    for (const [table, rows] of Object.entries(SCOPED_SOURCES)) {
      await db.run(`CREATE OR REPLACE TEMP TABLE _agent_scope_${table} AS SELECT * FROM (${rows}) WHERE ${tickets}`);
    }
  }
  // the span of their instants (none is after a ticket's last event), whose offsets the local days take
  const [since, until] = (await db.runAndReadAll(`SELECT epoch_ms(min(created_at)), epoch_ms(max(last_event_at)) + 1
    FROM ${copied ? '_agent_scope_tickets' : 'tickets'} WHERE ${tickets}`)).getRows()[0]!.map((ms) => new Date(Number(ms ?? 0)));
  const statements = rollupStatements(KEEP_SQL.replaceAll('{{tickets}}', tickets), copied ? scopedFacts : undefined);
  await runStatements(db, statements, {
    zone, tz: zone, start: '-infinity', end: 'infinity', business: true, scope_teams: null,
    ...Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, null])), ...localTimeParams(zone, since!, until!),
  });
  if (copied) for (const table of Object.keys(SCOPED_SOURCES)) await db.run(`DROP TABLE _agent_scope_${table}`);
}
