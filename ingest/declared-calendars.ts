// Calendars a batch declares for its tickets (a mapping's calendar:/calendars:, `ingest --calendar`),
// kept in ticket_calendars for derivation, and the note about tickets that still fall back to the
// config's default_calendar. Runs in the caller's transaction.
import type { DuckDBConnection } from '@duckdb/node-api';
import { IngestError } from './ingest-error.ts';
import { MappingError } from './mapping/mapping-error.ts';
import type { CalendarDeclaration } from './mapping/mapping.ts';

async function knownCalendars(db: DuckDBConnection): Promise<string[]> {
  return (await db.runAndReadAll('SELECT calendar_id FROM calendars ORDER BY calendar_id')).getRows().map(([id]) => String(id));
}

/**
 * Refuses a declared calendar the config does not define: at its place in the mapping (`mappingFile`),
 * or as the `calendar` choice of the caller. Names the config's calendars, never its path.
 */
export async function checkDeclaredCalendars(db: DuckDBConnection, calendars: CalendarDeclaration | undefined, mappingFile?: string): Promise<void> {
  if (!calendars) return;
  const known = await knownCalendars(db);
  for (const { id, at } of [...(calendars.default ? [calendars.default] : []), ...calendars.teams]) {
    if (known.includes(id)) continue;
    const reason = `"${id}" is not a calendar of the DeskPulse config; define it under calendars: there, or use one of: ${known.join(', ')}`;
    if (at && mappingFile) throw new MappingError({ file: mappingFile, line: at.line, column: at.column, path: at.path }, reason);
    throw new IngestError('calendar', reason);
  }
}

/** Declares `calendars` for the tickets listed in the temp table `scope` (column ticket_id), replacing earlier declarations. */
export async function declareCalendars(db: DuckDBConnection, scope: string, calendars: CalendarDeclaration): Promise<void> {
  const rows = [...(calendars.default ? [{ team: null, id: calendars.default.id }] : []), ...calendars.teams.map((t) => ({ team: t.team, id: t.id }))];
  await db.run(`DELETE FROM ticket_calendars WHERE ticket_id IN (SELECT ticket_id FROM ${scope})`);
  await db.run(`INSERT INTO ticket_calendars
    SELECT s.ticket_id, d.team, d.id FROM ${scope} s,
      (SELECT unnest(from_json($rows::JSON, '[{"team":"VARCHAR","id":"VARCHAR"}]'), recursive := true)) d`, { rows: JSON.stringify(rows) });
}

/**
 * What to tell the user about the tickets of `scope` timed on the default calendar because neither
 * the config nor a declaration gives their team one; null when there are none.
 */
export async function fallbackNote(db: DuckDBConnection, scope: string): Promise<string | null> {
  const reader = await db.runAndReadAll(`SELECT k.team_id, count(*) AS n, any_value(k.calendar_id) AS calendar_id
    FROM tickets k JOIN ${scope} s USING (ticket_id)
    WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.team_id = k.team_id)
      AND NOT EXISTS (SELECT 1 FROM ticket_calendars c WHERE c.ticket_id = k.ticket_id AND (c.team_id IS NULL OR c.team_id = k.team_id))
    GROUP BY k.team_id ORDER BY n DESC, k.team_id`);
  const rows = reader.getRows().map(([team, n, calendar]) => ({ team: team === null ? '(no team)' : String(team), n: Number(n), calendar: String(calendar) }));
  if (rows.length === 0) return null;
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const shown = rows.slice(0, 5).map((r) => `${r.team} ${r.n}`).join(', ') + (rows.length > 5 ? `, ${rows.length - 5} more teams` : '');
  const calendar = rows[0]!.calendar;
  // A file read before is not read again, so declaring a calendar on a re-sent batch reaches no ticket of it.
  return `${total} tickets of teams without a calendar (${shown}) are timed on the default calendar ${calendar}: ` +
    `give their teams a calendar under teams: in the config and run \`deskpulse rederive --calendar ${calendar}\`, ` +
    `or declare one for the next batches (ingest --calendar, the mapping's calendar: or calendars:)`;
}
