// Average handle time per queue and local hour from history (agent work recorded on events,
// summed per ticket), with the fallback the recommendation uses when an hour has too few tickets.
import { VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { queueMatchParams, queueMatchSql } from '../series/queue-match-sql.ts';
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

/** The tickets one queue's AHT is counted over: those `match` selects, created in [from, to), hours in `zone`. */
export interface AhtRequest { match: QueueMatch; zone: string; from: number; to: number }

// Every queue in one statement over the tickets alone: a ticket's handle_seconds is already the sum
// of its events' (derive-tickets.sql; ingest refuses negative values), so the millions of events are
// not summed again per request. Tickets with no recorded handle time say nothing about AHT and are
// left out. One branch per queue (a join of tickets with the queues' filters tested every ticket
// against every queue), each counting its tickets per UTC quarter hour before putting those in the
// queue's zone: a local hour always starts on a UTC quarter hour (every zone's offset is a whole
// number of quarter hours), and converting each ticket's time cost more than the rest of the query.
function ahtSql(queues: number): string {
  const branch = (k: number) => `
    SELECT ${k} AS k, hour(timezone($zone_${k}, quarter)) AS local_hour, tickets, handle_seconds
    FROM (
      SELECT to_timestamp(floor(epoch(created_at) / 900) * 900) AS quarter, count(*) AS tickets, sum(handle_seconds) AS handle_seconds
      FROM tickets
      WHERE created_at >= to_timestamp($from_${k}::DOUBLE / 1000) AND created_at < to_timestamp($to_${k}::DOUBLE / 1000)
        AND handle_seconds > 0
        AND ${queueMatchSql(`_${k}`)}
      GROUP BY quarter
    )`;
  return `
  SELECT k, local_hour, sum(tickets) AS tickets, sum(handle_seconds) AS handle_seconds
  FROM (${Array.from({ length: queues }, (_, k) => branch(k)).join('\n    UNION ALL')})
  GROUP BY k, local_hour
  ORDER BY k, local_hour`;
}

/** AHT per local hour of ticket creation for each request, in one statement; in the requests' order. */
export async function readAhtOfQueues(db: DuckDBConnection, requests: readonly AhtRequest[]): Promise<QueueAht[]> {
  if (requests.length === 0) return [];
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [k, r] of requests.entries()) {
    const matched = queueMatchParams(r.match, `_${k}`);
    Object.assign(values, matched.values, { [`zone_${k}`]: r.zone, [`from_${k}`]: r.from, [`to_${k}`]: r.to });
    Object.assign(types, matched.types, { [`zone_${k}`]: VARCHAR });
  }
  const reader = await db.runAndReadAll(ahtSql(requests.length), values, types);
  const result = requests.map((): QueueAht => ({
    byHour: Array.from({ length: 24 }, () => ({ tickets: 0, ahtSeconds: null })), overall: { tickets: 0, ahtSeconds: null },
  }));
  const seconds = requests.map(() => 0);
  for (const [k, hour, n, sum] of reader.getRows()) {
    const q = result[Number(k)]!;
    const count = Number(n);
    q.byHour[Number(hour)] = { tickets: count, ahtSeconds: Number(sum) / count };
    q.overall.tickets += count;
    seconds[Number(k)]! += Number(sum);
  }
  for (const [k, q] of result.entries()) q.overall.ahtSeconds = q.overall.tickets > 0 ? seconds[k]! / q.overall.tickets : null;
  return result;
}

/** AHT per local hour of ticket creation for the tickets `match` selects, created in [from, to). */
export async function readQueueAht(db: DuckDBConnection, match: QueueMatch, zone: string, from: number, to: number): Promise<QueueAht> {
  return (await readAhtOfQueues(db, [{ match, zone, from, to }]))[0]!;
}

/** The AHT for a local hour: the hour's own with enough tickets, else the queue's, else the default. */
export function ahtFor(aht: QueueAht | undefined, hour: number | null, defaultSeconds: number,
  minTickets = MIN_AHT_TICKETS): { seconds: number; source: AhtSource } {
  const own = hour === null ? undefined : aht?.byHour[hour];
  if (own && own.ahtSeconds !== null && own.tickets >= minTickets) return { seconds: own.ahtSeconds, source: 'hour' };
  if (aht && aht.overall.ahtSeconds !== null && aht.overall.tickets >= minTickets) return { seconds: aht.overall.ahtSeconds, source: 'queue' };
  return { seconds: defaultSeconds, source: 'default' };
}
