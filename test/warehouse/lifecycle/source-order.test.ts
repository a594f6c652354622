// Derivation at one instant and after a resolution (issue 16): the source's own order breaks
// same-minute ties, statuses passed through within an instant get no span, a ticket the source holds
// in new stays new, and agent work on a resolved ticket reopens it. Expected values by hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { insertDailyCalendar, insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';

let n = 0;
const ev = (ticket: string, type: StoredEvent['type'], at: string, extra: Partial<StoredEvent> = {}): StoredEvent =>
  ({ event_id: `${ticket}-${String(++n).padStart(3, '0')}`, ticket_id: ticket, type, occurred_at: at, ...extra });

let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-03-01T00:00:00Z', 20);
});
afterEach(() => w.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
const spans = (ticket: string) => rows(`SELECT status, strftime(started_at, '%d %H:%M') AS started, seconds
  FROM ticket_status_spans WHERE ticket_id = '${ticket}' ORDER BY started_at, ended_at NULLS LAST`);
const TICKET = `SELECT status, strftime(resolved_at, '%d %H:%M') AS resolved, strftime(first_resolved_at, '%d %H:%M') AS first_resolved,
  strftime(closed_at, '%d %H:%M') AS closed, reopen_count FROM tickets WHERE ticket_id = `;

// Resolved, reopened and resolved again in the minute 10:00 (a minute-resolution export), closed
// three days later. The source's order is 1, 2, 3 within that minute.
const MINUTE_TIE = (seq: (i: number) => number | null): StoredEvent[] => [
  ev('M', 'created', '2026-03-02T09:00:00Z', { source_seq: seq(1) }),
  ev('M', 'assigned', '2026-03-02T09:10:00Z', { agent_id: 'a1', source_seq: seq(1) }),
  ev('M', 'resolved', '2026-03-02T10:00:00Z', { source_seq: seq(1) }),
  ev('M', 'reopened', '2026-03-02T10:00:00Z', { source_seq: seq(2) }),
  ev('M', 'resolved', '2026-03-02T10:00:00Z', { source_seq: seq(3) }),
  ev('M', 'closed', '2026-03-05T10:00:00Z', { source_seq: seq(1) }),
];

describe('events at one instant', () => {
  it('orders a same-minute resolve, reopen and re-resolve by the source sequence: the ticket ends resolved at that minute', async () => {
    await insertEvents(w.db, MINUTE_TIE((i) => i));
    await deriveTickets(w.db, 'all');
    expect((await rows(`${TICKET} 'M'`))[0]).toEqual({ status: 'closed', resolved: '02 10:00', first_resolved: '02 10:00', closed: '05 10:00', reopen_count: 1 });
    expect((await rows(`SELECT resolution_seconds FROM tickets`))[0]).toEqual({ resolution_seconds: 3600 });
    // resolved, open and resolved again within 10:00 hold for no time: one resolved span from 10:00
    expect(await spans('M')).toEqual([
      { status: 'new', started: '02 09:00', seconds: 600 },
      { status: 'open', started: '02 09:10', seconds: 3000 },
      { status: 'resolved', started: '02 10:00', seconds: 3 * 86400 },
      { status: 'closed', started: '05 10:00', seconds: null },
    ]);
  });

  it('falls back to the type rank where the source gives no order (the reopen then comes last)', async () => {
    await insertEvents(w.db, MINUTE_TIE(() => null));
    await deriveTickets(w.db, 'all');
    // resolved, resolved, reopened at 10:00, then closed: a reopen since the last resolution
    expect((await rows(`${TICKET} 'M'`))[0]).toEqual({ status: 'closed', resolved: null, first_resolved: '02 10:00', closed: '05 10:00', reopen_count: 1 });
  });

  it('gives no span to a status held for no time: created and assigned together never wait in New', async () => {
    await insertEvents(w.db, [
      ev('S', 'created', '2026-03-02T09:00:00Z'), ev('S', 'assigned', '2026-03-02T09:00:00Z', { agent_id: 'a1' }),
      ev('S', 'resolved', '2026-03-02T09:45:00Z'),
      ev('W', 'created', '2026-03-02T09:00:00Z'), ev('W', 'assigned', '2026-03-02T09:30:00Z', { agent_id: 'a1' }),
    ]);
    await deriveTickets(w.db, 'all');
    expect(await spans('S')).toEqual([{ status: 'open', started: '02 09:00', seconds: 2700 }, { status: 'resolved', started: '02 09:45', seconds: null }]);
    expect(await rows('SELECT ticket_id, new_seconds, open_seconds FROM tickets ORDER BY 1')).toEqual([
      { ticket_id: 'S', new_seconds: null, open_seconds: 2700 }, // never in New: not in the New distribution
      { ticket_id: 'W', new_seconds: 1800, open_seconds: null },
    ]);
  });

  it('keeps a ticket the source says is new (queued) in new when someone is assigned, until the source opens it', async () => {
    await insertEvents(w.db, [
      ev('Q', 'created', '2026-03-02T09:00:00Z'),
      ev('Q', 'status_changed', '2026-03-02T09:00:00Z', { status: 'new' }),
      ev('Q', 'assigned', '2026-03-02T09:05:00Z', { agent_id: 'a1' }),
      ev('Q', 'status_changed', '2026-03-02T09:20:00Z', { status: 'open' }),
    ]);
    await deriveTickets(w.db, 'all');
    expect(await spans('Q')).toEqual([{ status: 'new', started: '02 09:00', seconds: 1200 }, { status: 'open', started: '02 09:20', seconds: null }]);
    expect((await rows(`SELECT strftime(first_assigned_at, '%H:%M') AS assigned FROM tickets`))[0]).toEqual({ assigned: '09:05' });
  });
});

describe('work after a resolution', () => {
  it('counts agent work on a resolved or closed ticket as a reopen, and nothing else', async () => {
    await insertEvents(w.db, [
      // taken in charge again after the resolution, resolved again, closed
      ev('R1', 'created', '2026-03-02T09:00:00Z'), ev('R1', 'assigned', '2026-03-02T09:05:00Z', { agent_id: 'a1' }),
      ev('R1', 'resolved', '2026-03-02T10:00:00Z'), ev('R1', 'assigned', '2026-03-02T11:00:00Z', { agent_id: 'a2' }),
      ev('R1', 'resolved', '2026-03-02T12:00:00Z'), ev('R1', 'closed', '2026-03-05T12:00:00Z'),
      // put back to waiting on the customer: a reopen; back to open from pending is none
      ev('R2', 'created', '2026-03-02T09:00:00Z'), ev('R2', 'resolved', '2026-03-02T10:00:00Z'),
      ev('R2', 'status_changed', '2026-03-02T11:00:00Z', { status: 'pending' }),
      ev('R2', 'status_changed', '2026-03-02T12:00:00Z', { status: 'open' }), ev('R2', 'resolved', '2026-03-02T13:00:00Z'),
      // a customer's thanks, a system message, an agent's note and a repeated resolve are no work on it
      ev('R3', 'created', '2026-03-02T09:00:00Z'), ev('R3', 'resolved', '2026-03-02T10:00:00Z'),
      ev('R3', 'replied', '2026-03-02T10:30:00Z', { actor: 'customer' }), ev('R3', 'replied', '2026-03-02T10:31:00Z', { actor: 'system' }),
      ev('R3', 'commented', '2026-03-02T10:40:00Z', { actor: 'agent', agent_id: 'a1' }), ev('R3', 'resolved', '2026-03-02T11:00:00Z'),
      // an agent's reply after the resolution: open again
      ev('R4', 'created', '2026-03-02T09:00:00Z'), ev('R4', 'resolved', '2026-03-02T10:00:00Z'),
      ev('R4', 'replied', '2026-03-02T10:30:00Z', { actor: 'agent', agent_id: 'a1' }),
      // escalated after it was closed
      ev('R5', 'created', '2026-03-02T09:00:00Z'), ev('R5', 'closed', '2026-03-02T10:00:00Z'),
      ev('R5', 'escalated', '2026-03-03T10:00:00Z'),
      // an explicit reopen followed by work counts once
      ev('R6', 'created', '2026-03-02T09:00:00Z'), ev('R6', 'resolved', '2026-03-02T10:00:00Z'),
      ev('R6', 'reopened', '2026-03-02T11:00:00Z'), ev('R6', 'assigned', '2026-03-02T11:05:00Z', { agent_id: 'a1' }),
    ]);
    await deriveTickets(w.db, 'all');
    expect(await rows(`SELECT ticket_id, status, strftime(resolved_at, '%d %H:%M') AS resolved, strftime(closed_at, '%d %H:%M') AS closed,
      reopen_count FROM tickets ORDER BY 1`)).toEqual([
      { ticket_id: 'R1', status: 'closed', resolved: '02 12:00', closed: '05 12:00', reopen_count: 1 },
      { ticket_id: 'R2', status: 'resolved', resolved: '02 13:00', closed: null, reopen_count: 1 },
      { ticket_id: 'R3', status: 'resolved', resolved: '02 11:00', closed: null, reopen_count: 0 },
      { ticket_id: 'R4', status: 'open', resolved: null, closed: null, reopen_count: 1 },
      { ticket_id: 'R5', status: 'open', resolved: null, closed: null, reopen_count: 1 },
      { ticket_id: 'R6', status: 'open', resolved: null, closed: null, reopen_count: 1 },
    ]);
    expect((await spans('R1')).map((s) => s.status)).toEqual(['new', 'open', 'resolved', 'open', 'resolved', 'closed']);
  });
});

describe('migration 0014', () => {
  it('adds source_seq and derives every ticket again under the new rules', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-0014-')), 'w.duckdb');
    let old = await Warehouse.open(file);
    await insertDailyCalendar(old.db, 'default', '2026-03-01T00:00:00Z', 20);
    await insertEvents(old.db, MINUTE_TIE(() => null));
    await deriveTickets(old.db, 'all');
    // as the version before left it: no column, tickets derived otherwise
    await old.db.run(`ALTER TABLE events DROP COLUMN source_seq; DELETE FROM schema_migrations WHERE version = 14;
      UPDATE tickets SET reopen_count = 0, status = 'resolved'`);
    old.close();
    old = await Warehouse.open(file);
    try {
      const [t] = (await old.db.runAndReadAll(`SELECT status, reopen_count FROM tickets`)).getRowObjectsJson();
      expect(t).toEqual({ status: 'closed', reopen_count: 1 });
      const seq = await old.db.runAndReadAll(`SELECT count(*) FROM events WHERE source_seq IS NULL`);
      expect(Number(seq.getRows()[0]![0])).toBe(6); // older events keep the type-rank order
    } finally {
      old.close();
    }
  });
});
