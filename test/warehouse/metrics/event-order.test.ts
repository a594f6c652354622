import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { agentDays } from '../../../warehouse/metrics/agents.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { ticketEvents } from '../../../warehouse/metrics/ticket-detail.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';

// Issue 16: the ticket timeline and the agent's day ends follow the order derivation follows at one
// instant, (occurred_at, source_seq, type rank, event_id), not the event ids. Here the ids sort the
// other way round: a minute-resolution source resolved, reopened and re-resolved T1 in one minute,
// and handed T2 from a1 to a2 in one minute.
const at = '2026-03-02T10:00:00+01:00';
const ev = (ticket: string, id: string, type: CanonicalEvent['type'], seq: number | null, extra: Partial<CanonicalEvent> = {}): StoredEvent =>
  ({ event_id: id, ticket_id: ticket, type, occurred_at: at, source_seq: seq, team_id: 'support', ...extra });
const EVENTS: StoredEvent[] = [
  ev('T1', 'z-created', 'created', null),
  ev('T1', 'y-assigned', 'assigned', 1, { agent_id: 'a1' }),
  ev('T1', 'c-resolved', 'resolved', 2),
  ev('T1', 'a-reopened', 'reopened', 3),
  ev('T1', 'b-resolved', 'resolved', 4),
  ev('T2', 'z-created', 'created', null),
  ev('T2', 'b-to-a1', 'assigned', 1, { agent_id: 'a1' }),
  ev('T2', 'a-to-a2', 'transferred', 2, { agent_id: 'a2' }),
];
const WEEK: MetricFilter = { from: '2026-03-02', to: '2026-03-08', timezone: 'Europe/Berlin', clock: 'calendar' };

let w: Warehouse;
beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await insertEvents(w.db, EVENTS);
  await deriveTickets(w.db, 'all');
});
afterAll(() => w.close());

describe('events at one instant', () => {
  it('the ticket timeline lists them in the source order derivation follows', async () => {
    const { rows } = await ticketEvents(w.db, WEEK, 'T1');
    expect(rows.map((r) => r.event_id)).toEqual(['z-created', 'y-assigned', 'c-resolved', 'a-reopened', 'b-resolved']);
    // the timeline's last word is the ticket's: resolved
    const [t] = (await w.db.runAndReadAll(`SELECT status, resolved_at IS NOT NULL FROM tickets WHERE ticket_id = 'T1'`)).getRows();
    expect(t).toEqual(['resolved', true]);
  });

  it('the agent holding a ticket at day end is the last one assigned in the source order', async () => {
    const [a1, a2] = [await agentDays(w.db, WEEK, 'a1'), await agentDays(w.db, WEEK, 'a2')];
    const monday = (t: typeof a1) => t.rows.find((r) => r.day === '2026-03-02')!;
    expect(monday(a2).open_at_day_end).toBe(1); // T2, handed over to a2
    expect(monday(a1).open_at_day_end).toBe(0); // T1 is resolved, T2 went to a2
    const [t2] = (await w.db.runAndReadAll(`SELECT agent_id FROM tickets WHERE ticket_id = 'T2'`)).getRows();
    expect(t2).toEqual(['a2']);
  });
});
