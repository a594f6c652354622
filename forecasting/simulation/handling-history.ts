// How a queue's tickets were handled in the past, as the simulation draws them: the handle-time
// distribution per ticket (200 quantiles of the work recorded on its events) split into the first
// pass and the work after a reopening, the share of tickets reopened and how long after their first
// resolution.
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { QueueMatch } from '../series/queues.ts';
import { queueMatchParams, queueMatchSql } from '../series/queue-match-sql.ts';

export interface HandlingHistory {
  /** Tickets with recorded handle time. */
  tickets: number;
  /**
   * Handle seconds of a ticket's first pass (its work up to its first resolution, all of it when never
   * reopened) at the probabilities 0.0025, 0.0075, ... 0.9975 (empty without tickets).
   */
  quantiles: number[];
  /**
   * Reopened tickets among them, and the quantiles of their work after the first resolution: the
   * plan's AHT holds that work too (a ticket's handle time is all its events'), so a simulated
   * reopening brings back this work, not a second whole ticket.
   */
  reopenTickets: number;
  reopenQuantiles: number[];
  reopenRate: number;
  /** Mean time from the first resolution to the reopening, seconds (null: no reopen seen). */
  reopenDelaySeconds: number | null;
}

const QUANTILES = 200;
/** Tickets a distribution needs before it is trusted. */
export const MIN_HISTORY_TICKETS = 30;
const PROBABILITIES = Array.from({ length: QUANTILES }, (_, k) => (k + 0.5) / QUANTILES);

// The same match as the staffing's AHT (aht.ts); handle time per ticket is the sum over its events.
const HANDLING = `
  WITH matched AS (
    SELECT ticket_id, reopen_count, first_resolved_at
    FROM tickets
    WHERE created_at >= to_timestamp($from_ms::DOUBLE / 1000) AND created_at < to_timestamp($to_ms::DOUBLE / 1000)
      AND ${queueMatchSql()}
  ), handled AS (
    SELECT ticket_id, is_reopened, reopen_seconds, handle_seconds - reopen_seconds AS first_seconds
    FROM (
      SELECT e.ticket_id, any_value(m.reopen_count > 0) AS is_reopened, sum(e.handle_seconds) AS handle_seconds,
             coalesce(sum(e.handle_seconds) FILTER (WHERE m.reopen_count > 0 AND e.occurred_at > m.first_resolved_at), 0) AS reopen_seconds
      FROM events e JOIN matched m ON e.ticket_id = m.ticket_id
      WHERE e.handle_seconds > 0
      GROUP BY e.ticket_id
    )
  ), reopened AS (
    SELECT avg(epoch(e.occurred_at) - epoch(m.first_resolved_at)) AS delay
    FROM events e JOIN matched m ON e.ticket_id = m.ticket_id
    WHERE e.type = 'reopened' AND e.occurred_at > m.first_resolved_at
  )
  SELECT (SELECT count(*) FROM handled),
         (SELECT quantile_cont(first_seconds, $probabilities) FROM handled),
         (SELECT count(*) FROM handled WHERE is_reopened),
         (SELECT quantile_cont(reopen_seconds, $probabilities) FROM handled WHERE is_reopened),
         (SELECT avg((reopen_count > 0)::INTEGER) FROM matched),
         (SELECT delay FROM reopened)`;

/** The handling of the tickets `match` selects, created in [from, to). */
export async function readHandlingHistory(db: DuckDBConnection, match: QueueMatch, from: number, to: number): Promise<HandlingHistory> {
  const matched = queueMatchParams(match);
  const values: Record<string, DuckDBValue> = { ...matched.values, from_ms: from, to_ms: to, probabilities: listValue(PROBABILITIES) };
  const [row] = (await db.runAndReadAll(HANDLING, values, matched.types)).getRowsJS();
  const [tickets, quantiles, reopenTickets, reopenQuantiles, reopenRate, delay] = row ?? [];
  return {
    tickets: Number(tickets ?? 0),
    quantiles: Array.isArray(quantiles) ? quantiles.map(Number) : [],
    reopenTickets: Number(reopenTickets ?? 0),
    reopenQuantiles: Array.isArray(reopenQuantiles) ? reopenQuantiles.map(Number) : [],
    reopenRate: reopenRate === null || reopenRate === undefined ? 0 : Number(reopenRate),
    reopenDelaySeconds: delay === null || delay === undefined ? null : Number(delay),
  };
}

/**
 * Handle seconds for a uniform draw: interpolated between the history's quantiles (the empirical
 * distribution); with too little history, exponential around `fallbackMeanSeconds` (the plan's AHT).
 */
export function handleTimeSampler(history: HandlingHistory | undefined, fallbackMeanSeconds: number): (u: number) => number {
  const q = history && history.tickets >= MIN_HISTORY_TICKETS ? history.quantiles : [];
  if (q.length === 0) return (u) => -fallbackMeanSeconds * Math.log(1 - u);
  return quantileSampler(q);
}

/**
 * The work a reopened ticket brings back, for a uniform draw: from the history's reopened tickets;
 * with too few of them (or no trusted handle times), undefined: a reopening is drawn as a whole ticket.
 */
export function reopenTimeSampler(history: HandlingHistory | undefined): ((u: number) => number) | undefined {
  if (!history || history.tickets < MIN_HISTORY_TICKETS || history.reopenTickets < MIN_HISTORY_TICKETS) return undefined;
  return history.reopenQuantiles.length > 0 ? quantileSampler(history.reopenQuantiles) : undefined;
}

/** A draw from the distribution given by its quantiles at (k + 0.5) / n: linear between them. */
export function quantileSampler(q: readonly number[]): (u: number) => number {
  return (u) => {
    const x = u * q.length - 0.5;
    if (x <= 0) return q[0]!;
    if (x >= q.length - 1) return q[q.length - 1]!;
    const k = Math.floor(x);
    return q[k]! + (x - k) * (q[k + 1]! - q[k]!);
  };
}
