// The agents table from the agents' day rollup (migrations/0034) against the same table from the
// facts: every row equal, unfiltered and within one team, after batches in any order, across a DST
// change and reassignments; the distinct tickets of a range worked out by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { agentDays, agents } from '../../../warehouse/metrics/agents.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { keepDailyRollup } from '../../../warehouse/rollups/daily-rollup.ts';
import { keepAgentRollup } from '../../../warehouse/rollups/agent-rollup-tickets.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestInBatches, ingestShuffled, insertDailyCalendar, insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';
import { EVENTS, WEEK, peopleWarehouse } from '../metrics/fixtures/people-week.ts';

const BERLIN = 'Europe/Berlin';

/**
 * The agents table from the rollup, after checking it answered and that the facts give the same rows,
 * and so each agent's days.
 */
async function fromRollup(w: Warehouse, filter: MetricFilter): Promise<Record<string, Record<string, unknown>>> {
  const label = JSON.stringify(filter);
  const [rollup, facts] = [await agents(w.db, filter, { rollup: true }), await agents(w.db, filter)];
  expect([rollup.source, facts.source], label).toEqual(['rollup', 'facts']);
  expect(rollup.rows, label).toEqual(facts.rows);
  expect(rollup.firstResponse, label).toEqual(facts.firstResponse);
  for (const { agent } of rollup.rows) {
    const [days, exact] = [await agentDays(w.db, filter, String(agent), { rollup: true }), await agentDays(w.db, filter, String(agent))];
    expect([days.source, exact.source], `${label} ${String(agent)}`).toEqual(['rollup', 'facts']);
    expect(days.rows, `${label} ${String(agent)}`).toEqual(exact.rows);
  }
  return Object.fromEntries(rollup.rows.map((r) => [r.agent, r]));
}

describe('agents from the day rollup, on the people week', () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await peopleWarehouse();
    await keepDailyRollup(w.db, BERLIN); // built whole, as serve does
  });
  afterEach(() => w.close());

  it('gives the facts\' rows for every range, clock and team scope', async () => {
    const ranges = [WEEK, { ...WEEK, from: '2026-02-23' }, { ...WEEK, from: '2026-03-03', to: '2026-03-03' }, { ...WEEK, from: '2026-03-08' }];
    for (const range of ranges) {
      for (const scopeTeams of [null, ['support'], ['billing'], []]) await fromRollup(w, { ...range, scopeTeams });
    }
    await fromRollup(w, { ...WEEK, clock: 'business' });
    // as agents.test.ts works them out by hand
    expect((await fromRollup(w, WEEK)).a1).toMatchObject({ team: 'support', assigned: 3, resolved: 1, replies: 1, handle_seconds: 130, open_now: 1 });
    expect(Object.keys(await fromRollup(w, { ...WEEK, scopeTeams: ['billing'] }))).toEqual(['a2', 'a5']);
  });

  it('answers from the facts what it cannot hold: a filter, two teams, another zone, or exact asked', async () => {
    for (const filter of [{ ...WEEK, values: { channel: ['web'] } }, { ...WEEK, scopeTeams: ['support', 'billing'] }, { ...WEEK, timezone: 'UTC' }]) {
      expect((await agents(w.db, filter, { rollup: true })).source, JSON.stringify(filter)).toBe('facts');
    }
    expect((await agents(w.db, WEEK)).source).toBe('facts');
    expect((await agentDays(w.db, { ...WEEK, values: { channel: ['web'] } }, 'a1', { rollup: true })).source).toBe('facts');
    expect((await agentDays(w.db, { ...WEEK, values: { agent: ['a2'] } }, 'a1', { rollup: true })).source).toBe('rollup'); // the path's agent
  });

  it('follows a later batch that reassigns a ticket and adds work on another day', async () => {
    await insertEvents(w.db, [
      { event_id: 'x1', ticket_id: 'T3', type: 'transferred', occurred_at: '2026-03-05T10:00:00+01:00', agent_id: 'a2', team_id: 'billing' },
      { event_id: 'x2', ticket_id: 'T3', type: 'commented', occurred_at: '2026-03-06T10:00:00+01:00', actor: 'agent', agent_id: 'a2', handle_seconds: 40 },
    ]);
    await w.db.run(`CREATE OR REPLACE TEMP TABLE touched AS SELECT 'T3' AS ticket_id`);
    await deriveTickets(w.db, { table: 'touched' });
    const a = await fromRollup(w, WEEK);
    expect(a.a1).toMatchObject({ open_now: 0, assigned: 3 });
    expect(a.a2).toMatchObject({ assigned: 2, handle_seconds: 240, open_now: 1 });
  });
});

describe('distinct tickets over days and teams, by hand', () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(':memory:');
    await keepDailyRollup(w.db, BERLIN);
  });
  afterEach(() => w.close());

  it('counts a ticket once over a range, once on each day, and once in each team', async () => {
    const ev = (id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent>): CanonicalEvent =>
      ({ event_id: id, ticket_id: 'X', type, occurred_at: at, ...extra });
    // X: created and assigned to a1 in t1 late on Monday; a1 comments after midnight (60 s, still t1);
    // transferred to t2 keeping a1 on Tuesday; a1 replies on Wednesday (100 s, t2).
    await ingestInBatches(w.db, [
      ev('1', 'created', '2026-03-02T23:30:00+01:00', { agent_id: 'a1', team_id: 't1' }),
      ev('2', 'commented', '2026-03-03T00:30:00+01:00', { actor: 'agent', agent_id: 'a1', handle_seconds: 60 }),
      ev('3', 'transferred', '2026-03-03T10:00:00+01:00', { agent_id: 'a1', team_id: 't2' }),
      ev('4', 'replied', '2026-03-04T09:00:00+01:00', { actor: 'agent', agent_id: 'a1', handle_seconds: 100 }),
    ], 4);
    const range = { from: '2026-03-02', to: '2026-03-04', timezone: BERLIN };
    expect((await fromRollup(w, range)).a1).toMatchObject({ team: 't2', assigned: 1, handle_seconds: 160, aht_seconds: 160, replies: 1 });
    expect((await agentDays(w.db, range, 'a1', { rollup: true })).rows.map((r) => [r.day, r.assigned, r.handle_seconds, r.aht_seconds, r.open_at_day_end]))
      .toEqual([['2026-03-02', 1, 0, null, 1], ['2026-03-03', 1, 60, 60, 1], ['2026-03-04', 0, 100, 100, 1]]);
    expect((await fromRollup(w, { ...range, from: '2026-03-03', to: '2026-03-03' })).a1).toMatchObject({ assigned: 1, handle_seconds: 60, aht_seconds: 60 });
    expect((await fromRollup(w, { ...range, from: '2026-03-04' })).a1).toMatchObject({ assigned: 0, handle_seconds: 100, aht_seconds: 100 });
    expect((await fromRollup(w, { ...range, scopeTeams: ['t1'] })).a1).toMatchObject({ team: 't1', assigned: 1, handle_seconds: 60, aht_seconds: 60 });
    expect((await fromRollup(w, { ...range, scopeTeams: ['t2'] })).a1).toMatchObject({ team: 't2', assigned: 1, handle_seconds: 100, aht_seconds: 100 });
  });
});

describe('a later batch changing what a ticket\'s facts were, kept by ticket', () => {
  let w: Warehouse;
  const ev = (id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent>): CanonicalEvent =>
    ({ event_id: id, ticket_id: 'X', type, occurred_at: at, ...extra });
  const range = { from: '2026-03-02', to: '2026-03-04', timezone: BERLIN };
  const rows = async () => (await w.db.runAndReadAll(`SELECT strftime(day, '%m-%d'), agent_id, team_id, strftime(last_at, '%d %H:%M'), resolved, first_resolved, handle_seconds
    FROM agent_days ORDER BY ALL`)).getRowsJS();
  const derive = async () => {
    await w.db.run(`CREATE OR REPLACE TEMP TABLE touched AS SELECT 'X' AS ticket_id`);
    await deriveTickets(w.db, { table: 'touched' });
  };
  beforeEach(async () => {
    w = await Warehouse.open(':memory:');
    await keepDailyRollup(w.db, 'UTC');
    // X: created and assigned to a1 in t1 on Monday 10:00 (UTC), a1 comments at 12:00 (60 s) and
    // resolves it on Monday 13:00 (the ticket's agent and team then: a1, t1)
    await ingestInBatches(w.db, [
      ev('1', 'created', '2026-03-02T10:00:00Z', { agent_id: 'a1', team_id: 't1' }),
      ev('2', 'commented', '2026-03-02T12:00:00Z', { actor: 'agent', agent_id: 'a1', handle_seconds: 60 }),
      ev('3', 'resolved', '2026-03-02T13:00:00Z', {}),
    ], 1);
    expect(await rows()).toEqual([['03-02', 'a1', 't1', '02 13:00', 1n, 1n, 60]]);
  });
  afterEach(() => w.close());

  it('moves the latest fact to another team and the resolution to another day', async () => {
    // a transfer to t2 at 11:00 arrives late: the comment after it is t2's; reopened and resolved on Tuesday
    await insertEvents(w.db, [
      ev('4', 'transferred', '2026-03-02T11:00:00Z', { agent_id: 'a1', team_id: 't2' }),
      ev('5', 'reopened', '2026-03-03T09:00:00Z', {}),
      ev('6', 'resolved', '2026-03-03T10:00:00Z', {}),
    ]);
    await derive();
    // t1's Monday keeps the creation alone: its latest fact moves back to 10:00, no handle time left;
    // the first resolution (Monday 13:00) and the last (Tuesday) count for the ticket's team now
    expect(await rows()).toEqual([
      ['03-02', 'a1', 't1', '02 10:00', 0n, 0n, null], ['03-02', 'a1', 't2', '02 13:00', 0n, 1n, 60], ['03-03', 'a1', 't2', '03 10:00', 1n, 0n, null]]);
    expect((await fromRollup(w, { ...range, timezone: 'UTC' })).a1).toMatchObject({ team: 't2', assigned: 1, resolved: 1, handle_seconds: 60 });
    expect((await fromRollup(w, { ...range, timezone: 'UTC', scopeTeams: ['t1'] })).a1).toMatchObject({ assigned: 1, resolved: 0, handle_seconds: 0 });
  });

  it('drops an agent\'s rows once the events naming the agent are gone', async () => {
    // the history of X is sent again (ingest/mapping/history.ts): a2 created it, a1 never was on it
    await w.db.run(`DELETE FROM events WHERE event_id IN ('1', '2')`);
    await insertEvents(w.db, [ev('1b', 'created', '2026-03-02T10:00:00Z', { agent_id: 'a2', team_id: 't1' })]);
    await derive();
    expect(await rows()).toEqual([['03-02', 'a2', 't1', '02 13:00', 1n, 1n, null]]);
    expect(Object.keys(await fromRollup(w, { ...range, timezone: 'UTC' }))).toEqual(['a2']);
    expect((await w.db.runAndReadAll(`SELECT DISTINCT agent_id FROM agent_ticket_days UNION ALL SELECT DISTINCT agent_id FROM agent_day_tickets`)).getRowsJS())
      .toEqual([['a2'], ['a2']]);
  });
});

// Four tickets, two agents, two teams, over six days around Berlin's DST change (2026-03-29):
// assignments, transfers, replies and comments with handle time, resolutions, reopenings, ratings.
const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4'),
  type: fc.constantFrom('created', 'assigned', 'transferred', 'replied', 'commented', 'resolved', 'reopened', 'rated', 'closed'),
  agent: fc.constantFrom('a1', 'a2', null),
  team: fc.constantFrom('t1', 't2', null),
  minute: fc.integer({ min: 0, max: 6 * 24 * 60 }), // 2026-03-26 .. 04-01 UTC
  handle: fc.constantFrom(null, 30, 45.5, 600),
  rating: fc.integer({ min: 1, max: 5 }),
});
const RANGES = [{ from: '2026-03-28', to: '2026-03-29' }, { from: '2026-03-26', to: '2026-04-01' }, { from: '2026-03-30', to: '2026-03-30' }];
const TABLES = ['agent_days', 'agent_ticket_days', 'agent_day_tickets', 'agent_ticket_shares'];

describe('the agents\' day rollup after batches in any order', () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(':memory:');
    await insertDailyCalendar(w.db, 'default', '2026-03-20T00:00:00Z', 20);
  });
  afterEach(() => w.close());

  for (const zone of [BERLIN, 'Asia/Shanghai']) {
    it(`in ${zone}: equals the facts for every range and team scope, and the rollup built whole`, async () => {
      const snapshot = () => Promise.all(TABLES.map(async (t) => (await w.db.runAndReadAll(`FROM ${t} ORDER BY ALL`)).getRowObjectsJson()));
      await fc.assert(fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 5 }),
        async (specs, shuffleKeys, batches) => {
          await emptyFacts(w.db);
          await w.db.run(`DELETE FROM settings WHERE key LIKE 'rollup_%'`);
          await keepDailyRollup(w.db, zone); // empties every day rollup
          const events: StoredEvent[] = specs.map((s, i) => ({
            event_id: `e${i}`, ticket_id: s.ticket, type: s.type, occurred_at: new Date(Date.UTC(2026, 2, 26) + s.minute * 60_000).toISOString(),
            agent_id: s.agent, team_id: s.team, actor: s.type === 'replied' || s.type === 'commented' ? 'agent' : null,
            handle_seconds: s.type === 'replied' || s.type === 'commented' || s.type === 'assigned' ? s.handle : null,
            rating: s.type === 'rated' ? s.rating : null,
          }));
          await ingestShuffled(w.db, events, shuffleKeys, batches);
          for (const range of RANGES) {
            for (const scopeTeams of [null, ['t1'], ['t2']]) await fromRollup(w, { ...range, timezone: zone, clock: 'calendar', scopeTeams });
          }
          const kept = await snapshot();
          // some tickets' rows rewritten from their unchanged facts, through copies of their rows or not
          await w.db.run(`CREATE OR REPLACE TEMP TABLE rekept AS SELECT unnest(['T1', 'T3']) AS ticket_id`);
          for (const copyUpTo of [0, 10]) {
            await keepAgentRollup(w.db, zone, 'rekept', copyUpTo);
            expect(await snapshot()).toEqual(kept);
          }
          await deriveTickets(w.db, 'all', 2); // in slices of two tickets, the rollup kept once for all
          expect(await snapshot()).toEqual(kept);
          await keepDailyRollup(w.db, 'UTC');
          await keepDailyRollup(w.db, zone);
          expect(await snapshot()).toEqual(kept);
        }), { numRuns: 8 });
    }, 300_000);
  }
});
