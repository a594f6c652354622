// The comparison ranges (comparison.ts) as local days, their instants across DST and in Shanghai, and
// the overview against a comparison period the warehouse holds no data for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { comparisonRange } from '../../../warehouse/metrics/comparison.ts';
import { periodBounds, previousPeriod } from '../../../warehouse/metrics/filter.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import { censoring } from '../../../warehouse/metrics/censoring.ts';
import { problems } from '../../../warehouse/metrics/problems.ts';
import { DATA_START, EVENTS, metricWarehouse, NOW, WEEK } from './fixtures/metric-week.ts';

describe('comparison ranges', () => {
  it('compares month to date on the 3rd with last month\'s 1st-3rd, not the 3 days before', () => {
    expect(comparisonRange({ from: '2026-12-01', to: '2026-12-03' }, 'previous')).toEqual({ from: '2026-11-01', to: '2026-11-03' });
    expect(comparisonRange({ from: '2026-12-01', to: '2026-12-03' }, 'month')).toEqual({ from: '2026-11-01', to: '2026-11-03' });
    // a whole month with the whole month before; a range not from the 1st with the days before it
    expect(comparisonRange({ from: '2026-11-01', to: '2026-11-30' }, 'previous')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(comparisonRange({ from: '2026-11-06', to: '2026-12-03' }, 'previous')).toEqual({ from: '2026-10-09', to: '2026-11-05' });
    expect(comparisonRange({ from: '2026-12-02', to: '2026-12-02' }, 'previous')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    // a range from the 1st spanning months is a period like any other
    expect(comparisonRange({ from: '2026-10-01', to: '2026-12-03' }, 'previous')).toEqual({ from: '2026-07-29', to: '2026-09-30' });
  });

  it('clamps to the shorter month and keeps a month\'s last day its last day, leap years included', () => {
    expect(comparisonRange({ from: '2028-03-01', to: '2028-03-30' }, 'month')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(comparisonRange({ from: '2027-03-01', to: '2027-03-31' }, 'previous')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(comparisonRange({ from: '2028-02-01', to: '2028-02-29' }, 'year')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(comparisonRange({ from: '2029-02-01', to: '2029-02-28' }, 'year')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(comparisonRange({ from: '2028-02-29', to: '2028-02-29' }, 'year')).toEqual({ from: '2027-02-28', to: '2027-02-28' });
    expect(comparisonRange({ from: '2026-01-01', to: '2026-01-31' }, 'month')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('compares with the same weekdays the fewest whole weeks earlier that do not overlap', () => {
    expect(comparisonRange({ from: '2026-12-02', to: '2026-12-02' }, 'week')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(comparisonRange({ from: '2026-11-26', to: '2026-12-02' }, 'week')).toEqual({ from: '2026-11-19', to: '2026-11-25' });
    expect(comparisonRange({ from: '2026-11-20', to: '2026-12-02' }, 'week')).toEqual({ from: '2026-11-06', to: '2026-11-18' });
  });

  it('turns the compared days into local midnights across DST (Berlin) and in Shanghai', () => {
    // The week after DST began (29 March 2026) against the week before: 168 h against 167 h.
    const berlin = previousPeriod({ from: '2026-03-30', to: '2026-04-05', timezone: 'Europe/Berlin', comparison: 'week' });
    expect(berlin).toMatchObject({ from: '2026-03-23', to: '2026-03-29' });
    const b = periodBounds(berlin);
    expect([b.start.toISOString(), b.end.toISOString()]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    // Month to date on the 3rd in Shanghai (UTC+8, no DST): last month's 1st-3rd from its local midnight.
    const shanghai = periodBounds(previousPeriod({ from: '2026-12-01', to: '2026-12-03', timezone: 'Asia/Shanghai' }));
    expect([shanghai.start.toISOString(), shanghai.end.toISOString()]).toEqual(['2026-10-31T16:00:00.000Z', '2026-11-03T16:00:00.000Z']);
    // a year back over a leap day
    const year = periodBounds(previousPeriod({ from: '2029-03-01', to: '2029-03-01', timezone: 'Asia/Shanghai', comparison: 'year' }));
    expect(year.start.toISOString()).toBe('2028-02-29T16:00:00.000Z');
  });
});

describe('overview and problem types against a comparison period', () => {
  let w: Warehouse;
  beforeAll(async () => { w = await metricWarehouse([...EVENTS, ...DATA_START]); });
  afterAll(() => w.close());

  it('a year ago without any data is not available, never 0 or +inf%', async () => {
    const table = await overview(w.db, { ...WEEK, comparison: 'year' }, { now: NOW });
    expect(table.previous).toEqual({ from: '2025-03-24', to: '2025-03-30' });
    expect(table.comparison).toEqual({ kind: 'year', unavailable: 'no_data' });
    for (const row of table.rows) expect([row.metric, row.previous, row.delta, row.delta_pct]).toEqual([row.metric, null, null, null]);
    const volume = table.rows.find((r) => r.metric === 'volume')!;
    expect(volume.value).toBe(6);
  });

  it('a week earlier with data compares as the previous week does; a filter matching nothing then is a real 0', async () => {
    const week = await overview(w.db, { ...WEEK, comparison: 'week' }, { now: NOW });
    expect(week.comparison).toEqual({ kind: 'week', unavailable: null });
    expect(week.rows.find((r) => r.metric === 'volume')).toMatchObject({ value: 6, previous: 2, delta: 4 });
    expect(week.rows.find((r) => r.metric === 'backlog')).toMatchObject({ value: 2, previous: 1 });
    const none = await overview(w.db, { ...WEEK, comparison: 'week', values: { channel: ['fax'] } }, { now: NOW });
    expect(none.rows.find((r) => r.metric === 'volume')).toMatchObject({ value: 0, previous: 0, delta_pct: null });
  });

  it('a comparison period from the range\'s own scan (adjoining) equals that period queried alone', async () => {
    const week = await overview(w.db, WEEK, { now: NOW });
    const alone = await overview(w.db, { ...WEEK, from: '2026-03-17', to: '2026-03-23' }, { now: NOW });
    const valueOf = new Map(alone.rows.map((r) => [r.metric, r.value]));
    // unanswered compares with the period as it stood at the same age, not its final count
    for (const row of week.rows.filter((r) => r.metric !== 'unanswered')) expect([row.metric, row.previous]).toEqual([row.metric, valueOf.get(row.metric)]);
    expect(week.rows.find((r) => r.metric === 'volume')!.previous).toBe(2);
    // censored tickets: Monday 30th against the Monday before (apart) as Tuesday 24th against Monday 23rd (adjoining), at the same instant
    const monday = { ...WEEK, from: '2026-03-30', to: '2026-03-30', comparison: 'week' as const };
    const tuesday = { ...WEEK, from: '2026-03-24', to: '2026-03-24' };
    const shift = periodBounds(monday).end.getTime() - periodBounds(tuesday).end.getTime();
    const [apart, adjoining] = [await censoring(w.db, monday, { now: NOW }), await censoring(w.db, tuesday, { now: new Date(NOW.getTime() - shift) })];
    expect(apart.previousAsOf).toEqual(adjoining.previousAsOf);
    expect(apart.previous).toEqual(adjoining.previous);
    expect(apart.previous).toMatchObject({ frt_median_bound: 1800, resolution_median_bound: 3 * 3600 }); // H: answered in 0.5 h, resolved in 3 business h
  });

  it('a comparison period apart from the range counts only its own days', async () => {
    // Tue 24 - Mon 30 March against a year ago: no ticket then, whatever lies in between.
    const t = await problems(w.db, { ...WEEK, comparison: 'year' });
    expect(t.previous).toEqual({ from: '2025-03-24', to: '2025-03-30' });
    // no data a year ago: not available with the reason (null), never counted as 0
    expect(t.comparison).toEqual({ kind: 'year', unavailable: 'no_data' });
    expect(t.rows.every((r) => r.previous === null && r.delta_pct === null)).toBe(true);
    // one day compared with the same weekday a week earlier: not the six days in between
    const day = await problems(w.db, { ...WEEK, from: '2026-03-30', to: '2026-03-30', comparison: 'week' });
    const previousWeek = await problems(w.db, { ...WEEK, from: '2026-03-23', to: '2026-03-23' });
    const count = (rows: typeof day.rows) => rows.reduce((n, r) => n + Number(r.previous ?? 0), 0);
    const tickets = previousWeek.rows.reduce((n, r) => n + Number(r.tickets), 0);
    expect(tickets).toBeGreaterThan(0);
    expect(count(day.rows)).toBe(tickets);
  });

  it('a compared period only partly in the data (it starts 9 days before the first ticket) is not available, not growth', async () => {
    const fromMarch18 = await metricWarehouse(); // the data starts Wednesday 18 March (G)
    try {
      // 28 days from 6 April against 9 March - 5 April: day 10 of it, 18 March, is the data's first
      const range = { ...WEEK, from: '2026-04-06', to: '2026-05-03' };
      const table = await overview(fromMarch18.db, range, { now: NOW });
      expect(table.previous).toEqual({ from: '2026-03-09', to: '2026-04-05' });
      expect(table.comparison).toEqual({ kind: 'previous', unavailable: 'partial', covered_days: 19, days: 28 });
      for (const row of table.rows) expect([row.metric, row.previous, row.delta, row.delta_pct]).toEqual([row.metric, null, null, null]);
      // whatever the filter: a channel without any ticket then is still only partly compared
      const fax = await overview(fromMarch18.db, { ...range, values: { channel: ['fax'] } }, { now: NOW });
      expect(fax.comparison).toMatchObject({ unavailable: 'partial', covered_days: 19 });
      // the same range once the data starts before the compared period: compared in full (6 tickets then)
      const full = await overview(w.db, range, { now: NOW });
      expect(full.comparison).toEqual({ kind: 'previous', unavailable: null });
      expect(full.rows.find((r) => r.metric === 'volume')).toMatchObject({ value: 0, previous: 8 });
    } finally { fromMarch18.close(); }
  });
});
