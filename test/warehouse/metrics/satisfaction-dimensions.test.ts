import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { queryKpis } from '../../../warehouse/metrics/kpis.ts';
import { ratingDistribution, satisfactionByDimension } from '../../../warehouse/metrics/satisfaction.ts';
import { ticketList } from '../../../warehouse/metrics/ticket-list.ts';
import { created, ev, peopleWarehouse, WEEK } from './fixtures/people-week.ts';

// CSAT per rating dimension (issue 20 §4), worked out by hand. The week is Mon 2026-03-02 .. Sun 03-08 (Berlin).
//   D1 support: overall 5; speed 2, quality 4, attitude 5
//   D2 support: overall 3; speed 4 then 5 (the last counts), quality 3
//   D3 billing: overall 1; speed 1, attitude 4
//   D4 support, rated the week before (outside the range): overall 4; speed 3, effort 2
// Week, every team: speed D1 2, D2 5, D3 1 -> 3 ratings, CSAT 1/3, mean 8/3; quality 4, 3 -> 2, 1/2, 3.5;
// attitude 5, 4 -> 2, 1, 4.5; effort: rated only before the range -> listed, not available (never 0).
// Overall CSAT of the week: D1 5, D2 3, D3 1 -> 1/3, mean 3, with or without the dimension ratings.
const rated = (ticket: string, at: string, rating: number, dimension?: string): CanonicalEvent =>
  ev(ticket, 'rated', at, { rating, ...(dimension ? { rating_dimension: dimension } : {}) });

const OVERALL: CanonicalEvent[] = [
  created('D1', '2026-03-02T09:00:00+01:00', { problem_type: 'logistics' }),
  ev('D1', 'resolved', '2026-03-02T10:00:00+01:00'),
  rated('D1', '2026-03-02T11:00:00+01:00', 5),
  created('D2', '2026-03-03T09:00:00+01:00', { problem_type: 'logistics' }),
  ev('D2', 'resolved', '2026-03-03T10:00:00+01:00'),
  rated('D2', '2026-03-03T12:00:00+01:00', 3),
  created('D3', '2026-03-04T09:00:00+01:00', { problem_type: 'invoice', team_id: 'billing' }),
  ev('D3', 'resolved', '2026-03-04T10:00:00+01:00'),
  rated('D3', '2026-03-04T11:00:00+01:00', 1),
  created('D4', '2026-02-25T09:00:00+01:00', { problem_type: 'logistics' }),
  ev('D4', 'resolved', '2026-02-25T10:00:00+01:00'),
  rated('D4', '2026-02-26T11:00:00+01:00', 4),
];
const BY_DIMENSION: CanonicalEvent[] = [
  // given after the overall rating: a dimension rating is never the ticket's last overall rating
  rated('D1', '2026-03-02T11:00:10+01:00', 2, 'speed'),
  rated('D1', '2026-03-02T11:00:20+01:00', 4, 'quality'),
  rated('D1', '2026-03-02T11:00:30+01:00', 5, 'attitude'),
  rated('D2', '2026-03-03T12:00:10+01:00', 4, 'speed'),
  rated('D2', '2026-03-03T12:00:20+01:00', 3, 'quality'),
  rated('D2', '2026-03-05T08:00:00+01:00', 5, 'speed'),
  rated('D3', '2026-03-04T11:00:10+01:00', 1, 'speed'),
  rated('D3', '2026-03-04T11:00:20+01:00', 4, 'attitude'),
  rated('D4', '2026-02-26T11:00:10+01:00', 3, 'speed'),
  rated('D4', '2026-02-26T11:00:20+01:00', 2, 'effort'),
];

let w: Warehouse;
let plain: Warehouse;
beforeAll(async () => {
  w = await peopleWarehouse([...OVERALL, ...BY_DIMENSION]);
  plain = await peopleWarehouse(OVERALL);
});
afterAll(() => {
  w.close();
  plain.close();
});

const figures = (rows: Record<string, unknown>[]) => rows.map((r) => [r.dimension, r.ratings, r.csat, r.rating_mean, r.unavailable]);

describe('CSAT per rating dimension', () => {
  it('counts each ticket\'s last rating per dimension given in the range; a dimension without any is not available', async () => {
    const t = await satisfactionByDimension(w.db, WEEK);
    expect(t.ratingDimensions).toEqual({ unavailable: null });
    expect(t.columns.map((c) => c.key)).toEqual(['dimension', 'ratings', 'csat', 'rating_mean', 'unavailable']);
    expect(figures(t.rows)).toEqual([
      ['speed', 3, 1 / 3, 8 / 3, null],
      ['quality', 2, 0.5, 3.5, null],
      ['attitude', 2, 1, 4.5, null],
      ['effort', 0, null, null, 'no_ratings_in_range'],
    ]);
  });

  it('keeps to the caller\'s teams and the filter', async () => {
    expect(figures((await satisfactionByDimension(w.db, { ...WEEK, scopeTeams: ['support'] })).rows)).toEqual([
      ['speed', 2, 0.5, 3.5, null], ['quality', 2, 0.5, 3.5, null], ['attitude', 1, 1, 5, null], ['effort', 0, null, null, 'no_ratings_in_range'],
    ]);
    // billing's tickets were never rated in quality or effort: those are not its dimensions
    expect(figures((await satisfactionByDimension(w.db, { ...WEEK, scopeTeams: ['billing'] })).rows)).toEqual([
      ['speed', 1, 0, 1, null], ['attitude', 1, 1, 4, null],
    ]);
    const filtered = await satisfactionByDimension(w.db, { ...WEEK, values: { problem_type: ['invoice'] } });
    expect(figures(filtered.rows).map((r) => [r[0], r[1]])).toEqual([['speed', 1], ['quality', 0], ['attitude', 1], ['effort', 0]]);
  });

  it('says the data has no rating dimensions instead of showing 0', async () => {
    const t = await satisfactionByDimension(plain.db, WEEK);
    expect(t.rows).toEqual([]);
    expect(t.ratingDimensions).toEqual({ unavailable: 'no_rating_dimensions' });
  });

  it('lists the tickets behind a dimension\'s figure, with their rating in that dimension', async () => {
    const listed = async (filter = WEEK, rating?: number) =>
      (await ticketList(w.db, filter, { on: 'rated', ratingDimension: 'speed', rating }, { sort: 'ticket_id', order: 'asc' })).rows.map((r) => [r.ticket_id, r.rating]);
    expect(await listed()).toEqual([['D1', 2], ['D2', 5], ['D3', 1]]);
    expect(await listed({ ...WEEK, scopeTeams: ['support'] })).toEqual([['D1', 2], ['D2', 5]]);
    expect(await listed(WEEK, 5)).toEqual([['D2', 5]]);
    expect((await ticketList(w.db, WEEK, { on: 'rated', ratingDimension: 'effort' })).total).toBe(0);
    await expect(ticketList(w.db, WEEK, { ratingDimension: 'speed' })).rejects.toMatchObject({ field: 'rating_dimension' });
  });

  it('leaves the overall CSAT as it was: a dimension rating is not a second overall rating', async () => {
    const overall = async (wh: Warehouse) => {
      const [kpis] = await queryKpis(wh.db, WEEK, { key: 'period', kpis: ['csat', 'rating_mean'] });
      return { csat: kpis?.csat, mean: kpis?.rating_mean, ratings: (await ratingDistribution(wh.db, WEEK)).rows.map((r) => r.ratings) };
    };
    const expected = { csat: 1 / 3, mean: 3, ratings: [1, 0, 1, 0, 1] };
    expect(await overall(plain)).toEqual(expected);
    expect(await overall(w)).toEqual(expected);
  });
});
