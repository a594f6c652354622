// Derives tickets again after the config changed (calendars, team calendars, the default calendar):
// those on one calendar, before or after the change, or all. ONE transaction: a failure or a kill
// leaves every derived table as it was. Done in slices of tickets so that progress can be shown.
import type { Warehouse } from '../database.ts';
import { deriveTickets } from './derive-tickets.ts';
import { deferringDailyRollup } from '../rollups/daily-rollup.ts';

/**
 * Slices: enough to show progress, few enough that reading the events once per slice costs little
 * (46,579 demo tickets: 14 s in one, 20 s in ten slices on this 2-core machine under load). Ten
 * slices down to small warehouses too: with 5,000-ticket slices 8,000 tickets made two, and a kill
 * after the first met a transaction about to commit.
 */
const SLICES = 10;
const MIN_SLICE = 500;

export interface RederiveProgress { tickets: number; done: number }
export interface RederiveSummary { tickets: number; seconds: number }

// Tickets on `$calendar` now, or on it once derived again (ticket_calendar, migrations/0020, on the
// ticket's final team).
const ON_CALENDAR = `
  SELECT k.ticket_id FROM tickets k
  LEFT JOIN ticket_calendars dt ON dt.ticket_id = k.ticket_id AND dt.team_id = k.team_id
  LEFT JOIN teams t ON t.team_id = k.team_id
  LEFT JOIN ticket_calendars dd ON dd.ticket_id = k.ticket_id AND dd.team_id IS NULL
  WHERE k.calendar_id = $calendar
     OR ticket_calendar(dt.calendar_id, t.calendar_id, dd.calendar_id) = $calendar`;

/** Refuses a calendar that neither the config defines nor any ticket is on, naming those that are. */
async function checkCalendar(warehouse: Warehouse, calendar: string): Promise<void> {
  const known = (await warehouse.db.runAndReadAll(
    'SELECT calendar_id FROM calendars UNION SELECT DISTINCT calendar_id FROM tickets ORDER BY 1')).getRows().map(([id]) => String(id));
  if (!known.includes(calendar)) throw new Error(`--calendar ${calendar}: no such calendar in the config or on any ticket; use one of: ${known.join(', ')}`);
}

export async function rederive(warehouse: Warehouse, scope: { calendar: string } | 'all', onProgress?: (p: RederiveProgress) => void): Promise<RederiveSummary> {
  const started = performance.now();
  if (scope !== 'all') await checkCalendar(warehouse, scope.calendar);
  // the daily rollup's days refreshed once after the slices (each touches nearly every day)
  return warehouse.transaction((db) => deferringDailyRollup(db, async () => {
    const tickets = scope === 'all' ? 'SELECT DISTINCT ticket_id FROM events' : ON_CALENDAR;
    await db.run(`CREATE OR REPLACE TEMP TABLE _rederive AS SELECT ticket_id, row_number() OVER (ORDER BY ticket_id) - 1 AS n FROM (${tickets})`,
      scope === 'all' ? {} : { calendar: scope.calendar });
    const total = Number((await db.runAndReadAll('SELECT count(*) FROM _rederive')).getRows()[0]?.[0] ?? 0);
    const slice = Math.max(MIN_SLICE, Math.ceil(total / SLICES));
    onProgress?.({ tickets: total, done: 0 });
    for (let from = 0; from < total; from += slice) {
      await db.run('CREATE OR REPLACE TEMP TABLE _rederive_slice AS SELECT ticket_id FROM _rederive WHERE n >= $1 AND n < $2', [from, from + slice]);
      await deriveTickets(db, { table: '_rederive_slice' });
      onProgress?.({ tickets: total, done: Math.min(total, from + slice) });
    }
    await db.run('DROP TABLE IF EXISTS _rederive_slice; DROP TABLE _rederive');
    return { tickets: total, seconds: (performance.now() - started) / 1000 };
  }));
}
