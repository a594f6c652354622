import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { liveAgentStates, liveBreaching, liveOpen, liveWaiting, liveWaitingRows } from '../../../warehouse/metrics/live.ts';
import { queryRows } from '../../../warehouse/metrics/metric-sql.ts';
import { assign, created, ev, peopleWarehouse, reply, WEEK } from './fixtures/people-week.ts';

// Now: Monday 2026-03-09 10:30 Berlin. Calendar Mon-Fri 09:00-18:00. Policies: normal 2 h / 8 h and
// high 1 h / 4 h in business time; billing's high 30 min / 2 h in calendar time.
const NOW = new Date('2026-03-09T09:30:00Z');
const EVENTS = [
  // Tuesday's ticket held by a1, never answered: long breached, so never "within the hour".
  created('T3', '2026-03-03T09:00:00+01:00', {}), assign('T3', '2026-03-03T09:00:00+01:00', 'a1'),
  // Sunday 20:00, nobody: 1.5 business hours by now, the 2 h first response target falls at 11:00.
  created('T8', '2026-03-08T20:00:00+01:00', {}),
  // 09:45 high, unassigned: 45 business minutes, the 1 h target falls at 10:45.
  created('L1', '2026-03-09T09:45:00+01:00', { priority: 'high' }),
  // 10:10 high in billing: its own 30 min calendar target falls at 10:40.
  created('L2', '2026-03-09T10:10:00+01:00', { priority: 'high', team_id: 'billing' }),
  // Friday 17:30, answered by a4: 2 of 8 business hours of resolution used by now; not within the hour.
  created('L3', '2026-03-06T17:30:00+01:00', {}), assign('L3', '2026-03-06T17:31:00+01:00', 'a4'), reply('L3', '2026-03-06T17:40:00+01:00', 'a4'),
  // Friday 12:00, answered: 6 h Friday + 1.5 h Monday = 7.5 business hours; the 8 h target falls at 11:00
  // (in calendar time it would have been breached on Friday night).
  created('L4', '2026-03-06T12:00:00+01:00', {}), assign('L4', '2026-03-06T12:00:00+01:00', 'a4'), reply('L4', '2026-03-06T12:10:00+01:00', 'a4'),
  // Resolved before now, and created after now: neither is open now.
  created('L5', '2026-03-09T09:00:00+01:00', { priority: 'high' }), ev('L5', 'resolved', '2026-03-09T09:10:00+01:00'),
  created('L6', '2026-03-09T11:00:00+01:00', { priority: 'high' }),
  // Agents seen in the hour before now: a4 notes on L4 (it holds L3 and L4), a5 on the resolved L5 (holds nothing).
  ev('L4', 'commented', '2026-03-09T10:00:00+01:00', { actor: 'agent', agent_id: 'a4' }),
  ev('L5', 'commented', '2026-03-09T10:15:00+01:00', { actor: 'agent', agent_id: 'a5' }),
];

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(EVENTS); });
afterAll(() => w.close());

describe('liveOpen', () => {
  it('counts open, unassigned and unanswered tickets per team and age at now', async () => {
    const t = await liveOpen(w.db, WEEK, { now: NOW });
    expect(t.rows).toEqual([
      { team: 'billing', age_bucket: '<1h', open: 1, unassigned: 1, unanswered: 1 },
      { team: 'support', age_bucket: '<1h', open: 1, unassigned: 1, unanswered: 1 },
      { team: 'support', age_bucket: '8-24h', open: 1, unassigned: 1, unanswered: 1 },
      { team: 'support', age_bucket: '1-3d', open: 2, unassigned: 0, unanswered: 0 },
      { team: 'support', age_bucket: '3-7d', open: 1, unassigned: 0, unanswered: 1 },
    ]);
  });

  it('counts per agent, and only the caller\'s teams', async () => {
    const t = await liveOpen(w.db, WEEK, { now: NOW, byAgent: true });
    expect(t.rows).toEqual([
      { agent: 'a1', age_bucket: '3-7d', open: 1, unanswered: 1 },
      { agent: 'a4', age_bucket: '1-3d', open: 2, unanswered: 0 },
    ]);
    const billing = await liveOpen(w.db, { ...WEEK, scopeTeams: ['billing'] }, { now: NOW });
    expect(billing.rows.map((r) => [r.team, r.open])).toEqual([['billing', 1]]);
  });
});

describe('liveWaiting', () => {
  it('lists the open unanswered tickets, longest waiting first, and counts them all', async () => {
    const t = await liveWaiting(w.db, WEEK, { now: NOW, limit: 3 });
    expect(t.rows.map((r) => [r.ticket_id, r.team, r.agent, r.waiting_seconds])).toEqual([
      ['T3', 'support', 'a1', 6 * 86400 + 5400], ['T8', 'support', null, 14.5 * 3600], ['L1', 'support', null, 45 * 60]]);
    expect(t.rows[0]!.created_at).toBe('2026-03-03T09:00:00+01:00');
    // as many as the live table's unanswered (T3, T8, L1 and billing's L2)
    expect(t.total).toBe(4);
    const billing = await liveWaiting(w.db, { ...WEEK, scopeTeams: ['billing'] }, { now: NOW });
    expect([billing.rows.map((r) => r.ticket_id), billing.total]).toEqual([['L2'], 1]);
  });

  it('exports every waiting ticket in the same order (liveWaitingRows)', async () => {
    const { sql, params, columns } = liveWaitingRows(WEEK, { now: NOW });
    const rows = await queryRows(w.db, sql, params);
    expect(rows.map((r) => r.ticket_id)).toEqual(['T3', 'T8', 'L1', 'L2']);
    expect(Object.keys(rows[0]!)).toEqual(columns.map((c) => c.key));
  });
});

describe('liveAgentStates', () => {
  it('calls an agent busy, idle or away from the hour before now and the open tickets they hold', async () => {
    const t = await liveAgentStates(w.db, WEEK, { now: NOW });
    expect(t.rows).toEqual([
      { team: 'support', agent: 'a1', agent_state: 'away', open: 1, unanswered: 1, last_active_at: null },
      { team: 'support', agent: 'a4', agent_state: 'busy', open: 2, unanswered: 0, last_active_at: '2026-03-09T10:00:00+01:00' },
      { team: 'support', agent: 'a5', agent_state: 'idle', open: 0, unanswered: 0, last_active_at: '2026-03-09T10:15:00+01:00' },
    ]);
    // an hour and a half later nobody has acted within the hour
    const later = await liveAgentStates(w.db, WEEK, { now: new Date('2026-03-09T11:00:00Z') });
    expect(later.rows.map((r) => [r.agent, r.agent_state])).toEqual([['a1', 'away'], ['a4', 'away']]);
  });

  it('keeps to the caller\'s teams', async () => {
    expect((await liveAgentStates(w.db, { ...WEEK, scopeTeams: ['billing'] }, { now: NOW })).rows).toEqual([]);
  });

  it('says who is online is unknown when the data has no agent event at all, not when nobody acted in the hour', async () => {
    expect((await liveAgentStates(w.db, WEEK, { now: NOW })).agentStates).toEqual({ unavailable: null });
    // nobody within the hour is a real 0 online
    expect((await liveAgentStates(w.db, WEEK, { now: new Date('2026-03-09T11:00:00Z') })).agentStates).toEqual({ unavailable: null });
    const statusOnly = await peopleWarehouse(EVENTS.filter((e) => e.actor !== 'agent'));
    try {
      const t = await liveAgentStates(statusOnly.db, WEEK, { now: NOW });
      expect(t.agentStates).toEqual({ unavailable: 'no_agent_events' });
      // the agents holding tickets are still listed (all away: never seen)
      expect(t.rows.map((r) => r.agent_state)).toEqual(['away', 'away']);
    } finally {
      statusOnly.close();
    }
  });
});

describe('liveBreaching', () => {
  it('lists the targets breached within the next hour, soonest first, in each policy\'s clock', async () => {
    const t = await liveBreaching(w.db, WEEK, { now: NOW });
    expect(t.rows.map((r) => [r.ticket_id, r.sla, r.clock, r.due_at, r.remaining_seconds])).toEqual([
      ['L2', 'first_response', 'calendar', '2026-03-09T10:40:00+01:00', 600],
      ['L1', 'first_response', 'business', '2026-03-09T10:45:00+01:00', 900],
      ['L4', 'resolution', 'business', '2026-03-09T11:00:00+01:00', 1800],
      ['T8', 'first_response', 'business', '2026-03-09T11:00:00+01:00', 1800],
    ]);
    expect(t.rows[0]).toMatchObject({ team: 'billing', agent: null, priority: 'high', target_seconds: 1800 });
  });

  it('depends only on now: an hour later other targets are due', async () => {
    const later = await liveBreaching(w.db, WEEK, { now: new Date('2026-03-09T10:30:00Z') });
    // 11:30: L6 (created 11:00, high, 1 h) falls at 12:00, L2's 2 h calendar resolution at 12:10;
    // L1's 4 business hours of resolution at 13:45 are too far.
    expect(later.rows.map((r) => [r.ticket_id, r.sla, r.due_at])).toEqual([
      ['L6', 'first_response', '2026-03-09T12:00:00+01:00'], ['L2', 'resolution', '2026-03-09T12:10:00+01:00']]);
  });

  it('keeps to the caller\'s teams and to the filters', async () => {
    expect((await liveBreaching(w.db, { ...WEEK, scopeTeams: ['billing'] }, { now: NOW })).rows.map((r) => r.ticket_id)).toEqual(['L2']);
    expect((await liveBreaching(w.db, { ...WEEK, values: { priority: ['low'] } }, { now: NOW })).rows).toEqual([]);
  });
});
