import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { problemHeatmap, problems, problemTrend } from '../../../warehouse/metrics/problems.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import { created, peopleWarehouse, WEEK, EVENTS } from './fixtures/people-week.ts';

let w: Warehouse;
const SIX_DAYS = { ...WEEK, to: '2026-03-07' };
beforeAll(async () => { w = await peopleWarehouse(); });
afterAll(() => w.close());

describe('problems', () => {
  it('ranks problem types with share, cumulative share and the previous week, as worked out by hand', async () => {
    const t = await problems(w.db, WEEK);
    expect(t.previous).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    // The data starts Tuesday 24 February: the previous week is only partly in it, so it is not compared
    // (its counts would read as growth), as on the overview; its figures are null, not 1 or 0.
    expect(t.comparison).toEqual({ kind: 'previous', unavailable: 'partial', covered_days: 6, days: 7 });
    // Created in the week: returns T3 T4 T5 T11, logistics T1 T2 T8, product_quality T10; before: T6 logistics, T7 returns.
    // Growth is judged against the calendar (problem-growth.test.ts): the history starts Tuesday 24 February, so Monday 2 March
    // has no same-weekday baseline and nothing is expectable (null), not "growing".
    expect(t.rows).toEqual([
      // Returns: first resolved T4 T5 T11, none reopened; repeat: T4 (c3 again in T5 a day later) of T3 T4 T5 (T11 has no customer).
      { problem_type: 'returns', tickets: 4, share: 0.5, cumulative_share: 0.5, previous: null, delta_pct: null, expected: null, vs_expected: null, growing: null, promotion_days: 0, promotion_window_days: 0,
        reopen_rate: 0, repeat_contact_rate: 1 / 3 },
      // Logistics: T2 reopened (twice, once counted) of T1 T2; repeat: T1 (T2 same day), T2 (T8 within 7 days), not T8 (T9 7 days + 1 s later).
      { problem_type: 'logistics', tickets: 3, share: 0.375, cumulative_share: 0.875, previous: null, delta_pct: null, expected: null, vs_expected: null, growing: null, promotion_days: 0, promotion_window_days: 0,
        reopen_rate: 0.5, repeat_contact_rate: 2 / 3 },
      { problem_type: 'product_quality', tickets: 1, share: 0.125, cumulative_share: 1, previous: null, delta_pct: null, expected: null, vs_expected: null, growing: null, promotion_days: 0, promotion_window_days: 0,
        reopen_rate: 0, repeat_contact_rate: 0 },
    ]);
  });

  it('compares with the previous period when the data holds all of it', async () => {
    // Monday 2 to Saturday 7 March against Tuesday 24 February to Sunday 1 March (T6 logistics, T7 returns).
    const t = await problems(w.db, SIX_DAYS);
    expect(t.comparison).toEqual({ kind: 'previous', unavailable: null });
    expect(t.rows.map((r) => [r.problem_type, r.tickets, r.previous, r.delta_pct])).toEqual([
      ['returns', 4, 1, 3], ['logistics', 2, 1, 1], ['product_quality', 1, 0, null],
    ]);
  });

  it('ranks (type, subtype) pairs, ties by the previous period then by name', async () => {
    const t = await problems(w.db, SIX_DAYS, { bySubtype: true });
    expect(t.name).toBe('problem-subtypes');
    expect(t.rows.filter((r) => r.tickets as number > 0).map((r) => [r.problem_type, r.problem_subtype, r.tickets, Number((r.cumulative_share as number).toFixed(9))])).toEqual([
      // (returns, no subtype) had T7 the days before, so it leads the pairs with one ticket.
      ['logistics', 'late', 2, 0.285714286], ['returns', 'refund', 2, 0.571428571], ['returns', null, 1, 0.714285714],
      ['product_quality', 'broken', 1, 0.857142857], ['returns', 'exchange', 1, 1],
    ]);
    // T6 (logistics, no subtype) only the days before: listed with no tickets and a share of 0.
    expect(t.rows.at(-1)).toMatchObject({ problem_type: 'logistics', problem_subtype: null, tickets: 0, previous: 1, share: 0, delta_pct: -1 });
    // Not comparable (the week from Monday 2 March), such a row has nothing to show and is left out.
    expect((await problems(w.db, WEEK, { bySubtype: true })).rows.every((r) => (r.tickets as number) > 0)).toBe(true);
  });

  it('counts a repeat contact exactly 7 days later, and across channels', async () => {
    const events = [
      created('R1', '2026-03-02T09:00:00+01:00', { problem_type: 'billing', customer_id: 'k' }),
      created('R2', '2026-03-09T09:00:00+01:00', { problem_type: 'billing', customer_id: 'k', channel: 'phone' }),
    ];
    const v = await peopleWarehouse([...EVENTS, ...events]);
    try {
      const web = await problems(v.db, { ...WEEK, values: { channel: ['web'] } });
      expect(web.rows.find((r) => r.problem_type === 'billing')).toMatchObject({ tickets: 1, repeat_contact_rate: 1 });
    } finally {
      v.close();
    }
  });

  it('scopes to the caller\'s teams and answers nothing for filters that match nothing', async () => {
    const billing = await problems(w.db, { ...WEEK, scopeTeams: ['billing'] });
    // T2 (now billing) and T10; the week before had no billing tickets, so no comparison.
    expect(billing.rows.map((r) => [r.problem_type, r.tickets, r.growing])).toEqual([['logistics', 1, null], ['product_quality', 1, null]]);
    expect((await problems(w.db, { ...WEEK, values: { region: ['west'] } })).rows).toEqual([]);
  });
});

describe('problemTrend', () => {
  it('gives every bucket and type, zeros included', async () => {
    const t = await problemTrend(w.db, WEEK, 'day');
    expect(t.rows).toHaveLength(7 * 3);
    const monday = t.rows.filter((r) => r.bucket === '2026-03-02').map((r) => [r.problem_type, r.tickets]);
    expect(monday).toEqual([['logistics', 2], ['product_quality', 0], ['returns', 0]]);
    const week = await problemTrend(w.db, WEEK, 'week');
    expect(week.rows.map((r) => [r.bucket, r.problem_type, r.tickets])).toEqual([
      ['2026-03-02', 'logistics', 3], ['2026-03-02', 'product_quality', 1], ['2026-03-02', 'returns', 4]]);
  });

  it('refuses an unknown grain naming the field', async () => {
    await expect(problemTrend(w.db, WEEK, 'hour')).rejects.toMatchObject({ field: 'grain' });
  });
});

describe('problemHeatmap', () => {
  it('counts tickets per type and region', async () => {
    const t = await problemHeatmap(w.db, WEEK, 'region');
    expect(t.rows).toEqual([
      { problem_type: 'logistics', value: 'north', tickets: 2 }, { problem_type: 'logistics', value: 'south', tickets: 1 },
      { problem_type: 'product_quality', value: 'south', tickets: 1 },
      { problem_type: 'returns', value: 'north', tickets: 3 }, { problem_type: 'returns', value: 'south', tickets: 1 },
    ]);
    await expect(problemHeatmap(w.db, WEEK, 'team')).rejects.toBeInstanceOf(FilterError);
  });
});
