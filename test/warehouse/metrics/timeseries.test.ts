import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { timeseries } from '../../../warehouse/metrics/timeseries.ts';
import { metricWarehouse, NOW, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(); });
afterAll(() => w.close());
const H = 3600;

describe('timeseries', () => {
  it('has a row for every local day, with created, resolved and the backlog at each day end', async () => {
    const t = await timeseries(w.db, WEEK, 'day', { now: NOW });
    expect(t.rows.map((r) => r.bucket)).toEqual(['2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']);
    expect(t.rows.map((r) => r.created)).toEqual([2, 1, 1, 1, 0, 0, 1]); // A C | D | E | B | - | - | F
    expect(t.rows.map((r) => r.resolved)).toEqual([2, 0, 2, 0, 0, 0, 1]); // A H | - | D E | - | - | - | B
    // Open at day end: 24th C (H resolved, A resolved) ; 25th C D ; 26th C ; 27th C B ; 30th C F
    expect(t.rows.map((r) => r.backlog)).toEqual([1, 2, 1, 2, 2, 2, 2]);
    expect(t.rows[0]).toMatchObject({ frt_median: 1 * H, resolution_median: 4 * H, csat: 1 }); // A 1 h; A 5 h, H 3 h; A rated 5
    expect(t.rows[4]).toMatchObject({ created: 0, frt_median: null, csat: null, sla_frt: null });
    expect(t.rows[6]).toMatchObject({ created: 1, frt_median: 0.5 * H, csat: 1, sla_frt: 1 }); // F; B's last rating 4
  });

  it('groups into ISO weeks from Monday and months, in the range time zone', async () => {
    const weeks = await timeseries(w.db, WEEK, 'week', { now: NOW });
    expect(weeks.rows.map((r) => [r.bucket, r.created, r.backlog])).toEqual([['2026-03-23', 5, 2], ['2026-03-30', 1, 2]]);
    const months = await timeseries(w.db, { ...WEEK, from: '2026-03-17', to: '2026-04-02' }, 'month', { now: NOW });
    expect(months.rows.map((r) => [r.bucket, r.created, r.resolved])).toEqual([['2026-03-01', 8, 6], ['2026-04-01', 0, 0]]);
    // B (Friday 27th 17:00 CET = 16:00 UTC) is created on a Saturday 00:00 in Shanghai
    const shanghai = await timeseries(w.db, { ...WEEK, timezone: 'Asia/Shanghai' }, 'weekday', { now: NOW });
    expect(shanghai.rows.map((r) => r.created)).toEqual([1, 2, 1, 1, 0, 1, 0]);
  });

  it('groups by local hour of day and weekday', async () => {
    const hours = await timeseries(w.db, WEEK, 'hour', { now: NOW });
    expect(hours.rows).toHaveLength(24);
    expect(hours.rows.filter((r) => (r.created as number) > 0).map((r) => [r.bucket, r.created]))
      .toEqual([[9, 2], [10, 2], [17, 2]]); // C D | A E | B F
    const days = await timeseries(w.db, WEEK, 'weekday', { now: NOW });
    expect(days.rows.map((r) => r.created)).toEqual([1, 2, 1, 1, 1, 0, 0]); // Mon F, Tue A C, Wed D, Thu E, Fri B
    expect(days.columns.some((c) => c.key === 'backlog')).toBe(false);
  });
});
