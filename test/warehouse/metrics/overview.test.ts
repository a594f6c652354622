import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import { OVERVIEW_KPIS } from '../../../warehouse/metrics/catalog.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { DATA_START, EVENTS, metricWarehouse, NOW, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse([...EVENTS, ...DATA_START]); });
afterAll(() => w.close());

const H = 3600;
async function kpis(filter: MetricFilter): Promise<Record<string, { value: unknown; previous: unknown; delta: unknown; delta_pct: unknown }>> {
  const table = await overview(w.db, filter, { now: NOW });
  return Object.fromEntries(table.rows.map((r) => [r.metric, r])) as never;
}

describe('overview', () => {
  it('lists every overview KPI with the previous period of the same length', async () => {
    const table = await overview(w.db, WEEK, { now: NOW });
    expect(table.rows.map((r) => r.metric)).toEqual(OVERVIEW_KPIS);
    expect(table.previous).toEqual({ from: '2026-03-17', to: '2026-03-23' });
    expect(table.columns.map((c) => c.key)).toEqual(['metric', 'value', 'previous', 'delta', 'delta_pct']);
  });

  it('computes the week in business time as by hand', async () => {
    const k = await kpis(WEEK);
    const v = (key: string) => k[key]!.value;
    expect(v('volume')).toBe(6); // A B C D E F
    expect(v('resolved')).toBe(5); // A B D E, and H created the week before
    expect(v('unanswered')).toBe(1); // C
    // FRT business: F 0.5 h, E 0.75 h, A 1 h, D 1 h, B 2 h (weekend + DST skipped)
    expect(v('frt_median')).toBe(1 * H);
    expect(v('frt_p90')).toBeCloseTo(1 * H + 0.6 * H); // rank 3.6 between 1 h and 2 h
    expect(v('frt_mean')).toBeCloseTo((0.5 + 0.75 + 1 + 1 + 2) / 5 * H);
    // Resolution business: E 3, H 3, B 4, A 5, D 10 hours
    expect(v('resolution_median')).toBe(4 * H);
    expect(v('resolution_p90')).toBeCloseTo(5 * H + 0.6 * 5 * H);
    expect(v('resolution_mean')).toBeCloseTo(25 / 5 * H);
    // SLA FRT: A B D F met; C unanswered past 2 h, E 45 min > 30 min (escalations, calendar) -> 4/6
    expect(v('sla_frt')).toBeCloseTo(4 / 6);
    // SLA resolution: A B met; C open past 8 h, D 10 h, E 3 h > 2 h breached; F open within 8 h not counted -> 2/5
    expect(v('sla_resolution')).toBeCloseTo(2 / 5);
    // Ratings in the week: A 5, H 1, B 4 (its earlier 2 does not count)
    expect(v('csat')).toBeCloseTo(2 / 3);
    expect(v('rating_mean')).toBeCloseTo(10 / 3);
    expect(v('rating_response_rate')).toBeCloseTo(3 / 5); // A B H rated of A B D E H
    expect(v('backlog')).toBe(2); // C and F at the end of Monday 30th
    // First resolved in the week: A B D E H; D reopened; one touch: A B E H
    expect(v('reopen_rate')).toBeCloseTo(1 / 5);
    expect(v('one_touch_rate')).toBeCloseTo(4 / 5);
    expect(v('transfer_rate')).toBeCloseTo(1 / 6);
    expect(v('escalation_rate')).toBeCloseTo(1 / 6);
    // Reply waits (since creation: no customer messages): F 0.5, E 0.75, A 1, D 1, B 2, D 4, D 7 hours
    expect(v('reply_median')).toBe(1 * H);
  });

  it('switches durations to calendar time but keeps SLA on the policy clock', async () => {
    const k = await kpis({ ...WEEK, clock: 'calendar' });
    expect(k.frt_median!.value).toBe(1 * H);
    expect(k.frt_mean!.value).toBeCloseTo((0.5 + 0.75 + 1 + 1 + 64) / 5 * H); // B: Fri 17:00 CET -> Mon 10:00 CEST = 64 h
    // Resolution calendar: E 3, A 5, H 18, D 25, B 66 hours
    expect(k.resolution_median!.value).toBe(18 * H);
    expect(k.resolution_p90!.value).toBeCloseTo(25 * H + 0.6 * 41 * H);
    expect(k.sla_frt!.value).toBeCloseTo(4 / 6);
    expect(k.sla_resolution!.value).toBeCloseTo(2 / 5);
  });

  it('compares with the previous week: value, previous, delta and delta %', async () => {
    const k = await kpis(WEEK);
    expect(k.volume).toEqual({ metric: 'volume', value: 6, previous: 2, delta: 4, delta_pct: 2 });
    // Previous FRT: H 0.5 h, G 4 h -> median 2.25 h
    expect(k.frt_median).toMatchObject({ value: H, previous: 2.25 * H, delta: -1.25 * H });
    expect(k.frt_median!.delta_pct).toBeCloseTo(-1.25 / 2.25);
    expect(k.resolved).toMatchObject({ value: 5, previous: 1 }); // G
    expect(k.sla_frt!.previous).toBeCloseTo(1 / 2); // G 4 h > 2 h; H met
    expect(k.backlog).toMatchObject({ value: 2, previous: 1 }); // H open at the end of Monday 23rd
    expect(k.csat).toMatchObject({ previous: null, delta: null, delta_pct: null }); // no ratings then
  });

  it('applies dimension filters, several values, and the team scope', async () => {
    const web = await kpis({ ...WEEK, values: { channel: ['web'] } });
    expect(web.volume!.value).toBe(3); // A C F
    expect(web.unanswered!.value).toBe(1);
    const two = await kpis({ ...WEEK, values: { channel: ['web', 'chat'], problem_type: ['logistics', 'complaint'] } });
    expect(two.volume!.value).toBe(3); // A E F
    const scoped = await kpis({ ...WEEK, scopeTeams: ['escalations'] });
    expect(scoped.volume!.value).toBe(1); // E, now held by escalations
    expect(scoped.sla_frt!.value).toBe(0);
    expect(scoped.transfer_rate!.value).toBe(1);
  });

  it('answers zeros and nulls, not errors, when nothing matches', async () => {
    const k = await kpis({ ...WEEK, values: { channel: ["fax'; DROP TABLE tickets; --"] } });
    expect(k.volume).toEqual({ metric: 'volume', value: 0, previous: 0, delta: 0, delta_pct: null });
    expect(k.frt_median!.value).toBeNull();
    expect(k.csat!.value).toBeNull();
    expect(k.backlog!.value).toBe(0);
    expect((await kpis(WEEK)).volume!.value).toBe(6);
  });
});
