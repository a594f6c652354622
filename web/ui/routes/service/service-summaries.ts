// What each chart of the Service page says in one sentence, as numbers picked from the API's rows
// (the page words them in the chosen language): the busiest arrival hour, the share answered within
// an hour, the median waits, the range of daily reply times, the backlog's change over the range.
import type { Cell } from '../../lib/api/types.ts';

type Row = Record<string, Cell>;

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Tickets created in all, the busiest weekday x hour cell and the busiest weekday (first of equals). */
export function arrivalPeaks(rows: Row[]) {
  let total = 0;
  let cell: { weekday: number; hour: number; tickets: number } | null = null;
  const perWeekday = new Map<number, number>();
  for (const r of rows) {
    const [weekday, hour, tickets] = [num(r.weekday), num(r.hour), num(r.tickets) ?? 0];
    if (weekday === null || hour === null) continue;
    total += tickets;
    perWeekday.set(weekday, (perWeekday.get(weekday) ?? 0) + tickets);
    if (tickets > 0 && (cell === null || tickets > cell.tickets)) cell = { weekday, hour, tickets };
  }
  let day: { weekday: number; tickets: number } | null = null;
  for (const [weekday, tickets] of perWeekday) if (tickets > 0 && (day === null || tickets > day.tickets)) day = { weekday, tickets };
  return { total, cell, day };
}

/** Of the tickets in the FRT buckets: how many in all, answered within 1 h, within 24 h, and not answered yet. */
export function firstResponseShares(rows: Row[]) {
  const count = (buckets: string[]) => rows.filter((r) => buckets.includes(String(r.bucket))).reduce((n, r) => n + (num(r.tickets) ?? 0), 0);
  const total = count(rows.map((r) => String(r.bucket)));
  return {
    total,
    within1h: count(['<1h']),
    within24h: count(['<1h', '1-4h', '4-8h', '8-24h']),
    unanswered: count(['unanswered']),
  };
}

/** Median requester wait (new + open + on hold) and agent wait (pending) per ticket, seconds. */
export function waitMedians(rows: Row[]) {
  const median = (status: string) => num(rows.find((r) => r.status === status)?.median);
  return { requester: median('requester_wait'), agent: median('agent_wait') };
}

/** Agent replies in all and the days with the lowest and highest median reply time. */
export function replyTimeRange(rows: Row[]) {
  let replies = 0;
  let low: { day: string; median: number } | null = null;
  let high: { day: string; median: number } | null = null;
  for (const r of rows) {
    replies += num(r.replies) ?? 0;
    const median = num(r.median);
    if (median === null) continue;
    const day = String(r.day);
    if (low === null || median < low.median) low = { day, median };
    if (high === null || median > high.median) high = { day, median };
  }
  return { replies, low, high };
}

/** Backlog at the end of the range's first and last day. */
export function backlogChange(rows: Row[]) {
  const days = rows.filter((r) => num(r.backlog) !== null);
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  return { firstDay: String(first.day), first: num(first.backlog)!, lastDay: String(last.day), last: num(last.backlog)! };
}
