// Reads what a queue's series needs from the warehouse: arrivals per period counted from
// tickets.created_at in the queue's zone (one set-based query per series), its team calendar,
// holidays and open intervals. Values are bound parameters; the match columns are a fixed list.
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { InBothLanguages } from '../bilingual-error.ts';
import { DAILY_MINUTES } from './interval.ts';
import type { KnownOpenIntervals } from './queue-series.ts';
import type { QueueMatch } from './queues.ts';
import { queueMatchParams, queueMatchSql } from './queue-match-sql.ts';
import { dayOfIsoDate } from './series.ts';
import { localMidnight, offsetLookup } from '../../warehouse/calendar/zone-offsets.ts';

const MATCHED_TICKETS = `
  SELECT created_at, timezone($zone, created_at) AS local_at
  FROM tickets
  WHERE created_at >= to_timestamp($from_ms::DOUBLE / 1000) AND created_at < to_timestamp($to_ms::DOUBLE / 1000)
    AND ${queueMatchSql()}
`;

// The bucket's instant is the arrival minus its distance from the local bucket start, so that
// the two fall-back hours of a DST change stay two periods.
const ARRIVALS_INTRADAY = `
  WITH matched AS (${MATCHED_TICKETS})
  SELECT epoch_ms(created_at) - (epoch_ms(local_at) - epoch_ms(time_bucket(to_minutes($minutes::INTEGER), local_at))) AS bucket_ms,
         count(*) AS arrivals
  FROM matched
  GROUP BY ALL
  ORDER BY bucket_ms`;

const ARRIVALS_DAILY = `
  WITH matched AS (${MATCHED_TICKETS})
  SELECT strftime(CAST(local_at AS DATE), '%Y-%m-%d') AS local_day, count(*) AS arrivals
  FROM matched
  GROUP BY ALL
  ORDER BY local_day`;

/** Arrivals per period start (epoch ms; local midnight for daily) in [from, to). */
export async function countArrivals(db: DuckDBConnection, match: QueueMatch, zone: string, intervalMinutes: number,
  from: number, to: number): Promise<Map<number, number>> {
  const { values, types } = queueMatchParams(match);
  const daily = intervalMinutes >= DAILY_MINUTES;
  const reader = await db.runAndReadAll(daily ? ARRIVALS_DAILY : ARRIVALS_INTRADAY,
    { ...values, zone, from_ms: from, to_ms: to, ...(daily ? {} : { minutes: intervalMinutes }) }, types);
  const counts = new Map<number, number>();
  const offset = offsetLookup(zone);
  for (const [bucket, n] of reader.getRows()) {
    const start = daily ? localMidnight(dayOfIsoDate(String(bucket)), offset) : Number(bucket);
    counts.set(start, Number(n));
  }
  return counts;
}

/** Why nothing can be forecast when latestArrival is null. */
export const NO_TICKETS: InBothLanguages = {
  en: 'the warehouse has no tickets yet: ingest events first (deskpulse ingest ...)', zh: '仓库里还没有工单：请先导入事件（deskpulse ingest ...）',
};

/** Epoch ms of the latest ticket creation, or null for an empty warehouse. */
export async function latestArrival(db: DuckDBConnection): Promise<number | null> {
  const reader = await db.runAndReadAll('SELECT epoch_ms(max(created_at)) FROM tickets');
  const v = reader.getRows()[0]?.[0];
  return v === null || v === undefined ? null : Number(v);
}

export interface QueueCalendar { calendarId: string; zone: string; holidays: string[] }

function holidaysOf(definition: unknown): string[] {
  try {
    const parsed = JSON.parse(String(definition)) as { holidays?: unknown };
    return Array.isArray(parsed.holidays) ? parsed.holidays.map((h) => String(h).slice(0, 10)) : [];
  } catch {
    // A definition that is not JSON has no holidays we can read; the calendar intervals still apply.
    return [];
  }
}

/** Holidays of every calendar: public holidays move demand even in queues whose calendar stays open. */
export async function allHolidays(db: DuckDBConnection): Promise<string[]> {
  const reader = await db.runAndReadAll('SELECT CAST(definition AS VARCHAR) FROM calendars');
  return [...new Set(reader.getRows().flatMap(([definition]) => holidaysOf(definition)))].sort();
}

/** The calendar of `team` (else `defaultCalendar`), or null when neither is loaded. */
export async function queueCalendar(db: DuckDBConnection, team: string | null, defaultCalendar: string | null): Promise<QueueCalendar | null> {
  const reader = await db.runAndReadAll(`
    SELECT c.calendar_id, c.timezone, CAST(c.definition AS VARCHAR)
    FROM calendars c
    WHERE c.calendar_id = coalesce((SELECT calendar_id FROM teams WHERE team_id = $team), $default_calendar)`,
  { team, default_calendar: defaultCalendar }, { team: VARCHAR, default_calendar: VARCHAR });
  const row = reader.getRows()[0];
  if (!row) return null;
  return { calendarId: String(row[0]), zone: String(row[1]), holidays: holidaysOf(row[2]) };
}

/** A calendar's open intervals overlapping [from, to), with the span the table covers. */
export async function openIntervals(db: DuckDBConnection, calendarId: string, from: number, to: number): Promise<KnownOpenIntervals | null> {
  const span = await db.runAndReadAll(`
    SELECT epoch_ms(min(start_at)), epoch_ms(max(end_at)) FROM calendar_open_intervals WHERE calendar_id = $calendar`,
  { calendar: calendarId });
  const [first, last] = span.getRows()[0] ?? [];
  if (first === null || first === undefined || last === null || last === undefined) return null;
  const reader = await db.runAndReadAll(`
    SELECT epoch_ms(start_at), epoch_ms(end_at)
    FROM calendar_open_intervals
    WHERE calendar_id = $calendar AND end_at > to_timestamp($from_ms::DOUBLE / 1000) AND start_at < to_timestamp($to_ms::DOUBLE / 1000)
    ORDER BY start_at`, { calendar: calendarId, from_ms: from, to_ms: to });
  const intervals = reader.getRows().map(([s, e]) => [Number(s), Number(e)] as const);
  // The table is known from its first to its last interval; outside that, history decides.
  return { intervals, from: Number(first), to: Number(last) };
}
