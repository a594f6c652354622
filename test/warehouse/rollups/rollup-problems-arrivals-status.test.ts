import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { keepDailyRollup } from '../../../warehouse/rollups/daily-rollup.ts';
import { problems } from '../../../warehouse/metrics/problems.ts';
import { arrivalHeatmap, statusTimes } from '../../../warehouse/metrics/distributions.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestInBatches, ingestShuffled, insertDailyCalendar, insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';

const TABLES = ['daily_problems', 'daily_arrivals', 'daily_status_durations', 'monthly_status_durations'];
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-02-20T00:00:00Z', 60);
});
afterEach(() => w.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
const snapshot = () => Promise.all(TABLES.map((t) => rows(`FROM ${t} ORDER BY ALL`)));

const ev = (ticket: string, id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: `${ticket}${id}`, ticket_id: ticket, type, occurred_at: at, ...extra });
const refund = { customer_id: 'c1', problem_type: 'billing', problem_subtype: 'refund' } as const;

// A (c1, billing/refund) is followed by B two days later: a repeat contact; B by C twelve days later
// (another subtype, the same type): not one. D has no customer, E no type: neither measured.
// A was first resolved on the 6th and reopened, B on the 8th (after 10 min new, 30 min open, 10 h
// pending, 8 h 20 min of it in business hours). D and E fall on both sides of a local midnight.
const FIXTURE: CanonicalEvent[] = [
  ev('A', '1', 'created', '2026-03-06T09:00:00+08:00', refund), ev('A', '2', 'resolved', '2026-03-06T10:00:00+08:00'),
  ev('A', '3', 'reopened', '2026-03-06T11:00:00+08:00'), ev('A', '4', 'resolved', '2026-03-06T12:00:00+08:00'),
  ev('B', '1', 'created', '2026-03-08T09:00:00+08:00', refund), ev('B', '2', 'status_changed', '2026-03-08T09:10:00+08:00', { status: 'open' }),
  ev('B', '3', 'status_changed', '2026-03-08T09:40:00+08:00', { status: 'pending' }), ev('B', '4', 'resolved', '2026-03-08T19:40:00+08:00'),
  ev('C', '1', 'created', '2026-03-20T09:00:00+08:00', { ...refund, problem_subtype: 'invoice' }),
  ev('D', '1', 'created', '2026-03-06T23:30:00+08:00', { ...refund, customer_id: null }),
  ev('E', '1', 'created', '2026-03-07T00:10:00+08:00', { customer_id: 'c2' }),
];

describe('daily rollup of problems, arrivals and status times', () => {
  it('counts each local day as computed by hand', async () => {
    await keepDailyRollup(w.db, 'Asia/Shanghai');
    await insertEvents(w.db, FIXTURE);
    await deriveTickets(w.db, 'all');
    expect(await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, problem_type, problem_subtype, created, repeat_measured, repeated, first_resolved, reopened
      FROM daily_problems ORDER BY ALL`)).toEqual([
      { day: '2026-03-06', problem_type: 'billing', problem_subtype: 'refund', created: '2', repeat_measured: '1', repeated: '1', first_resolved: '1', reopened: '1' },
      { day: '2026-03-07', problem_type: null, problem_subtype: null, created: '1', repeat_measured: '0', repeated: '0', first_resolved: '0', reopened: '0' },
      { day: '2026-03-08', problem_type: 'billing', problem_subtype: 'refund', created: '1', repeat_measured: '1', repeated: '0', first_resolved: '1', reopened: '0' },
      { day: '2026-03-20', problem_type: 'billing', problem_subtype: 'invoice', created: '1', repeat_measured: '1', repeated: '0', first_resolved: '0', reopened: '0' },
    ]);
    expect(await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, hour, created FROM daily_arrivals ORDER BY ALL`)).toEqual([
      { day: '2026-03-06', hour: 9, created: '1' }, { day: '2026-03-06', hour: 23, created: '1' }, { day: '2026-03-07', hour: 0, created: '1' },
      { day: '2026-03-08', hour: 9, created: '1' }, { day: '2026-03-20', hour: 9, created: '1' },
    ]);
    expect(await rows(`SELECT measure, business, n, seconds FROM daily_status_durations WHERE day = '2026-03-08' ORDER BY ALL`)).toEqual([
      { measure: 'new', business: false, n: '1', seconds: 600 }, { measure: 'new', business: true, n: '1', seconds: 600 },
      { measure: 'open', business: false, n: '1', seconds: 1800 }, { measure: 'open', business: true, n: '1', seconds: 1800 },
      { measure: 'pending', business: false, n: '1', seconds: 36000 }, { measure: 'pending', business: true, n: '1', seconds: 30000 },
      { measure: 'requester_wait', business: false, n: '1', seconds: 2400 }, { measure: 'requester_wait', business: true, n: '1', seconds: 2400 },
    ]);
    // March's status buckets are its days' summed
    expect(await rows(`SELECT measure, business, sign, bucket, n, seconds FROM monthly_status_durations ORDER BY ALL`))
      .toEqual(await rows(`SELECT measure, business, sign, bucket, sum(n)::BIGINT AS n, sum(seconds) AS seconds FROM daily_status_durations GROUP BY ALL ORDER BY ALL`));
  });

  it('counts a ticket again as a repeat contact when a later batch brings its customer\'s next one', async () => {
    await keepDailyRollup(w.db, 'Asia/Shanghai');
    await insertEvents(w.db, FIXTURE.filter((e) => e.ticket_id !== 'C'));
    await deriveTickets(w.db, 'all');
    // C arrives a day after B (7 local days after A's ticket would too): B is now a repeat contact
    await ingestInBatches(w.db, [ev('C', '1', 'created', '2026-03-09T08:00:00+08:00', refund)], 1);
    expect(await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, repeated FROM daily_problems WHERE problem_type = 'billing' ORDER BY ALL`))
      .toEqual([{ day: '2026-03-06', repeated: '1' }, { day: '2026-03-08', repeated: '1' }, { day: '2026-03-09', repeated: '0' }]);
  });

  it('answers when the filter allows, from the tickets otherwise', async () => {
    await keepDailyRollup(w.db, 'Asia/Shanghai');
    await insertEvents(w.db, FIXTURE);
    await deriveTickets(w.db, 'all');
    const range: MetricFilter = { from: '2026-03-06', to: '2026-03-20', timezone: 'Asia/Shanghai' };
    for (const compute of [(f: MetricFilter, rollup: boolean) => problems(w.db, f, { rollup }),
      (f: MetricFilter, rollup: boolean) => arrivalHeatmap(w.db, f, { rollup }), (f: MetricFilter, rollup: boolean) => statusTimes(w.db, f, { rollup })]) {
      expect((await compute(range, true)).source).toBe('rollup');
      expect((await compute(range, false)).source).toBe('facts');
      expect((await compute({ ...range, values: { channel: ['web'] } }, true)).source).toBe('facts');
      expect((await compute({ ...range, scopeTeams: ['returns'] }, true)).source).toBe('facts');
      expect((await compute({ ...range, timezone: 'UTC' }, true)).source).toBe('facts');
    }
    const pareto = (await problems(w.db, range, { rollup: true })).rows;
    expect(pareto.map((r) => [r.problem_type, r.tickets, r.reopen_rate, r.repeat_contact_rate]))
      .toEqual([['billing', 4, 1 / 2, 1 / 3], [null, 1, null, null]]);
    const status = Object.fromEntries((await statusTimes(w.db, range, { rollup: true })).rows.map((r) => [r.status, [r.tickets, r.mean, r.approximate]]));
    expect(status.pending).toEqual([1, 30000, true]);
    expect(status.agent_wait).toEqual([1, 30000, true]);
  });
});

// Tickets of two customers and two problem types (some changing type or customer in a later event),
// with status changes, over three weeks around a DST change (Europe/Berlin, 2026-03-29) and in a zone
// without one, ingested in shuffled batches: the tables equal those built at once, and every table
// from the rollup the one from the tickets (counts and means exactly, quantiles within 1%).
const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
  type: fc.constantFrom('created', 'created', 'status_changed', 'status_changed', 'replied', 'resolved', 'reopened', 'closed'),
  minute: fc.integer({ min: 0, max: 21 * 24 * 60 }), // 2026-03-20 .. 04-10 UTC: repeat contacts a week apart or more
  status: fc.constantFrom('open', 'pending', 'on_hold'),
  customer: fc.constantFrom('c1', 'c1', 'c2', null),
  problem: fc.constantFrom('x', 'x', 'y'),
  subtype: fc.constantFrom('s1', 's2', null),
});
const RANGES = [{ from: '2026-03-28', to: '2026-03-30' }, { from: '2026-03-20', to: '2026-04-10' },
  { from: '2026-04-01', to: '2026-04-30' }, { from: '2026-03-30', to: '2026-04-05', comparison: 'week' as const }];

function expectSameTable(rollup: MetricTable, facts: MetricTable, label: string): void {
  expect(rollup.rows.length, label).toBe(facts.rows.length);
  for (const [i, r] of rollup.rows.entries()) {
    const { approximate, ...cells } = r;
    for (const [cell, e] of Object.entries(facts.rows[i]!)) {
      const a = cells[cell];
      if (typeof e === 'number' && typeof a === 'number') {
        // quantiles within 1%, the rest (rates, means, expected counts: sums in another order) to rounding
        const tolerance = approximate === true && (cell === 'median' || cell === 'p90') ? 0.01 : 1e-9;
        expect(Math.abs(a - e), `${label} row ${i} ${cell}`).toBeLessThanOrEqual(tolerance * Math.abs(e) + 1e-9);
      } else expect(a, `${label} row ${i} ${cell}`).toEqual(e);
    }
  }
}

describe('problems, arrivals and status times from the rollup equal them from the tickets', () => {
  for (const zone of ['Europe/Berlin', 'Asia/Shanghai']) {
    it(`in ${zone}, after batches in any order`, async () => {
      await keepDailyRollup(w.db, zone);
      await fc.assert(fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 4 }),
        async (specs, shuffleKeys, batches) => {
          await emptyFacts(w.db, TABLES);
          const events: StoredEvent[] = specs.map((s, i) => ({
            event_id: `e${i}`, ticket_id: s.ticket, type: s.type, occurred_at: new Date(Date.UTC(2026, 2, 20) + s.minute * 60_000).toISOString(),
            actor: s.type === 'replied' ? 'agent' : null, agent_id: s.type === 'replied' ? 'a1' : null,
            status: s.type === 'status_changed' ? s.status : null,
            ...(s.type === 'created' ? { customer_id: s.customer, problem_type: s.problem, problem_subtype: s.subtype } : {}),
          }));
          await ingestShuffled(w.db, events, shuffleKeys, batches);
          const batched = await snapshot();
          // built whole from the tickets (another zone, then back): the same
          await keepDailyRollup(w.db, 'UTC');
          await keepDailyRollup(w.db, zone);
          expect(await snapshot()).toEqual(batched);

          for (const range of RANGES) {
            for (const clock of ['business', 'calendar'] as const) {
              const filter = { ...range, timezone: zone, clock };
              const label = `${zone} ${range.from}..${range.to} ${clock}`;
              for (const bySubtype of [false, true]) {
                const [r, f] = [await problems(w.db, filter, { bySubtype, rollup: true }), await problems(w.db, filter, { bySubtype })];
                expect(r.source).toBe('rollup');
                expect(r.comparison, label).toEqual(f.comparison);
                expectSameTable(r, f, `${label} problems ${bySubtype}`);
              }
              expectSameTable(await arrivalHeatmap(w.db, filter, { rollup: true }), await arrivalHeatmap(w.db, filter), `${label} heatmap`);
              expectSameTable(await statusTimes(w.db, filter, { rollup: true }), await statusTimes(w.db, filter), `${label} status`);
            }
          }
        }), { numRuns: 6 });
    }, 300_000);
  }
});
