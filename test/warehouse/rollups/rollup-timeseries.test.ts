// The time series from the daily rollup (day, week and month buckets) equals the one from the tickets,
// bucket by bucket: counts, SLA rates, CSAT and backlog exactly, quantiles within 1%, after batches in
// any order, across a DST change (Europe/Berlin, 2026-03-29) and ranges cutting weeks and months.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { timeseries } from '../../../warehouse/metrics/timeseries.ts';
import { APPROXIMATE_KPIS, keepDailyRollup } from '../../../warehouse/rollups/daily-rollup.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestShuffled, insertDailyCalendar, type StoredEvent } from '../fixtures/insert-events.ts';

const ZONE = 'Europe/Berlin';
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-03-01T00:00:00Z', 80);
  await w.db.run(`INSERT INTO sla_policies VALUES ('high', NULL, 1800, 14400, 'business'), ('normal', NULL, 3600, 86400, 'calendar')`);
  await keepDailyRollup(w.db, ZONE);
});
afterEach(() => w.close());

const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
  type: fc.constantFrom('created', 'replied', 'replied', 'resolved', 'reopened', 'rated', 'closed'),
  minute: fc.integer({ min: 0, max: 8 * 24 * 60 }), // 2026-03-24 .. 04-01 UTC
  actor: fc.constantFrom('agent', 'customer'),
  rating: fc.integer({ min: 1, max: 5 }),
});
// T5's events spread over 80 days: a ticket answered or done after weeks (late_tickets), in later months
const SPREAD: Record<string, number> = { T5: 10 };
// a range cutting its first and last weeks and months, one of whole months, one day
const RANGES = [{ from: '2026-03-26', to: '2026-04-02' }, { from: '2026-03-01', to: '2026-05-31' }, { from: '2026-03-29', to: '2026-03-29' }];

async function expectSameSeries(now: Date): Promise<void> {
  for (const range of RANGES) {
    for (const clock of ['business', 'calendar'] as const) {
      for (const grain of ['day', 'week', 'month'] as const) {
        const filter = { ...range, timezone: ZONE, clock };
        const [rollup, facts] = [await timeseries(w.db, filter, grain, { now, rollup: true }), await timeseries(w.db, filter, grain, { now })];
        const label = `${range.from}..${range.to} ${clock} ${grain}`;
        expect([rollup.source, facts.source], label).toEqual(['rollup', 'facts']);
        expect(rollup.firstResponse, label).toEqual(facts.firstResponse);
        expect(rollup.partial, label).toEqual(facts.partial);
        expect(rollup.rows.map((r) => r.bucket), label).toEqual(facts.rows.map((r) => r.bucket));
        for (const [i, r] of rollup.rows.entries()) {
          const exact = facts.rows[i]!;
          for (const [column, e] of Object.entries(exact)) {
            const a = r[column];
            if (APPROXIMATE_KPIS.includes(column) && typeof e === 'number' && typeof a === 'number') {
              expect(Math.abs(a - e), `${label} ${String(r.bucket)} ${column}`).toBeLessThanOrEqual(0.01 * Math.abs(e) + 1e-9);
            } else if (typeof e === 'number' && typeof a === 'number') expect(a, `${label} ${String(r.bucket)} ${column}`).toBeCloseTo(e, 9);
            else expect(a, `${label} ${String(r.bucket)} ${column}`).toEqual(e);
          }
        }
      }
    }
  }
}

describe('the time series from the daily rollup equals the time series from the tickets', () => {
  it('per day, week and month bucket', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(eventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 80 * 24 * 60 }),
      async (specs, shuffleKeys, batches, nowMinute) => {
        await emptyFacts(w.db, ['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles', 'late_tickets']);
        const events: StoredEvent[] = specs.map((s, i) => ({
          event_id: `e${i}`, ticket_id: s.ticket, type: s.type, agent_id: s.type === 'replied' && s.actor === 'agent' ? 'a1' : null,
          occurred_at: new Date(Date.UTC(2026, 2, 24) + s.minute * (SPREAD[s.ticket] ?? 1) * 60_000).toISOString(),
          actor: s.type === 'replied' ? s.actor as CanonicalEvent['actor'] : null, rating: s.type === 'rated' ? s.rating : null,
          priority: s.ticket === 'T1' || s.ticket === 'T2' ? 'high' : 'normal',
        }));
        await ingestShuffled(w.db, events, shuffleKeys, batches);
        await expectSameSeries(new Date(Date.UTC(2026, 2, 24) + nowMinute * 60_000));
      }), { numRuns: 5 });
  }, 300_000);

  it('answers hour and weekday grains, a filter, another zone and exact from the tickets', async () => {
    const range = { from: '2026-03-26', to: '2026-04-02', timezone: ZONE };
    expect((await timeseries(w.db, range, 'hour', { rollup: true })).source).toBe('facts');
    expect((await timeseries(w.db, range, 'weekday', { rollup: true })).source).toBe('facts');
    expect((await timeseries(w.db, { ...range, values: { channel: ['web'] } }, 'day', { rollup: true })).source).toBe('facts');
    expect((await timeseries(w.db, { ...range, timezone: 'UTC' }, 'week', { rollup: true })).source).toBe('facts');
    expect((await timeseries(w.db, range, 'month')).source).toBe('facts');
  });
});
