// The breakdown charts: one bar per dimension value and KPI, each leading to the tickets behind its
// number (volume: created; FRT median: the measured ones, slowest first; SLA: judged, breaches first;
// CSAT: rated), the value replacing the page's filter on that dimension; a value with no id no link.
import { describe, expect, it } from 'vitest';
import { breakdownBars, breakdownHref } from '../../../../../web/ui/lib/charts/breakdown.ts';
import { barSpec } from '../../../../../web/ui/lib/charts/bar.ts';
import { drillTargets } from '../../../../../web/ui/lib/charts/drill.ts';
import type { MetricTable } from '../../../../../web/ui/lib/api/types.ts';

const period = { from: '2026-11-01', to: '2026-11-30', timezone: 'Asia/Shanghai' };
const query = (href: string | null) => Object.fromEntries(new URL(href!, 'http://x').searchParams);

describe('breakdown', () => {
  it('drills each KPI bar to the tickets behind that number', () => {
    const params = new URLSearchParams('channel=email&team=t1&breakdown=channel');
    expect(query(breakdownHref(params, period, 'channel', 'chat', 'volume'))).toEqual({
      channel: 'chat', team: 't1', from: '2026-11-01', to: '2026-11-30', on: 'created',
    });
    expect(query(breakdownHref(params, period, 'channel', 'chat', 'frt_median'))).toMatchObject({
      channel: 'chat', on: 'created', measured: 'first_response', sort: 'first_response_seconds', order: 'desc',
    });
    expect(query(breakdownHref(params, period, 'team', 't2', 'sla_frt'))).toMatchObject({ team: 't2', sla: 'first_response', sort: 'sla_state', order: 'asc' });
    expect(query(breakdownHref(params, period, 'region', 'north', 'csat'))).toMatchObject({ region: 'north', on: 'rated' });
    expect(breakdownHref(params, period, 'channel', 'chat', 'backlog')).toBeNull();
  });

  it('draws the bars of one KPI with their links; a missing value or figure draws no link or no bar', () => {
    const table = {
      name: 'breakdown-channel', period, previous: null, clock: 'business', columns: [],
      rows: [{ value: 'Chat', volume: 30, csat: 0.9 }, { value: 'Email', volume: 12, csat: null }, { value: '—', volume: 2, csat: 0.5 }],
    } as MetricTable;
    const names: Record<string, string> = { Chat: 'chat', Email: 'email' };
    const drill = { params: new URLSearchParams(), dimension: 'channel' as const, idOf: (v: unknown) => names[String(v)] ?? null,
      label: (row: Record<string, unknown>) => `${row.value}: ${row.volume}` };
    const volume = breakdownBars(table, 'volume', 'count', drill);
    expect(volume.map((b) => [b.category, b.value, b.drill ? query(b.drill).channel : null])).toEqual([['Chat', 30, 'chat'], ['Email', 12, 'email'], ['—', 2, null]]);
    expect(breakdownBars(table, 'csat', 'ratio', drill).map((b) => b.category)).toEqual(['Chat', '—']);
    expect(drillTargets(barSpec({ bars: volume, unit: 'count', categoryTitle: 'Channel', valueTitle: 'Tickets' })).map((t) => t.label))
      .toEqual(['Chat: 30', 'Email: 12']);
    // planners (no ticket lists): bars, no links
    expect(breakdownBars(table, 'volume', 'count', null).every((b) => b.drill === undefined)).toBe(true);
  });
});
