import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { commentTerms } from '../../../warehouse/metrics/comment-terms.ts';
import { COMMENTS_PER_GROUP, complaintReview, complaintTermTickets } from '../../../warehouse/metrics/complaint-review.ts';
import { created, ev, peopleWarehouse } from './fixtures/people-week.ts';

// Two weeks in Berlin: Mon 03-02 .. Sun 03-15 (weeks 03-02 and 03-09).
const TWO_WEEKS: MetricFilter = { from: '2026-03-02', to: '2026-03-15', timezone: 'Europe/Berlin', clock: 'calendar' };

const rated = (ticket: string, day: string, rating: number, comment: string | undefined, extra: Partial<CanonicalEvent>): CanonicalEvent[] => [
  created(ticket, `2026-${day}T09:00:00+01:00`, extra),
  ev(ticket, 'rated', `2026-${day}T12:00:00+01:00`, { rating, ...(comment === undefined ? {} : { comment }) }),
];
const complaint = { problem_type: 'complaint' };
const returns = { problem_type: 'returns' };

// Terms (hand-segmented): C1 退货 质量 太差 | C2 质量 不好 退货 | C3 refund (twice: once; took, far, too, long
// are stop words) | C4 退货 退款 太慢 (billing) | L1 退货 太慢 | L2 refund arrived (never: a stop word). Left out: C5 (no comment), L3 (rated 3,
// not a complaint), L4 (rated 5), L5 (rated the week before).
const EVENTS: CanonicalEvent[] = [
  ...rated('C1', '03-02', 1, '退货的质量太差了', { ...complaint, product: 'p1' }),
  ...rated('C2', '03-04', 4, '质量不好，要退货', { ...complaint, product: 'p2' }),
  ...rated('C3', '03-10', 2, 'The refund took far too long, the REFUND!', { ...complaint, product: 'p1' }),
  ...rated('C4', '03-11', 1, '退货退款太慢', { ...complaint, product: 'p1', team_id: 'billing' }),
  ...rated('C5', '03-11', 5, undefined, complaint),
  ...rated('L1', '03-05', 2, '退货太慢了', returns),
  ...rated('L2', '03-12', 1, 'Refund never arrived.', returns),
  ...rated('L3', '03-12', 3, '退货很慢', returns),
  ...rated('L4', '03-13', 5, 'great', returns),
  ...rated('L5', '02-27', 1, '退货太慢', returns),
];

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(EVENTS); });
afterAll(() => w.close());

const termsOf = (rows: Record<string, unknown>[], type: string) =>
  rows.filter((r) => r.problem_type === type).map((r) => [r.term, r.tickets, r.ticket_ids]);

describe('comment terms', () => {
  it('segments Chinese into words with jieba, drops stop words and single particles, lower-cases English words', () => {
    expect(commentTerms('退货的质量太差了')).toEqual(['退货', '质量', '太差']);
    expect(commentTerms('质量不好，要退货')).toEqual(['质量', '不好', '退货']);
    expect(commentTerms('The refund took far too long, the REFUND!')).toEqual(['refund']);
    // Scripts are not merged: 退款 and refund are two terms.
    expect(commentTerms('退款 refund')).toEqual(['退款', 'refund']);
    expect(commentTerms('的了是我')).toEqual([]);
  });

  it('leaves out fillers: the stopwords-iso lists, spans of time and counts, in English and Chinese', () => {
    expect(commentTerms('It took three days, I was transferred twice and nobody called back again.')).toEqual(['transferred', 'called']);
    expect(commentTerms('Still broken after the "fix", took hours and hours.')).toEqual(['broken']);
    expect(commentTerms('已经等了三天，一直没有人处理，客服态度很差')).toEqual(['处理', '客服', '态度', '很差']);
    expect(commentTerms('好几次都说两周内上门，结果等了半个月')).toEqual(['上门']);
  });
});

describe('complaint review', () => {
  it('counts the terms of complaints and low-rating comments per problem type, with weeks and tickets', async () => {
    const t = await complaintReview(w.db, TWO_WEEKS);
    const complaints = t.rows.filter((r) => r.problem_type === 'complaint');
    expect(complaints[0]).toMatchObject({ term: '退货', tickets: 3, share: 0.75, comments: 4, comments_read: 4, complaints: 4, low_ratings: 3,
      'week_2026-03-02': 2, 'week_2026-03-09': 1, ticket_ids: 'C1 C2 C4' });
    expect(complaints[1]).toMatchObject({ term: '质量', tickets: 2, 'week_2026-03-02': 2, 'week_2026-03-09': 0, ticket_ids: 'C1 C2' });
    expect(complaints.slice(2).map((r) => [r.term, r.tickets])).toEqual(
      [['refund', 1], ['不好', 1], ['太差', 1], ['太慢', 1], ['退款', 1]]);
    expect(termsOf(t.rows, 'returns')).toEqual([
      ['arrived', 1, 'L2'], ['refund', 1, 'L2'], ['太慢', 1, 'L1'], ['退货', 1, 'L1']]);
    expect(t.rows.find((r) => r.problem_type === 'returns')).toMatchObject({ comments: 2, complaints: 0, low_ratings: 2 });
    expect(t.columns.map((c) => c.key)).toContain('week_2026-03-09');
  });

  it('groups by problem type and product when asked', async () => {
    const t = await complaintReview(w.db, TWO_WEEKS, { byProduct: true });
    const p1 = t.rows.filter((r) => r.problem_type === 'complaint' && r.product === 'p1');
    expect(p1[0]).toMatchObject({ term: '退货', tickets: 2, comments: 3, ticket_ids: 'C1 C4' });
    expect(t.rows.filter((r) => r.product === 'p2').map((r) => r.term)).toEqual(['不好', '质量', '退货']);
  });

  it('shows a team lead the comments of their teams only', async () => {
    const t = await complaintReview(w.db, { ...TWO_WEEKS, scopeTeams: ['billing'] });
    expect(t.rows.map((r) => [r.problem_type, r.term, r.ticket_ids])).toEqual([
      ['complaint', '太慢', 'C4'], ['complaint', '退款', 'C4'], ['complaint', '退货', 'C4']]);
    expect(t.rows[0]).toMatchObject({ comments: 1, complaints: 1, low_ratings: 1 });
    expect(await complaintTermTickets(w.db, { ...TWO_WEEKS, scopeTeams: ['billing'] }, '退货')).toEqual(['C4']);
  });

  it('lists exactly the tickets behind a term of a group', async () => {
    const inGroup = (type: string, extra = {}) => ({ ...TWO_WEEKS, values: { problem_type: [type], ...extra } });
    expect(await complaintTermTickets(w.db, inGroup('complaint'), '退货')).toEqual(['C1', 'C2', 'C4']);
    expect(await complaintTermTickets(w.db, inGroup('complaint', { product: ['p1'] }), '退货')).toEqual(['C1', 'C4']);
    expect(await complaintTermTickets(w.db, inGroup('returns'), 'refund')).toEqual(['L2']);
    expect(await complaintTermTickets(w.db, inGroup('returns'), '慢')).toEqual([]);
  });

  it('reads the latest comments of a group only, and says it cut', async () => {
    const many = Array.from({ length: COMMENTS_PER_GROUP + 2 }, (_, i) => {
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(9 + Math.floor(i / 60)).padStart(2, '0');
      return [created(`M${i}`, '2026-03-02T08:00:00+01:00', complaint),
        ev(`M${i}`, 'rated', `2026-03-03T${hour}:${minute}:00+01:00`, { rating: 1, comment: i < 2 ? '发票错了' : '退货太慢' })];
    }).flat();
    const big = await peopleWarehouse(many);
    try {
      const t = await complaintReview(big.db, TWO_WEEKS);
      // The two oldest comments (发票 ...) are the ones left out.
      expect(t.rows.map((r) => [r.term, r.tickets, r.comments, r.comments_read])).toEqual([
        ['太慢', COMMENTS_PER_GROUP, COMMENTS_PER_GROUP + 2, COMMENTS_PER_GROUP], ['退货', COMMENTS_PER_GROUP, COMMENTS_PER_GROUP + 2, COMMENTS_PER_GROUP]]);
    } finally {
      big.close();
    }
  });
});
