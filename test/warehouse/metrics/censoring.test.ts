// Censored recent periods on a hand-made day: tickets not answered or resolved yet count at their
// age so far (lower-bound medians), and the previous day is taken as it stood at the same age.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import type { Warehouse } from '../../../warehouse/database.ts';
import { censoring, sameAgeInstant } from '../../../warehouse/metrics/censoring.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import { metricWarehouse } from './fixtures/metric-week.ts';

let n = 0;
const ev = (ticket: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: `${ticket}-${++n}`, ticket_id: ticket, type, occurred_at: at, ...extra });
const created = (ticket: string, at: string) => ev(ticket, 'created', at, { team_id: 'support', priority: 'normal' });
const reply = (ticket: string, at: string) => ev(ticket, 'replied', at, { actor: 'agent', agent_id: 'a1' });
const resolved = (ticket: string, at: string) => ev(ticket, 'resolved', at);

/** Friday 27 March 09:00 Berlin: 9 h after the end of Thursday, the day looked at. */
const NOW = new Date('2026-03-27T08:00:00Z');
const THURSDAY: MetricFilter = { from: '2026-03-26', to: '2026-03-26', timezone: 'Europe/Berlin', clock: 'calendar' };
const H = 3600;

const EVENTS: CanonicalEvent[] = [
  // Thursday (current). First response: P1 1 h, P2 0.5 h, P5 10 h; P3 and P4 unanswered, 19 h and 13 h old by NOW.
  created('P1', '2026-03-26T09:00:00+01:00'), reply('P1', '2026-03-26T10:00:00+01:00'), resolved('P1', '2026-03-26T12:00:00+01:00'),
  created('P2', '2026-03-26T10:00:00+01:00'), reply('P2', '2026-03-26T10:30:00+01:00'),
  created('P3', '2026-03-26T14:00:00+01:00'),
  created('P4', '2026-03-26T20:00:00+01:00'),
  created('P5', '2026-03-26T22:00:00+01:00'), reply('P5', '2026-03-27T08:00:00+01:00'), resolved('P5', '2026-03-27T08:30:00+01:00'),
  // Wednesday (previous), seen at Thursday 09:00: Q1 answered in 1 h, Q2 in 14 h (08:00, before 09:00);
  // Q3 answered Thursday 12:00 (16 h), so unanswered at 09:00 (13 h old); Q4 never answered (10 h old at 09:00).
  created('Q1', '2026-03-25T09:00:00+01:00'), reply('Q1', '2026-03-25T10:00:00+01:00'),
  created('Q2', '2026-03-25T18:00:00+01:00'), reply('Q2', '2026-03-26T08:00:00+01:00'),
  created('Q3', '2026-03-25T20:00:00+01:00'), reply('Q3', '2026-03-26T12:00:00+01:00'),
  created('Q4', '2026-03-25T23:00:00+01:00'),
];

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(EVENTS); });
afterAll(() => w.close());

describe('censoring of a recent period', () => {
  it('takes the previous period at the same distance past its end, or into it while the range runs', () => {
    expect(sameAgeInstant(THURSDAY, NOW)).toEqual(new Date('2026-03-26T08:00:00Z'));
    expect(sameAgeInstant(THURSDAY, new Date('2026-03-26T15:00:00Z'))).toEqual(new Date('2026-03-25T15:00:00Z'));
  });

  it('counts unanswered and open tickets at their age so far, and medians that take them at it as lower bounds', async () => {
    const c = await censoring(w.db, THURSDAY, { now: NOW });
    expect(c.current).toEqual({
      unanswered: 2, unanswered_age_median: 16 * H, unanswered_age_max: 19 * H, // P3 19 h, P4 13 h
      unanswered_off_hours: 0, unanswered_off_hours_wall_age_max: null, // the calendar clock: none out of hours
      frt_median_bound: 10 * H, // 0.5, 1, [10], 13, 19
      open_created: 3, open_age_median: 19 * H, open_age_max: 23 * H, // P2 23 h, P3 19 h, P4 13 h
      open_off_hours: 0, open_off_hours_wall_age_max: null,
      resolution_median_bound: 13 * H, // P1 3, P5 10.5, [P4 13], P3 19, P2 23
    });
    // Wednesday as of Thursday 09:00: Q3 (13 h) and Q4 (10 h) were waiting; first responses 1, [10, 13], 14
    expect(c.previous.unanswered).toBe(2);
    expect(c.previous.unanswered_age_median).toBe(11.5 * H);
    expect(c.previous.frt_median_bound).toBe(11.5 * H);
  });

  it('overview: unanswered against the previous day at the same age (not its final 1), the bounds beside the medians', async () => {
    const table = await overview(w.db, THURSDAY, { now: NOW });
    const row = (metric: string) => table.rows.find((r) => r.metric === metric)!;
    expect(row('unanswered')).toMatchObject({ value: 2, previous: 2, delta: 0, delta_pct: 0, previous_final: 1, previous_as_of: '2026-03-26T08:00:00.000Z' });
    // The answered-only median (1 h) reads better than the day was: the bound says at least 10 h.
    expect(row('frt_median')).toMatchObject({
      value: 1 * H, unanswered: 2, unanswered_age_median: 16 * H, frt_median_bound: 10 * H, frt_median_bound_previous: 11.5 * H,
    });
    expect(row('resolution_median')).toMatchObject({ open_created: 3, open_age_median: 19 * H, resolution_median_bound: 13 * H });
  });

  it('equals the plain median once every ticket is answered and resolved', async () => {
    const later = new Date('2026-04-30T08:00:00Z');
    const done = await metricWarehouse([...EVENTS, reply('P3', '2026-03-27T10:00:00+01:00'), reply('P4', '2026-03-27T10:00:00+01:00'),
      ...['P2', 'P3', 'P4'].map((t) => resolved(t, '2026-03-27T11:00:00+01:00'))]);
    try {
      const row = (await overview(done.db, THURSDAY, { now: later })).rows.find((r) => r.metric === 'frt_median')!;
      expect(row).toMatchObject({ unanswered: 0, unanswered_age_median: null, frt_median_bound: row.value });
    } finally {
      done.close();
    }
  });

  it('measures the age in business time when asked', async () => {
    const c = await censoring(w.db, { ...THURSDAY, clock: 'business' }, { now: NOW });
    expect(c.current.unanswered).toBe(2);
    expect(c.current.unanswered_age_median!).toBeGreaterThan(0);
    expect(c.current.unanswered_age_median!).toBeLessThan(16 * H);
  });
});
