import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { metricWarehouse } from './fixtures/metric-week.ts';

// Created Thursday 2 April 17:00 (CEST), answered and resolved Monday 6 April: the calendar is closed
// on Good Friday (a holiday) and the weekend.
let w: Warehouse;
beforeAll(async () => {
  w = await metricWarehouse([
    { event_id: 'h1', ticket_id: 'X', type: 'created', occurred_at: '2026-04-02T17:00:00+02:00', team_id: 'support', channel: 'web', problem_type: 'logistics' },
    { event_id: 'h2', ticket_id: 'X', type: 'replied', occurred_at: '2026-04-06T09:30:00+02:00', actor: 'agent', agent_id: 'a1' },
    { event_id: 'h3', ticket_id: 'X', type: 'resolved', occurred_at: '2026-04-06T10:00:00+02:00' },
  ]);
});
afterAll(() => w.close());

const DAY: MetricFilter = { from: '2026-04-02', to: '2026-04-06', timezone: 'Europe/Berlin' };
const value = async (filter: MetricFilter, metric: string) =>
  (await overview(w.db, filter, { now: new Date('2026-04-07T00:00:00Z') })).rows.find((r) => r.metric === metric)!.value;

describe('business time over a holiday and a weekend', () => {
  it('skips Good Friday and the weekend in business time only', async () => {
    expect(await value(DAY, 'frt_median')).toBe(1.5 * 3600); // Thu 17-18 + Mon 9-9:30
    expect(await value(DAY, 'resolution_median')).toBe(2 * 3600); // Thu 17-18 + Mon 9-10
    expect(await value({ ...DAY, clock: 'calendar' }, 'resolution_median')).toBe(89 * 3600);
    expect(await value(DAY, 'sla_resolution')).toBe(1); // 2 business hours <= 8 h
  });
});
