// The ticket page's timeline rows: each event of /api/tickets/:id/events (already in derivation
// order) with the time since the event before it. Pure, so it is testable without a browser.
import type { Cell } from '../../../lib/api/types.ts';

type Row = Record<string, Cell>;

export interface TimelineEvent {
  row: Row;
  /** Seconds since the previous event; null for the first. */
  sinceSeconds: number | null;
}

export function timeline(rows: readonly Row[]): TimelineEvent[] {
  let previous: number | null = null;
  return rows.map((row) => {
    const at = Date.parse(String(row.occurred_at));
    const sinceSeconds = previous === null || Number.isNaN(at) ? null : (at - previous) / 1000;
    if (!Number.isNaN(at)) previous = at;
    return { row, sinceSeconds };
  });
}
