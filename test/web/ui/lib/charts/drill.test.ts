// The drill from a chart mark to /tickets: the URL carries the page's filter, the table's range and
// the mark (replacing that dimension's values); a bucket is cut to the range; a name finds its id.
import { describe, expect, it } from 'vitest';
import { bucketRange, clickedDrill, drillTargets, idOfShown, seriesMark, ticketsHref } from '../../../../../web/ui/lib/charts/drill.ts';
import { paretoSpec, toPareto } from '../../../../../web/ui/lib/charts/pareto.ts';

const period = { from: '2026-11-03', to: '2026-12-02', timezone: 'Asia/Shanghai' };

describe('drill', () => {
  it('builds the tickets URL from the filter, the table range and the mark; page state and other keys stay behind', () => {
    const params = new URLSearchParams('problem_type=a&problem_type=b&team=t1&grain=week&page=3&clock=calendar');
    const href = new URL(ticketsHref(params, period, { problem_type: 'returns', hour: 9, status: null }), 'http://x');
    expect(href.pathname).toBe('/tickets');
    expect([...href.searchParams].sort()).toEqual([
      ['clock', 'calendar'], ['from', '2026-11-03'], ['hour', '9'], ['problem_type', 'returns'], ['team', 't1'], ['to', '2026-12-02'],
    ]);
  });

  it('cuts a week or month bucket to the range the chart counted', () => {
    expect(bucketRange('2026-11-02', 'week', period)).toEqual({ from: '2026-11-03', to: '2026-11-08' });
    expect(bucketRange('2026-11-30', 'week', period)).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(bucketRange('2026-11-01', 'month', period)).toEqual({ from: '2026-11-03', to: '2026-11-30' });
    expect(bucketRange('2026-11-20', 'day', period)).toEqual({ from: '2026-11-20', to: '2026-11-20' });
  });

  it('lists behind a trend point the tickets of that number: measured FRT slowest first, SLA judged breaches first', () => {
    const href = (series: string) => {
      const mark = seriesMark(series);
      return mark && Object.fromEntries(new URL(ticketsHref(new URLSearchParams('team=t1'), period, { ...bucketRange('2026-11-20', 'day', period), ...mark }), 'http://x').searchParams);
    };
    expect(href('frt_median')).toEqual({ team: 't1', from: '2026-11-20', to: '2026-11-20', on: 'created', measured: 'first_response',
      sort: 'first_response_seconds', order: 'desc' });
    expect(href('frt_p90')).toMatchObject({ measured: 'first_response', sort: 'first_response_seconds' });
    expect(href('sla_frt')).toMatchObject({ on: 'created', sla: 'first_response', sort: 'sla_state', order: 'asc' });
    expect(href('sla_resolution')).toMatchObject({ sla: 'resolution', sort: 'sla_state', order: 'asc' });
    expect(href('resolved')).toEqual({ team: 't1', from: '2026-11-20', to: '2026-11-20', on: 'resolved' });
    expect(href('csat')).toMatchObject({ on: 'rated' });
    expect(href('backlog')).toBeNull();
  });

  it('finds the id of a shown name in either language; a value without a name is its own id, "—" none', () => {
    const names = { problem_type: { returns: { en: 'Returns', zh: '退换货' } } };
    expect(idOfShown(names, 'problem_type', '退换货')).toBe('returns');
    expect(idOfShown(names, 'problem_type', 'Returns')).toBe('returns');
    expect(idOfShown(names, 'problem_type', 'other')).toBe('other');
    expect(idOfShown(names, 'problem_type', '—')).toBeNull();
  });

  it('puts each bar\'s link in the spec data, lists them once, and follows clicks on bars and points but not lines', () => {
    const rows = [{ problem_type: 'Returns', tickets: 12, cumulative_share: 0.6 }, { problem_type: 'Late', tickets: 8, cumulative_share: 1 }];
    const bars = toPareto(rows, (row) => ({ drill: `/tickets?problem_type=${row.problem_type}`, drillLabel: `${row.problem_type}: ${row.tickets}` }));
    const spec = paretoSpec({ bars, categoryTitle: 'Type', ticketsTitle: 'Tickets', cumulativeTitle: 'Cum.', growingTitle: 'Growing', yesNo: { yes: 'y', no: 'n' } });
    expect(drillTargets(spec)).toEqual([
      { href: '/tickets?problem_type=Returns', label: 'Returns: 12' }, { href: '/tickets?problem_type=Late', label: 'Late: 8' },
    ]);
    const datum = (spec as { data: { values: unknown[] } }).data.values[0];
    expect(clickedDrill({ datum, mark: { marktype: 'rect' } })).toBe('/tickets?problem_type=Returns');
    expect(clickedDrill({ datum, mark: { marktype: 'line' } })).toBeNull();
    expect(clickedDrill(null)).toBeNull();
    expect(toPareto(rows)[0]).not.toHaveProperty('drill');
  });
});
