// The SLA clocks of one ticket (sql/ticket-sla.sql) on the people fixture: normal priority has
// 2 h / 8 h business targets (Mon-Fri 09-18 Berlin), billing's high priority 30 min / 2 h calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { ticketEvents, ticketSla } from '../../../warehouse/metrics/ticket-detail.ts';
import { created, ev, peopleWarehouse, EVENTS, WEEK } from './fixtures/people-week.ts';

let w: Warehouse;
beforeAll(async () => {
  w = await peopleWarehouse([
    ...EVENTS,
    // T20: billing, high priority (calendar clock): answered after 40 min, resolved after 1 h.
    created('T20', '2026-03-04T09:00:00+01:00', { team_id: 'billing', priority: 'high' }),
    ev('T20', 'replied', '2026-03-04T09:40:00+01:00', { actor: 'agent', agent_id: 'a2' }),
    ev('T20', 'resolved', '2026-03-04T10:00:00+01:00'),
    // T21: the same policy, answered after 10 min, closed after 1 h without a resolution.
    created('T21', '2026-03-04T09:00:00+01:00', { team_id: 'billing', priority: 'high' }),
    ev('T21', 'replied', '2026-03-04T09:10:00+01:00', { actor: 'agent', agent_id: 'a2' }),
    ev('T21', 'closed', '2026-03-04T10:00:00+01:00'),
  ]);
});
afterAll(() => w.close());

// Monday 09:30 Berlin: T8 (Sunday 20:00) has had 30 business minutes.
const MONDAY = new Date('2026-03-09T08:30:00Z');
const clocks = async (ticket: string) => (await ticketSla(w.db, WEEK, ticket, MONDAY)).rows;

describe('ticketSla', () => {
  it('stopped clocks are met or breached by their business time', async () => {
    expect(await clocks('T4')).toEqual([
      expect.objectContaining({ sla: 'first_response', clock: 'business', target_seconds: 7200, elapsed_seconds: 1800, sla_state: 'met', stopped_at: '2026-03-04T09:30:00+01:00' }),
      expect.objectContaining({ sla: 'resolution', target_seconds: 28800, elapsed_seconds: 3600, sla_state: 'met', stopped_at: '2026-03-04T10:00:00+01:00' }),
    ]);
    // T5: answered after 8 business hours, resolved after 9 (targets 2 h and 8 h)
    expect((await clocks('T5')).map((r) => [r.sla, r.elapsed_seconds, r.sla_state]))
      .toEqual([['first_response', 28800, 'breached'], ['resolution', 32400, 'breached']]);
  });

  it('a team\'s own policy applies whole, with its calendar clock', async () => {
    expect((await clocks('T20')).map((r) => [r.clock, r.target_seconds, r.elapsed_seconds, r.sla_state]))
      .toEqual([['calendar', 1800, 2400, 'breached'], ['calendar', 7200, 3600, 'met']]);
  });

  it('a ticket closed without a resolution has no resolution time to judge, as the SLA figures count it (since measure-macros.sql)', async () => {
    expect((await clocks('T21')).map((r) => [r.sla, r.elapsed_seconds, r.sla_state, r.stopped_at])).toEqual([
      ['first_response', 600, 'met', '2026-03-04T09:10:00+01:00'], ['resolution', null, null, '2026-03-04T10:00:00+01:00']]);
  });

  it('open clocks run in business time until now and say when they breach', async () => {
    expect(await clocks('T8')).toEqual([
      expect.objectContaining({ sla: 'first_response', elapsed_seconds: 1800, sla_state: 'running', due_at: '2026-03-09T11:00:00+01:00', stopped_at: null }),
      expect.objectContaining({ sla: 'resolution', elapsed_seconds: 1800, sla_state: 'running', due_at: '2026-03-09T17:00:00+01:00' }),
    ]);
    // T3, unanswered since Tuesday 09:00: breached while still running
    expect((await clocks('T3')).map((r) => [r.sla, r.sla_state, r.stopped_at])).toEqual([['first_response', 'breached', null], ['resolution', 'breached', null]]);
  });
});

describe('ticketEvents status before and after', () => {
  it('gives each event the derived status around it', async () => {
    const rows = (await ticketEvents(w.db, WEEK, 'T2')).rows;
    const resolvedThenReopened = rows.filter((r) => r.type === 'resolved' || r.type === 'reopened').slice(0, 2);
    expect(resolvedThenReopened.map((r) => [r.type, r.status_before, r.status_after])).toEqual([['resolved', 'open', 'resolved'], ['reopened', 'resolved', 'open']]);
    expect(rows[0]).toMatchObject({ type: 'created', status_before: null, status_after: 'new' });
  });
});
