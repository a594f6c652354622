import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../../../../../web/ui/lib/api/types.ts';
import { barSpec } from '../../../../../web/ui/lib/charts/bar.ts';
import { reviewGroups, reviewWeeks, termBars, termWeekPoints, wholeCountTicks } from '../../../../../web/ui/lib/charts/complaint-terms.ts';

const column = (key: string) => ({ key, label: { en: key, zh: key }, unit: 'count' as const });
const group = { comments: 4, comments_read: 4, complaints: 4, low_ratings: 3 };
const TABLE: MetricTable = {
  name: 'complaint-review', period: { from: '2026-03-02', to: '2026-03-15', timezone: 'Europe/Berlin' }, previous: null, clock: 'calendar',
  columns: ['problem_type', 'term', 'tickets', 'week_2026-03-02', 'week_2026-03-09', 'ticket_ids'].map(column),
  rows: [
    { problem_type: 'complaint', term: '退货', tickets: 3, ...group, 'week_2026-03-02': 2, 'week_2026-03-09': 1, ticket_ids: 'C1 C2 C4' },
    { problem_type: 'complaint', term: 'refund', tickets: 1, ...group, 'week_2026-03-02': 0, 'week_2026-03-09': 1, ticket_ids: 'C3' },
    { problem_type: 'returns', term: null, tickets: 0, comments: 1, comments_read: 1, complaints: 0, low_ratings: 1 },
  ],
};

describe('complaint review chart data', () => {
  it('groups the rows per problem type with their counts; a group without terms has none', () => {
    const groups = reviewGroups(TABLE);
    expect(groups.map((g) => [g.problemType, g.comments, g.lowRatings, g.terms.length])).toEqual([['complaint', 4, 3, 2], ['returns', 1, 1, 0]]);
    expect(reviewWeeks(TABLE)).toEqual(['2026-03-02', '2026-03-09']);
  });

  it('draws a bar per term and the top terms per week, each drilling with its term', () => {
    const [complaint] = reviewGroups(TABLE);
    expect(termBars(complaint!, (term) => ({ drill: `/tickets?term=${term}` }))).toEqual([
      { category: '退货', value: 3, drill: '/tickets?term=退货' }, { category: 'refund', value: 1, drill: '/tickets?term=refund' }]);
    expect(termWeekPoints(complaint!, reviewWeeks(TABLE), 1)).toEqual([
      { x: '2026-03-02', series: '退货', value: 2 }, { x: '2026-03-09', series: '退货', value: 1 }]);
  });

  it('puts count ticks on whole numbers', () => {
    const spec = wholeCountTicks(barSpec({ bars: [], unit: 'count', categoryTitle: 't', valueTitle: 'n' }), 'x') as { encoding: { x: { axis: object } } };
    expect(spec.encoding.x.axis).toEqual({ format: ',d', tickMinStep: 1 });
  });
});
