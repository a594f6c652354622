import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { backlogTable } from '../../../warehouse/metrics/backlog.ts';
import { timeseries } from '../../../warehouse/metrics/timeseries.ts';
import { keepDailyRollup } from '../../../warehouse/rollups/daily-rollup.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestInBatches, ingestShuffled, type StoredEvent } from '../fixtures/insert-events.ts';

// Europe/Berlin: the clocks go forward on 2026-03-29 (a 23-hour local day)
const ZONE = 'Europe/Berlin';
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await keepDailyRollup(w.db, ZONE);
});
afterEach(() => w.close());

const ev = (ticket: string, id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): StoredEvent =>
  ({ event_id: `${ticket}${id}`, ticket_id: ticket, type, occurred_at: at, ...extra });

describe('backlog from the daily rollup', () => {
  it('gives the day series computed by hand, across the DST change, and says it came from the rollup', async () => {
    await ingestInBatches(w.db, [
      // A: created before the range, done on its first day; B: created the 28th, reopened, done the 30th at 23:59 local
      ev('A', '1', 'created', '2026-03-26T10:00:00+01:00'), ev('A', '2', 'resolved', '2026-03-28T09:00:00+01:00'),
      ev('B', '1', 'created', '2026-03-28T23:30:00+01:00'), ev('B', '2', 'resolved', '2026-03-29T10:00:00+02:00'),
      ev('B', '3', 'reopened', '2026-03-29T11:00:00+02:00'), ev('B', '4', 'resolved', '2026-03-30T23:59:00+02:00'),
      // C: created just after the clocks went forward on the 29th (01:30 UTC = 03:30 CEST), still open
      ev('C', '1', 'created', '2026-03-29T01:30:00Z'),
      // D: done before the range, never counted
      ev('D', '1', 'created', '2026-03-20T10:00:00+01:00'), ev('D', '2', 'closed', '2026-03-21T10:00:00+01:00'),
    ], 3);
    const filter = { from: '2026-03-28', to: '2026-03-31', timezone: ZONE };
    const table = await backlogTable(w.db, filter, { rollup: true });
    expect(table.source).toBe('rollup');
    expect(table.rows.map((r) => [r.day, r.backlog, r.created, r.resolved])).toEqual([
      ['2026-03-28', 1, 1, 1], ['2026-03-29', 2, 1, 0], ['2026-03-30', 1, 0, 1], ['2026-03-31', 1, 0, 0],
    ]);
    expect(await backlogTable(w.db, filter)).toEqual({ ...table, source: 'facts' });
  });

  it('leaves a filter, a team scope or another zone to the tickets', async () => {
    const range = { from: '2026-03-28', to: '2026-03-31' };
    expect((await backlogTable(w.db, { ...range, timezone: ZONE, values: { channel: ['email'] } }, { rollup: true })).source).toBe('facts');
    expect((await backlogTable(w.db, { ...range, timezone: ZONE, scopeTeams: ['t1'] }, { rollup: true })).source).toBe('facts');
    expect((await backlogTable(w.db, { ...range, timezone: 'UTC' }, { rollup: true })).source).toBe('facts');
  });

  const eventArb = fc.record({
    ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5'),
    type: fc.constantFrom('created', 'assigned', 'resolved', 'reopened', 'closed', 'status_changed'),
    minute: fc.integer({ min: 0, max: 6 * 24 * 60 }), // 2026-03-26 .. 04-01 UTC: over the DST change
    status: fc.constantFrom('open', 'pending', 'resolved', 'closed'),
  });
  const RANGES = [{ from: '2026-03-29', to: '2026-03-29' }, { from: '2026-03-27', to: '2026-03-31' }, { from: '2026-03-20', to: '2026-04-05' }];

  it('equals the backlog from the tickets after batches in any order (day series and the time series\' backlog)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(eventArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 25, maxLength: 25 }), fc.integer({ min: 1, max: 4 }),
      async (specs, shuffleKeys, batches) => {
        await emptyFacts(w.db, ['daily_counts', 'daily_durations']);
        const events: StoredEvent[] = specs.map((s, i) => ({
          event_id: `e${i}`, ticket_id: s.ticket, type: s.type, agent_id: s.type === 'assigned' ? 'a1' : null,
          occurred_at: new Date(Date.UTC(2026, 2, 26) + s.minute * 60_000).toISOString(),
          status: s.type === 'status_changed' ? s.status as CanonicalEvent['status'] : null,
        }));
        await ingestShuffled(w.db, events, shuffleKeys, batches);
        for (const range of RANGES) {
          const filter = { ...range, timezone: ZONE };
          const rollup = await backlogTable(w.db, filter, { rollup: true });
          expect(rollup.source).toBe('rollup');
          expect(rollup.rows, `${range.from}..${range.to}`).toEqual((await backlogTable(w.db, filter)).rows);
          const backlogOf = async (fromRollup: boolean) => (await timeseries(w.db, filter, 'week', { rollup: fromRollup })).rows.map((r) => r.backlog);
          expect(await backlogOf(true)).toEqual(await backlogOf(false));
        }
      }), { numRuns: 8 });
  }, 120_000);
});
