import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { agentTickets } from '../../../warehouse/metrics/agent-tickets.ts';
import { ticketAccess, ticketDetail, ticketEvents } from '../../../warehouse/metrics/ticket-detail.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import { agentDays, agents } from '../../../warehouse/metrics/agents.ts';
import { peopleWarehouse, WEEK } from './fixtures/people-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(); });
afterAll(() => w.close());

const ids = (t: { rows: Record<string, unknown>[] }) => t.rows.map((r) => r.ticket_id);

describe('agentTickets', () => {
  it('lists the tickets assigned to the agent in the range, newest assignment first by default', async () => {
    const t = await agentTickets(w.db, WEEK, 'a1');
    expect(ids(t)).toEqual(['T3', 'T2', 'T1']); // T6 was assigned the week before
    expect(t.total).toBe(3);
    const { rows } = await agents(w.db, WEEK);
    expect(rows.find((r) => r.agent === 'a1')!.assigned).toBe(t.total); // the drill-down matches the count
    expect(t.rows[1]).toMatchObject({ ticket_id: 'T2', assigned_at: '2026-03-02T10:05:00+01:00', created_at: '2026-03-02T10:00:00+01:00',
      team: 'billing', current_agent: 'a2', reopen_count: 2, transfer_count: 1, rating: 4, first_response_seconds: 5400 });
  });

  it('sorts by a declared column in either direction and pages without overlap', async () => {
    const asc = { sort: 'created_at', order: 'asc' } as const;
    expect(ids(await agentTickets(w.db, WEEK, 'a1', asc))).toEqual(['T1', 'T2', 'T3']);
    expect(ids(await agentTickets(w.db, WEEK, 'a1', { ...asc, pageSize: 2 }))).toEqual(['T1', 'T2']);
    const second = await agentTickets(w.db, WEEK, 'a1', { ...asc, pageSize: 2, page: 2 });
    expect(ids(second)).toEqual(['T3']);
    expect(second.total).toBe(3);
    const past = await agentTickets(w.db, WEEK, 'a1', { ...asc, pageSize: 2, page: 3 });
    expect([past.rows.length, past.total]).toEqual([0, 3]);
    // Nulls last both ways: T3 has no first response.
    expect(ids(await agentTickets(w.db, WEEK, 'a1', { sort: 'first_response_seconds', order: 'desc' }))).toEqual(['T2', 'T1', 'T3']);
    expect(ids(await agentTickets(w.db, WEEK, 'a1', { sort: 'first_response_seconds', order: 'asc' }))).toEqual(['T1', 'T2', 'T3']);
  });

  it('refuses an undeclared sort column or a bad page, naming the field', async () => {
    const err = await agentTickets(w.db, WEEK, 'a1', { sort: 'created_at; DROP TABLE tickets' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FilterError);
    expect((err as FilterError).field).toBe('sort');
    expect(((await agentTickets(w.db, WEEK, 'a1', { page: 0 }).catch((e: unknown) => e)) as FilterError).field).toBe('page');
    expect(((await agentTickets(w.db, WEEK, 'a1', { pageSize: 501 }).catch((e: unknown) => e)) as FilterError).field).toBe('page_size');
  });

  it('lists only tickets now in the caller\'s teams, and nothing for filters that match nothing', async () => {
    const t = await agentTickets(w.db, { ...WEEK, scopeTeams: ['support'] }, 'a1');
    expect([ids(t), t.total]).toEqual([['T3', 'T1'], 2]); // T2 moved to billing
    expect((await agentTickets(w.db, { ...WEEK, values: { problem_type: ['none'] } }, 'a1')).total).toBe(0);
  });
});

describe('ticketDetail', () => {
  it('gives the derived ticket and its events in order', async () => {
    const t = await ticketDetail(w.db, WEEK, 'T2');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]).toMatchObject({ ticket_id: 'T2', status: 'resolved', team: 'billing', current_agent: 'a2',
      reopen_count: 2, rating: 4, comment: null, resolution_seconds: 27 * 3600, resolved_at: '2026-03-03T13:00:00+01:00' });
    const events = await ticketEvents(w.db, WEEK, 'T2');
    expect(events.rows.map((r) => r.type)).toEqual(['created', 'assigned', 'commented', 'transferred', 'replied',
      'resolved', 'reopened', 'resolved', 'reopened', 'resolved', 'rated', 'rated']);
    expect(events.rows[10]).toMatchObject({ rating: 2, comment: '一般', occurred_at: '2026-03-03T14:00:00+01:00' });
  });

  it('tells whether a caller may see a ticket by its team now', async () => {
    expect(await ticketAccess(w.db, 'T2', null)).toBe('visible');
    expect(await ticketAccess(w.db, 'T2', ['billing'])).toBe('visible');
    expect(await ticketAccess(w.db, 'T2', ['support'])).toBe('forbidden');
    expect(await ticketAccess(w.db, 'nope', null)).toBe('unknown');
  });
});

describe('agentDays and agentTickets on an agent without work', () => {
  it('answers zeros and an empty list', async () => {
    const days = await agentDays(w.db, WEEK, 'nobody');
    expect(days.rows.every((r) => r.assigned === 0 && r.open_at_day_end === 0)).toBe(true);
    expect((await agentTickets(w.db, WEEK, 'nobody')).total).toBe(0);
  });
});
