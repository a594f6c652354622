import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { insertEvents } from '../fixtures/insert-events.ts';
import { backlogSeries, backlogTable } from '../../../warehouse/metrics/backlog.ts';
import { metricWarehouse, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(); });
afterAll(() => w.close());

describe('backlog', () => {
  it('gives per local day the tickets open at its end, with that day created and done', async () => {
    const t = await backlogTable(w.db, { ...WEEK, from: '2026-03-17' });
    expect(t.rows.map((r) => [r.day, r.backlog, r.created, r.resolved])).toEqual([
      ['2026-03-17', 0, 0, 0], ['2026-03-18', 1, 1, 0], ['2026-03-19', 0, 0, 1], // G
      ['2026-03-20', 0, 0, 0], ['2026-03-21', 0, 0, 0], ['2026-03-22', 0, 0, 0],
      ['2026-03-23', 1, 1, 0], ['2026-03-24', 1, 2, 2], ['2026-03-25', 2, 1, 0], // H; A C, A H done; D
      ['2026-03-26', 1, 1, 2], ['2026-03-27', 2, 1, 0], ['2026-03-28', 2, 0, 0], // E, D E done; B
      ['2026-03-29', 2, 0, 0], ['2026-03-30', 2, 1, 1], // F, B done
    ]);
  });

  it('counts a reopened ticket as open from its creation to its last resolution', async () => {
    // D was resolved at 11:00 and 14:00 on the 25th but reopened each time: open at the end of the 25th.
    const days = (await backlogTable(w.db, { ...WEEK, values: { channel: ['email'] } })).rows;
    expect(days.map((r) => r.backlog)).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('puts a ticket on its local day to the microsecond before midnight', async () => {
    const own = await Warehouse.open(':memory:');
    try {
      await insertEvents(own.db, [
        { event_id: 'm1', ticket_id: 'M', type: 'created', occurred_at: '2026-03-24T23:59:59.600+01:00' },
        { event_id: 'm2', ticket_id: 'M', type: 'resolved', occurred_at: '2026-03-25T23:59:59.999999+01:00' },
      ]);
      await deriveTickets(own.db, 'all');
      const days = (await backlogTable(own.db, { ...WEEK, from: '2026-03-24', to: '2026-03-26' })).rows;
      expect(days.map((r) => [r.day, r.backlog, r.created, r.resolved])).toEqual([
        ['2026-03-24', 1, 1, 0], ['2026-03-25', 0, 0, 1], ['2026-03-26', 0, 0, 0],
      ]);
    } finally {
      own.close();
    }
  });

  it('adds up: each day = the day before + created - done', () => {
    const series = backlogSeries([
      { dim_value: null, day: null, created: 5, done: 3 },
      { dim_value: null, day: '2026-01-02', created: 4, done: 1 },
    ], ['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(series).toEqual([
      { day: '2026-01-01', backlog: 2, created: 0, resolved: 0 },
      { day: '2026-01-02', backlog: 5, created: 4, resolved: 1 },
      { day: '2026-01-03', backlog: 5, created: 0, resolved: 0 },
    ]);
  });
});
