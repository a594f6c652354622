// The breakdown from the daily rollup per dimension value (migrations/0036) equals the one from the
// tickets, value by value: counts, SLA rates, CSAT and backlog exactly, quantiles within 1%, after
// batches in any order, with transfers between teams, values missing, across a DST change
// (Europe/Berlin, 2026-03-29) and ranges cutting months.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { breakdown } from '../../../warehouse/metrics/breakdown.ts';
import { APPROXIMATE_KPIS, ROLLUP_DIMENSIONS, keepDailyRollup } from '../../../warehouse/rollups/daily-rollup.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestShuffled, insertDailyCalendar, type StoredEvent } from '../fixtures/insert-events.ts';

const ZONE = 'Europe/Berlin';
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-03-01T00:00:00Z', 80);
  await w.db.run(`INSERT INTO sla_policies VALUES ('high', NULL, 1800, 14400, 'business'), ('normal', NULL, 3600, 86400, 'calendar'),
    ('normal', 'billing', 600, 7200, 'calendar')`);
  await keepDailyRollup(w.db, ZONE);
});
afterEach(() => w.close());

const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
  type: fc.constantFrom('created', 'replied', 'replied', 'resolved', 'reopened', 'rated', 'closed', 'transferred'),
  minute: fc.integer({ min: 0, max: 8 * 24 * 60 }), // 2026-03-24 .. 04-01 UTC
  actor: fc.constantFrom('agent', 'customer'),
  rating: fc.integer({ min: 1, max: 5 }),
  team: fc.constantFrom('billing', 'tech', null),
});
// T5's events spread over 80 days: a ticket answered or done after weeks (late_tickets), in later months
const SPREAD: Record<string, number> = { T5: 10 };
const CHANNEL: Record<string, string | null> = { T1: 'web', T2: 'email', T3: 'web', T4: null, T5: 'chat', T6: 'email' };
const RANGES = [{ from: '2026-03-26', to: '2026-04-02' }, { from: '2026-03-01', to: '2026-05-31' }, { from: '2026-03-29', to: '2026-03-29' }];

async function expectSameBreakdowns(now: Date): Promise<void> {
  for (const range of RANGES) {
    for (const clock of ['business', 'calendar'] as const) {
      for (const by of ROLLUP_DIMENSIONS) {
        const filter = { ...range, timezone: ZONE, clock };
        const [rollup, facts] = [await breakdown(w.db, filter, by, { now, rollup: true }), await breakdown(w.db, filter, by, { now })];
        const label = `${range.from}..${range.to} ${clock} by ${by}`;
        expect([rollup.source, facts.source], label).toEqual(['rollup', 'facts']);
        expect(rollup.firstResponse, label).toEqual(facts.firstResponse);
        expect(rollup.rows.map((r) => r.value), label).toEqual(facts.rows.map((r) => r.value));
        for (const [i, r] of rollup.rows.entries()) {
          const exact = facts.rows[i]!;
          for (const [column, e] of Object.entries(exact)) {
            const a = r[column];
            if (APPROXIMATE_KPIS.includes(column) && typeof e === 'number' && typeof a === 'number') {
              expect(Math.abs(a - e), `${label} ${String(r.value)} ${column}`).toBeLessThanOrEqual(0.01 * Math.abs(e) + 1e-9);
            } else if (typeof e === 'number' && typeof a === 'number') expect(a, `${label} ${String(r.value)} ${column}`).toBeCloseTo(e, 9);
            else expect(a, `${label} ${String(r.value)} ${column}`).toEqual(e);
          }
        }
      }
    }
  }
}

describe('the breakdown from the daily rollup equals the breakdown from the tickets', () => {
  it('per team, channel, priority and problem type', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(eventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 80 * 24 * 60 }),
      async (specs, shuffleKeys, batches, nowMinute) => {
        await emptyFacts(w.db, ['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles', 'late_tickets', 'dimension_daily_counts', 'dimension_daily_durations', 'dimension_monthly_durations']);
        const events: StoredEvent[] = specs.map((s, i) => ({
          event_id: `e${i}`, ticket_id: s.ticket, type: s.type, agent_id: s.type === 'replied' && s.actor === 'agent' ? 'a1' : null,
          occurred_at: new Date(Date.UTC(2026, 2, 24) + s.minute * (SPREAD[s.ticket] ?? 1) * 60_000).toISOString(),
          actor: s.type === 'replied' ? s.actor as CanonicalEvent['actor'] : null, rating: s.type === 'rated' ? s.rating : null,
          priority: s.ticket === 'T1' || s.ticket === 'T2' ? 'high' : 'normal', team_id: s.team, channel: CHANNEL[s.ticket],
          problem_type: s.ticket === 'T3' ? null : s.ticket === 'T4' ? 'refund' : 'login',
        }));
        await ingestShuffled(w.db, events, shuffleKeys, batches);
        await expectSameBreakdowns(new Date(Date.UTC(2026, 2, 24) + nowMinute * 60_000));
      }), { numRuns: 5 });
  }, 300_000);

  it('answers other dimensions, a filter, a team scope, another zone and exact from the tickets', async () => {
    const range = { from: '2026-03-26', to: '2026-04-02', timezone: ZONE };
    expect((await breakdown(w.db, range, 'team', { rollup: true })).source).toBe('rollup');
    expect((await breakdown(w.db, range, 'agent', { rollup: true })).source).toBe('facts');
    expect((await breakdown(w.db, range, 'region', { rollup: true })).source).toBe('facts');
    expect((await breakdown(w.db, { ...range, values: { channel: ['web'] } }, 'team', { rollup: true })).source).toBe('facts');
    expect((await breakdown(w.db, { ...range, scopeTeams: ['tech'] }, 'team', { rollup: true })).source).toBe('facts');
    expect((await breakdown(w.db, { ...range, timezone: 'UTC' }, 'team', { rollup: true })).source).toBe('facts');
    expect((await breakdown(w.db, range, 'team')).source).toBe('facts');
  });
});
