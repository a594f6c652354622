// "Growing" judged against the calendar on hand-made Mondays (UTC): every type rises on a promotion
// Monday as its lift on last month's promotion Monday predicts (no flag), and one rises beyond it
// (flagged, with the excess worked out by hand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { problems } from '../../../warehouse/metrics/problems.ts';
import { isGrowing } from '../../../warehouse/metrics/problem-growth-rule.ts';
import { growthNotes, rangeKind } from '../../../warehouse/metrics/problem-growth-notes.ts';
import { insertEvents } from '../fixtures/insert-events.ts';

/** Tickets per type on ordinary Mondays, on the past promotion Monday (9 March) and on the promotion Monday looked at (30 March). */
const ORDINARY = { a: 10, b: 20, c: 6 };
const PAST_PROMOTION = { a: 30, b: 40, c: 9 }; // lifts 3, 2 and 1.5
const ORDINARY_MONDAYS = ['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-16', '2026-03-23'];
const PROMOTION_MONDAY: MetricFilter = { from: '2026-03-30', to: '2026-03-30', timezone: 'UTC', clock: 'calendar' };

let n = 0;
function day(date: string, counts: Record<string, number>): CanonicalEvent[] {
  return Object.entries(counts).flatMap(([type, count]) => Array.from({ length: count }, (_, i) => ({
    event_id: `e${++n}`, ticket_id: `${date}-${type}-${i}`, type: 'created' as const,
    occurred_at: `${date}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`, team_id: 'support', priority: 'normal', problem_type: type,
  })));
}

async function warehouseWith(onPromotionMonday: Record<string, number>): Promise<Warehouse> {
  const w = await Warehouse.open(':memory:');
  const config = loadConfig('test/warehouse/metrics/fixtures/metrics.yaml');
  await syncConfig(w.db, { ...config, promotions: [{ date: '2026-03-09' }, { date: '2026-03-30' }] });
  await insertEvents(w.db, [...ORDINARY_MONDAYS.flatMap((d) => day(d, ORDINARY)), ...day('2026-03-09', PAST_PROMOTION),
    ...day('2026-03-30', onPromotionMonday)]);
  await deriveTickets(w.db, 'all');
  return w;
}

let asPredicted: Warehouse;
let oneBeyond: Warehouse;
beforeAll(async () => {
  asPredicted = await warehouseWith({ a: 30, b: 41, c: 9 });
  oneBeyond = await warehouseWith({ a: 30, b: 41, c: 16 });
});
afterAll(() => { asPredicted.close(); oneBeyond.close(); });

const byType = async (w: Warehouse) => Object.fromEntries((await problems(w.db, PROMOTION_MONDAY)).rows.map((r) => [r.problem_type, r]));

describe('growing against the calendar', () => {
  it('expects each type\'s same-weekday mean times its promotion lift, and flags none that rise as predicted', async () => {
    const t = await byType(asPredicted);
    // baseline: the ordinary Mondays 2 and 23 March (9 March is a promotion day, 16 March 7 days after it) -> 10, 20, 6;
    // lifts on 9 March against the Mondays of the 4 weeks before its days (from 6 March): 3, 2, 1.5 -> 30, 40, 9
    expect(t.a).toMatchObject({ tickets: 30, expected: 30, vs_expected: 0, growing: false, promotion_days: 1 });
    expect(t.b).toMatchObject({ tickets: 41, expected: 40, growing: false });
    expect(t.b!.vs_expected).toBeCloseTo(0.025);
    expect(t.c).toMatchObject({ tickets: 9, expected: 9, growing: false });
    // against the previous day (Sunday, no tickets) every type would be new; against last Monday all tripled
  });

  it('flags the type that rises beyond the calendar, with its excess', async () => {
    const t = await byType(oneBeyond);
    expect([t.a!.growing, t.b!.growing, t.c!.growing]).toEqual([false, false, true]);
    // c: 16 where 6 x 1.5 = 9 were expected: +77.8%, 7 tickets more > 2 x sqrt(9)
    expect(t.c).toMatchObject({ tickets: 16, expected: 9, growing: true, promotion_days: 1 });
    expect(t.c!.vs_expected).toBeCloseTo(7 / 9);
  });

  it('expects an ordinary Monday from the same weekday alone', async () => {
    const t = Object.fromEntries((await problems(oneBeyond.db, { ...PROMOTION_MONDAY, from: '2026-03-23', to: '2026-03-23' })).rows
      .map((r) => [r.problem_type, r]));
    // baseline 23 Feb and 2 March (9 and 16 March are around a promotion): 10, 20, 6 exactly as on the day
    expect([t.a!.expected, t.b!.expected, t.c!.expected, t.a!.promotion_days, t.a!.promotion_window_days]).toEqual([10, 20, 6, 0, 0]);
    expect([t.a!.growing, t.b!.growing, t.c!.growing]).toEqual([false, false, false]);
  });

  it('needs 10% and 2 Poisson deviations above the expectation; nothing known without history', () => {
    expect(isGrowing(16, 9)).toBe(true);
    expect(isGrowing(15, 9)).toBe(false); // +67%, but 6 = 2 x sqrt(9) is within noise
    expect(isGrowing(1050, 1000)).toBe(false); // +5%
    expect(isGrowing(3, 0)).toBe(true); // a type the history never saw
    expect(isGrowing(3, null)).toBeNull();
  });
});

describe('growthNotes', () => {
  const f = { ratio: (r: number) => `${(r * 100).toFixed(1)}%`, count: (n: number) => String(n), type: (v: string, l: 'en' | 'zh') => (l === 'en' ? v : `类型${v}`) };

  it('says by how much a growing type is above the calendar, for the kind of range', async () => {
    const table = await problems(oneBeyond.db, PROMOTION_MONDAY);
    expect(growthNotes(table.rows, table.period, f)).toEqual([
      { en: 'c: +77.8% above expected (16 vs 9) for a promotion Monday', zh: '类型c：比促销日（周一）的预期高 77.8%（16 对 9）' },
    ]);
  });

  it('says growth is not judged around a promotion the history cannot tell about', async () => {
    // the 30 March promotion alone: its lift has no earlier promotion to come from
    const w = await Warehouse.open(':memory:');
    try {
      await syncConfig(w.db, { ...loadConfig('test/warehouse/metrics/fixtures/metrics.yaml'), promotions: [{ date: '2026-03-30' }] });
      await insertEvents(w.db, [...ORDINARY_MONDAYS.flatMap((d) => day(d, ORDINARY)), ...day('2026-03-30', { a: 30, b: 41, c: 16 })]);
      await deriveTickets(w.db, 'all');
      const table = await problems(w.db, PROMOTION_MONDAY);
      expect(table.rows.map((r) => [r.expected, r.growing])).toEqual([[null, null], [null, null], [null, null]]);
      expect(growthNotes(table.rows, table.period, f)[0]!.en).toMatch(/^Growth not judged/);
    } finally {
      w.close();
    }
  });

  it('names one day by its weekday and a longer range by its days and promotion days', () => {
    expect(rangeKind('2026-03-23', '2026-03-23', 0)).toEqual({ en: 'an ordinary Monday', zh: '普通周一' });
    expect(rangeKind('2026-03-24', '2026-03-30', 1)).toEqual({ en: 'these 7 days (1 promotion day)', zh: '这 7 天（含 1 个促销日）' });
    expect(rangeKind('2026-03-31', '2026-03-31', 0, 1)).toEqual({ en: 'a Tuesday around a promotion', zh: '促销前后的周二' });
  });
});
