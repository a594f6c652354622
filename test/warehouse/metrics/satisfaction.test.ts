import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { lowRatings, ratingDistribution, satisfactionBy, satisfactionTrend } from '../../../warehouse/metrics/satisfaction.ts';
import { peopleWarehouse, WEEK } from './fixtures/people-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(); });
afterAll(() => w.close());

// Last ratings given in the week: T1 5 (support, a1), T2 4 (billing, a2; its earlier 2 does not
// count), T10 1 (billing, a5, "质量太差"), T11 3 (support, a4).
describe('satisfaction', () => {
  it('gives every rating 1..5 with its share; only the last rating of a ticket counts', async () => {
    const t = await ratingDistribution(w.db, WEEK);
    expect(t.rows).toEqual([
      { rating: 1, ratings: 1, share: 0.25 }, { rating: 2, ratings: 0, share: 0 }, { rating: 3, ratings: 1, share: 0.25 },
      { rating: 4, ratings: 1, share: 0.25 }, { rating: 5, ratings: 1, share: 0.25 },
    ]);
    const none = await ratingDistribution(w.db, { ...WEEK, values: { channel: ['fax'] } });
    expect(none.rows.map((r) => [r.ratings, r.share])).toEqual(Array(5).fill([0, null]));
  });

  it('trends ratings per day, empty days included', async () => {
    const t = await satisfactionTrend(w.db, WEEK, 'day');
    expect(t.rows.map((r) => [r.bucket, r.ratings, r.csat, r.rating_mean])).toEqual([
      ['2026-03-02', 1, 1, 5], ['2026-03-03', 1, 1, 4], ['2026-03-04', 0, null, null], ['2026-03-05', 0, null, null],
      ['2026-03-06', 1, 0, 1], ['2026-03-07', 1, 0, 3], ['2026-03-08', 0, null, null],
    ]);
    await expect(satisfactionTrend(w.db, WEEK, 'weekday')).rejects.toMatchObject({ field: 'grain' });
  });

  it('breaks CSAT down by team and agent, scoped to the caller\'s teams', async () => {
    const team = await satisfactionBy(w.db, WEEK, 'team');
    expect(team.rows.map((r) => [r.value, r.ratings, r.csat, r.rating_mean])).toEqual([['billing', 2, 0.5, 2.5], ['support', 2, 0.5, 4]]);
    const agents = await satisfactionBy(w.db, { ...WEEK, scopeTeams: ['billing'] }, 'agent');
    expect(agents.rows.map((r) => [r.value, r.csat])).toEqual([['a2', 1], ['a5', 0]]);
    await expect(satisfactionBy(w.db, WEEK, 'region')).rejects.toMatchObject({ field: 'by' });
  });

  it('lists low ratings with the comment, paged', async () => {
    const t = await lowRatings(w.db, WEEK);
    expect(t.total).toBe(1); // T2's 2 was replaced by a 4
    expect(t.rows).toEqual([{ ticket_id: 'T10', rating: 1, comment: '质量太差', rated_at: '2026-03-06T10:00:00+01:00',
      team: 'billing', agent: 'a5', problem_type: 'product_quality', channel: 'web' }]);
    expect((await lowRatings(w.db, { ...WEEK, scopeTeams: ['support'] })).total).toBe(0);
    await expect(lowRatings(w.db, WEEK, { sort: 'comment' })).rejects.toMatchObject({ field: 'sort' });
  });
});
