// Average handle time per queue and local hour from history (agent work recorded on events,
// summed per ticket), with the fallback the recommendation uses when an hour has too few tickets.
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { QueueMatch } from '../series/queues.ts';

export interface HourHandle { tickets: number; ahtSeconds: number | null }

export interface QueueAht {
  /** Index = local hour 0..23. */
  byHour: HourHandle[];
  overall: HourHandle;
}

export type AhtSource = 'hour' | 'queue' | 'default' | 'override';

/** Tickets needed before an hour's (or the queue's) own average is trusted. */
export const MIN_AHT_TICKETS = 30;

// Handle time per ticket is the sum over its events (replies, notes, calls: agent_replies carries
// the same values for replies); tickets with no recorded handle time say nothing about AHT and are left out.
const AHT_BY_HOUR = `
  WITH matched AS (
    SELECT ticket_id, hour(timezone($zone, created_at)) AS local_hour
    FROM tickets
    WHERE created_at >= to_timestamp($from_ms::DOUBLE / 1000) AND created_at < to_timestamp($to_ms::DOUBLE / 1000)
      AND ($problem_type IS NULL OR list_contains($problem_type, problem_type))
      AND ($problem_subtype IS NULL OR list_contains($problem_subtype, problem_subtype))
      AND ($channel IS NULL OR list_contains($channel, channel))
      AND ($team IS NULL OR list_contains($team, created_team_id))
      AND ($product IS NULL OR list_contains($product, product))
      AND ($region IS NULL OR list_contains($region, region))
      AND ($priority IS NULL OR list_contains($priority, priority))
  ), handled AS (
    SELECT e.ticket_id, sum(e.handle_seconds) AS handle_seconds
    FROM events e SEMI JOIN matched m ON e.ticket_id = m.ticket_id
    WHERE e.handle_seconds IS NOT NULL AND e.handle_seconds > 0
    GROUP BY e.ticket_id
  )
  SELECT m.local_hour, count(*) AS tickets, sum(h.handle_seconds) AS handle_seconds
  FROM matched m JOIN handled h USING (ticket_id)
  GROUP BY m.local_hour
  ORDER BY m.local_hour`;

const MATCH_FIELDS = ['problem_type', 'problem_subtype', 'channel', 'team', 'product', 'region', 'priority'] as const;

/** AHT per local hour of ticket creation for the tickets `match` selects, created in [from, to). */
export async function readQueueAht(db: DuckDBConnection, match: QueueMatch, zone: string, from: number, to: number): Promise<QueueAht> {
  const values: Record<string, DuckDBValue> = { zone, from_ms: from, to_ms: to };
  const types: Record<string, ReturnType<typeof LIST>> = {};
  for (const field of MATCH_FIELDS) {
    const list = match[field];
    values[field] = list === undefined ? null : listValue(list);
    types[field] = LIST(VARCHAR);
  }
  const reader = await db.runAndReadAll(AHT_BY_HOUR, values, types);
  const byHour: HourHandle[] = Array.from({ length: 24 }, () => ({ tickets: 0, ahtSeconds: null }));
  let tickets = 0;
  let seconds = 0;
  for (const [hour, n, sum] of reader.getRows()) {
    const count = Number(n);
    byHour[Number(hour)] = { tickets: count, ahtSeconds: Number(sum) / count };
    tickets += count;
    seconds += Number(sum);
  }
  return { byHour, overall: { tickets, ahtSeconds: tickets > 0 ? seconds / tickets : null } };
}

/** The AHT for a local hour: the hour's own with enough tickets, else the queue's, else the default. */
export function ahtFor(aht: QueueAht | undefined, hour: number | null, defaultSeconds: number,
  minTickets = MIN_AHT_TICKETS): { seconds: number; source: AhtSource } {
  const own = hour === null ? undefined : aht?.byHour[hour];
  if (own && own.ahtSeconds !== null && own.tickets >= minTickets) return { seconds: own.ahtSeconds, source: 'hour' };
  if (aht && aht.overall.ahtSeconds !== null && aht.overall.tickets >= minTickets) return { seconds: aht.overall.ahtSeconds, source: 'queue' };
  return { seconds: defaultSeconds, source: 'default' };
}
