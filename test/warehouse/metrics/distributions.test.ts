import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { arrivalHeatmap, frtBuckets, replyTimes, statusTimes } from '../../../warehouse/metrics/distributions.ts';
import { metricWarehouse, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(); });
afterAll(() => w.close());
const H = 3600;
const NOTHING = { ...WEEK, values: { product: ["x' OR '1'='1"] } };

describe('arrival heat map', () => {
  it('counts arrivals per local weekday and hour, every cell present', async () => {
    const t = await arrivalHeatmap(w.db, WEEK);
    expect(t.rows).toHaveLength(168);
    const busy = t.rows.filter((r) => (r.tickets as number) > 0).map((r) => [r.weekday, r.hour, r.tickets]);
    // Mon 17 F | Tue 9 C, 10 A | Wed 9 D | Thu 10 E | Fri 17 B
    expect(busy).toEqual([[1, 17, 1], [2, 9, 1], [2, 10, 1], [3, 9, 1], [4, 10, 1], [5, 17, 1]]);
    expect((await arrivalHeatmap(w.db, NOTHING)).rows.every((r) => r.tickets === 0)).toBe(true);
  });
});

describe('first response buckets', () => {
  it('puts each ticket created in the range in one bucket; shares of all of them', async () => {
    const business = await frtBuckets(w.db, WEEK);
    // business: F 0.5 h, E 0.75 h, A 1 h, D 1 h, B 2 h; C unanswered
    expect(business.rows.map((r) => [r.bucket, r.tickets])).toEqual([['<1h', 2], ['1-4h', 3], ['4-8h', 0], ['8-24h', 0], ['>24h', 0], ['unanswered', 1]]);
    expect(business.rows[0]!.share).toBeCloseTo(2 / 6);
    const calendar = await frtBuckets(w.db, { ...WEEK, clock: 'calendar' });
    expect(calendar.rows.map((r) => r.tickets)).toEqual([2, 2, 0, 0, 1, 1]); // B: 64 h
    expect((await frtBuckets(w.db, NOTHING)).rows.map((r) => [r.tickets, r.share])).toEqual(Array(6).fill([0, null]));
  });
});

describe('status times', () => {
  it('sums finished spans per ticket and status, and the requester and agent waits', async () => {
    const t = await statusTimes(w.db, WEEK);
    const by = Object.fromEntries(t.rows.map((r) => [r.status, r]));
    // new: E 5 min, A 1 h, D 2 h, B 4 h (business; C and F still new)
    expect(by.new).toMatchObject({ tickets: 4, median: 1.5 * H, mean: (300 + 3600 + 7200 + 14400) / 4 });
    expect(by.new!.p90).toBeCloseTo(7200 + 0.7 * 7200);
    // open: A 2 h, E 2 h 55 min, D 2 h + (Wed 15-18 + Thu 9-10) 4 h
    expect(by.open).toMatchObject({ tickets: 3, median: 10500, mean: (7200 + 10500 + 21600) / 3 });
    expect(by.pending).toMatchObject({ tickets: 1, median: H, p90: H, mean: H });
    expect(by.on_hold).toMatchObject({ tickets: 1, median: H });
    // requester wait: E 3 h, A 4 h, B 4 h, D 8 h
    expect(by.requester_wait).toMatchObject({ tickets: 4, median: 4 * H, mean: 17100 });
    expect(by.agent_wait).toMatchObject({ tickets: 1, median: H });
    const calendar = Object.fromEntries((await statusTimes(w.db, { ...WEEK, clock: 'calendar' })).rows.map((r) => [r.status, r]));
    expect(calendar.new!.mean).toBe((300 + 3600 + 7200 + 66 * H) / 4); // B new from Friday 17:00 to Monday 12:00
    expect(calendar.open!.mean).toBe((7200 + 10500 + 21 * H) / 3);
    expect((await statusTimes(w.db, NOTHING)).rows.map((r) => r.tickets)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('reply times', () => {
  it('gives replies per local day with median and p90 of the wait', async () => {
    const t = await replyTimes(w.db, WEEK);
    expect(t.rows.map((r) => r.replies)).toEqual([1, 3, 1, 0, 0, 0, 2]); // A | D D D | E | | | | B F
    expect(t.rows[1]).toMatchObject({ day: '2026-03-25', median: 4 * H }); // D: 1 h, 4 h, 7 h since creation
    expect(t.rows[1]!.p90).toBeCloseTo(4 * H + 0.8 * 3 * H);
    expect(t.rows[6]).toMatchObject({ median: 1.25 * H }); // F 0.5 h, B 2 h
    expect(t.rows[3]).toMatchObject({ replies: 0, median: null, p90: null });
  });
});
