import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestShuffled, insertDailyCalendar, insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';

const ev = (id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: id, ticket_id: 'T1', type, occurred_at: at, ...extra });

// Created Friday 17:00 Shanghai, answered Monday 10:00, transferred to another team, resolved,
// reopened, resolved again, rated twice (the last rating counts).
const LIFE: CanonicalEvent[] = [
  ev('e1', 'created', '2026-03-06T17:00:00+08:00', { channel: 'web', team_id: 'returns', problem_type: 'logistics', customer_id: 'c1' }),
  ev('e2', 'replied', '2026-03-06T17:00:05+08:00', { actor: 'system' }),
  ev('e3', 'assigned', '2026-03-06T17:10:00+08:00', { agent_id: 'a1', team_id: 'returns' }),
  ev('e4', 'replied', '2026-03-09T10:00:00+08:00', { actor: 'agent', agent_id: 'a1', handle_seconds: 120 }),
  ev('e5', 'status_changed', '2026-03-09T10:00:01+08:00', { status: 'pending' }),
  ev('e6', 'replied', '2026-03-09T12:00:00+08:00', { actor: 'customer' }),
  ev('e7', 'assigned', '2026-03-09T12:30:00+08:00', { agent_id: 'a2', team_id: 'quality' }),
  ev('e8', 'resolved', '2026-03-09T13:00:00+08:00'),
  ev('e9', 'reopened', '2026-03-09T14:00:00+08:00'),
  ev('e10', 'replied', '2026-03-09T14:30:00+08:00', { actor: 'agent', agent_id: 'a2', handle_seconds: 60 }),
  ev('e11', 'resolved', '2026-03-09T15:00:00+08:00'),
  ev('e12', 'rated', '2026-03-09T16:00:00+08:00', { rating: 2, comment: '太慢了' }),
  ev('e13', 'rated', '2026-03-09T17:00:00+08:00', { rating: 4 }),
];

let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-03-01T00:00:00Z', 20);
});
afterEach(() => w.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

describe('deriveTickets', () => {
  it('derives the lifecycle of one ticket as computed by hand', async () => {
    await insertEvents(w.db, LIFE);
    expect(await deriveTickets(w.db, 'all')).toBe(1);
    const [t] = await rows('FROM tickets');
    expect(t).toMatchObject({
      created_at: '2026-03-06 09:00:00+00',
      first_assigned_at: '2026-03-06 09:10:00+00',
      first_response_at: '2026-03-09 02:00:00+00', // the system reply does not count
      first_response_agent_id: 'a1', first_response_team_id: 'returns',
      first_resolved_at: '2026-03-09 05:00:00+00',
      resolved_at: '2026-03-09 07:00:00+00', // the last resolution
      status: 'resolved', team_id: 'quality', agent_id: 'a2', created_team_id: 'returns',
      reopen_count: 1, transfer_count: 1, agent_reply_count: 2, escalated: false,
      rating: 4, rating_comment: null, handle_seconds: 180, priority: 'normal', event_count: 13,
      // Open 01:00-10:00 UTC daily: Fri 1 h + Sat 9 h + Sun 9 h + Mon 1 h = 20 h; calendar 65 h.
      first_response_seconds: 65 * 3600, first_response_business_seconds: 20 * 3600,
      resolution_seconds: 70 * 3600, resolution_business_seconds: 25 * 3600,
    });
  });

  it('records status spans and reply waits', async () => {
    await insertEvents(w.db, LIFE);
    await deriveTickets(w.db, 'all');
    const spans = await rows('SELECT status, started_at, ended_at, seconds FROM ticket_status_spans ORDER BY started_at');
    expect(spans.map((s) => s.status)).toEqual(['new', 'open', 'pending', 'resolved', 'open', 'resolved']);
    expect(spans[2]).toMatchObject({ started_at: '2026-03-09 02:00:01+00', ended_at: '2026-03-09 05:00:00+00', seconds: 10799 });
    expect(spans[5]).toMatchObject({ ended_at: null, seconds: null });
    const replies = await rows('SELECT event_id, team_id, waiting_since, wait_seconds FROM agent_replies ORDER BY replied_at');
    expect(replies).toEqual([
      { event_id: 'e4', team_id: 'returns', waiting_since: '2026-03-06 09:00:00+00', wait_seconds: 65 * 3600 },
      { event_id: 'e10', team_id: 'quality', waiting_since: '2026-03-09 04:00:00+00', wait_seconds: 2.5 * 3600 },
    ]);
  });

  it('names who sent the first response (the first by event id at a tie), and the migration names the same for older tickets', async () => {
    const tie = [
      ev('f1', 'created', '2026-03-02T09:00:00Z', { team_id: 'returns' }),
      ev('f3', 'replied', '2026-03-02T09:30:00Z', { actor: 'agent', agent_id: 'a3' }),
      ev('f2', 'replied', '2026-03-02T09:30:00Z', { actor: 'agent', agent_id: 'a2' }),
      ev('f4', 'transferred', '2026-03-02T09:40:00Z', { agent_id: 'a4', team_id: 'quality' }),
      ev('f5', 'replied', '2026-03-02T09:50:00Z', { actor: 'agent', agent_id: 'a4' }),
    ].map((e) => ({ ...e, ticket_id: 'T2' }));
    await insertEvents(w.db, [...LIFE, ...tie]);
    await deriveTickets(w.db, 'all');
    const responders = 'SELECT ticket_id, first_response_agent_id, first_response_team_id FROM tickets ORDER BY ticket_id';
    const derived = await rows(responders);
    expect(derived).toEqual([
      { ticket_id: 'T1', first_response_agent_id: 'a1', first_response_team_id: 'returns' },
      { ticket_id: 'T2', first_response_agent_id: 'a2', first_response_team_id: 'returns' },
    ]);
    // Tickets as the version before derived them: without the columns, which the migration adds and fills.
    await w.db.run('ALTER TABLE tickets DROP COLUMN first_response_agent_id; ALTER TABLE tickets DROP COLUMN first_response_team_id');
    await w.db.run(readFileSync(new URL('../../../warehouse/migrations/0009-first-response-agent.sql', import.meta.url), 'utf8'));
    expect(await rows(responders)).toEqual(derived);
  });

  it('sums the time in each working status on the ticket, and the migration sums the same for older tickets', async () => {
    await insertEvents(w.db, LIFE);
    await deriveTickets(w.db, 'all');
    const inStatus = 'SELECT new_seconds, open_seconds, pending_seconds, on_hold_seconds, open_business_seconds FROM tickets';
    const [derived] = await rows(inStatus);
    // new Fri 17:00-17:10; open Fri 17:10 - Mon 10:00:01 and 14:00-15:00 after the reopen; pending
    // Mon 10:00:01 - 13:00; never on hold. Business (01:00-10:00 UTC daily): open 0 h 50 m Fri +
    // 9 h Sat + 9 h Sun + 1 h 00 m 01 s Mon, then the hour 06:00-07:00 UTC.
    expect(derived).toEqual({ new_seconds: 600, open_seconds: 233401 + 3600, pending_seconds: 10799, on_hold_seconds: null,
      open_business_seconds: 50 * 60 + 18 * 3600 + 3601 + 3600 });
    const columns = ['new', 'open', 'pending', 'on_hold'].flatMap((s) => [`${s}_seconds`, `${s}_business_seconds`]);
    await w.db.run(columns.map((c) => `ALTER TABLE tickets DROP COLUMN ${c};`).join(' '));
    await w.db.run(readFileSync(new URL('../../../warehouse/migrations/0010-time-in-status.sql', import.meta.url), 'utf8'));
    expect((await rows(inStatus))[0]).toEqual(derived);
  });

  it('keeps a reopened ticket unresolved and counts each reopen', async () => {
    const events = [
      ev('r1', 'created', '2026-03-02T09:00:00Z'), ev('r2', 'resolved', '2026-03-02T10:00:00Z'),
      ev('r3', 'reopened', '2026-03-02T11:00:00Z'), ev('r4', 'resolved', '2026-03-02T12:00:00Z'),
      ev('r5', 'reopened', '2026-03-02T13:00:00Z'),
    ];
    await insertEvents(w.db, events);
    await deriveTickets(w.db, 'all');
    const [t] = await rows('SELECT status, resolved_at, first_resolved_at, reopen_count, first_response_at FROM tickets');
    expect(t).toEqual({ status: 'open', resolved_at: null, first_resolved_at: '2026-03-02 10:00:00+00', reopen_count: 2, first_response_at: null });
  });

  it('writes the derived rows of a batch in ticket order, whatever order the events came in', async () => {
    // In ticket order, a later re-derivation's delete skips the row groups of other tickets.
    const tickets = ['T9', 'T3', 'T7', 'T1', 'T5'];
    await insertEvents(w.db, tickets.flatMap((t, i) => [
      { ...ev(`${t}-r`, 'replied', `2026-03-02T1${i}:00:00Z`, { actor: 'agent', agent_id: 'a1' }), ticket_id: t },
      { ...ev(`${t}-c`, 'created', `2026-03-02T0${i}:00:00Z`), ticket_id: t },
    ]));
    await deriveTickets(w.db, 'all');
    const sorted = [...tickets].sort();
    for (const table of ['tickets', 'ticket_status_spans', 'agent_replies']) {
      const order = (await rows(`SELECT ticket_id FROM ${table} ORDER BY rowid`)).map((r) => r.ticket_id);
      expect([...new Set(order)], table).toEqual(sorted);
      expect(order, table).toEqual([...order].sort());
    }
  });

  it('recomputes only the tickets it is given', async () => {
    await insertEvents(w.db, [ev('a', 'created', '2026-03-02T09:00:00Z'), { ...ev('b', 'created', '2026-03-02T09:00:00Z'), ticket_id: 'T2' }]);
    await deriveTickets(w.db, 'all');
    await w.db.run("UPDATE tickets SET status = 'marker'");
    await insertEvents(w.db, [ev('c', 'resolved', '2026-03-02T10:00:00Z')]);
    await w.db.run("CREATE TEMP TABLE touched AS SELECT 'T1' AS ticket_id");
    expect(await deriveTickets(w.db, { table: 'touched' })).toBe(1);
    expect(await rows('SELECT ticket_id, status FROM tickets ORDER BY 1')).toEqual([
      { ticket_id: 'T1', status: 'resolved' }, { ticket_id: 'T2', status: 'marker' },
    ]);
  });
});

// Property: any arrival order and any split into batches gives the same derived tables.
const TYPES = ['created', 'assigned', 'replied', 'status_changed', 'transferred', 'escalated', 'resolved', 'reopened', 'closed', 'rated', 'updated'] as const;
const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3'),
  type: fc.constantFrom(...TYPES),
  minute: fc.oneof(fc.integer({ min: 0, max: 6000 }), fc.constantFrom(100, 101)), // many same-minute ties
  seq: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), // the source's order at the instant, if it gives one
  actor: fc.constantFrom('agent', 'customer', 'system'),
  agent: fc.constantFrom('a1', 'a2', null),
  team: fc.constantFrom('returns', 'quality', null),
  status: fc.constantFrom('open', 'pending', 'on_hold'),
  rating: fc.integer({ min: 1, max: 5 }),
});

describe('deriveTickets order independence', () => {
  it('gives identical tables for every order and batching', async () => {
    const snapshot = async () => Promise.all(['tickets', 'ticket_status_spans', 'agent_replies', 'agent_assignments']
      .map((t) => rows(`FROM ${t} ORDER BY ALL`)));
    await fc.assert(fc.asyncProperty(
      fc.array(eventArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 5 }),
      async (specs, shuffleKeys, batches) => {
        const events: StoredEvent[] = specs.map((s, i) => ({
          event_id: `e${i}`, ticket_id: s.ticket, type: s.type,
          occurred_at: new Date(Date.UTC(2026, 2, 6) + s.minute * 60_000).toISOString(),
          actor: s.type === 'replied' ? s.actor as CanonicalEvent['actor'] : null, agent_id: s.agent, team_id: s.team,
          status: s.type === 'status_changed' ? s.status as CanonicalEvent['status'] : null,
          rating: s.type === 'rated' ? s.rating : null, source_seq: s.seq,
        }));
        await emptyFacts(w.db);
        await insertEvents(w.db, events);
        await deriveTickets(w.db, 'all');
        const once = await snapshot();

        await emptyFacts(w.db);
        await ingestShuffled(w.db, events, shuffleKeys, batches);
        expect(await snapshot()).toEqual(once);
        await deriveTickets(w.db, 'all'); // idempotent
        expect(await snapshot()).toEqual(once);
        await deriveTickets(w.db, 'all', 2); // in slices of two tickets, as a large file is
        expect(await snapshot()).toEqual(once);
      }), { numRuns: 25 });
  });
});
