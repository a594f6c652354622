// Tickets still waiting that came in out of hours (issue 18, item 1): on the business clock they are
// 0 old until their calendar opens, so the tiles never say "waiting 0s"; they say how many have not
// reached business hours yet and how long ago they came (wall clock), beside the oldest business-hour
// wait. Hand-computed over a Friday evening, two midnights and Berlin's DST change (Sunday 29 March
// 2026, 02:00 -> 03:00), Mon-Fri 09:00-18:00 (fixtures/metrics.yaml).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import type { Warehouse } from '../../../warehouse/database.ts';
import { censoring } from '../../../warehouse/metrics/censoring.ts';
import { censoringNotes } from '../../../warehouse/metrics/censoring-notes.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { formatValue } from '../../../warehouse/metrics/format-value.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import { metricWarehouse } from './fixtures/metric-week.ts';

let n = 0;
const ev = (ticket: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: `${ticket}-${++n}`, ticket_id: ticket, type, occurred_at: at, ...extra });
const created = (ticket: string, at: string) => ev(ticket, 'created', at, { team_id: 'support', priority: 'normal' });
const reply = (ticket: string, at: string) => ev(ticket, 'replied', at, { actor: 'agent', agent_id: 'a1' });

const H = 3600;
/** Monday 30 March 08:30 CEST, before the calendar opens. */
const BEFORE_OPENING = new Date('2026-03-30T06:30:00Z');
/** Monday 30 March 10:15 CEST: every ticket has had 1 h 15 min of business time since 09:00. */
const AFTER_OPENING = new Date('2026-03-30T08:15:00Z');
const WEEKEND: MetricFilter = { from: '2026-03-27', to: '2026-03-29', timezone: 'Europe/Berlin', clock: 'business' };
const SUNDAY: MetricFilter = { ...WEEKEND, from: '2026-03-29' };

const EVENTS: CanonicalEvent[] = [
  // A1 answered in 1 h, resolved in 2 h; O1 answered in 30 min, still open (9 business hours on Friday).
  created('A1', '2026-03-27T10:00:00+01:00'), reply('A1', '2026-03-27T11:00:00+01:00'), ev('A1', 'resolved', '2026-03-27T12:00:00+01:00'),
  created('O1', '2026-03-27T09:00:00+01:00'), reply('O1', '2026-03-27T09:30:00+01:00'),
  // W1 Friday 16:00: 2 business hours by Friday 18:00 (63.5 h on the wall clock by BEFORE_OPENING).
  created('W1', '2026-03-27T16:00:00+01:00'),
  // W2 Friday 23:30 CET, over midnight: 0 business hours until Monday; 56 h by BEFORE_OPENING (local
  // 23:30 -> 08:30 reads 57 h, but Sunday lost an hour).
  created('W2', '2026-03-27T23:30:00+01:00'),
  // W3 Sunday 01:30 CET, half an hour before the change: 30 h by BEFORE_OPENING (local reading 31 h).
  created('W3', '2026-03-29T01:30:00+01:00'),
];

const format = { seconds: (s: number, lang: 'en' | 'zh') => formatValue(s, 'seconds', lang), count: (c: number, lang: 'en' | 'zh') => formatValue(c, 'count', lang) };

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(EVENTS); });
afterAll(() => w.close());

async function notes(filter: MetricFilter, now: Date, metric: 'frt_median' | 'resolution_median') {
  const table = await overview(w.db, filter, { now });
  const row = table.rows.find((r) => r.metric === metric)!;
  return { row, notes: censoringNotes(row, format, table.clock) };
}

describe('censored tickets created out of hours', () => {
  it('counts apart, before the calendar opens, the tickets with no business time yet and their wall-clock age', async () => {
    expect((await censoring(w.db, WEEKEND, { now: BEFORE_OPENING })).current).toEqual({
      unanswered: 3, unanswered_age_median: 0, unanswered_age_max: 2 * H, // W1 2 h, W2 0, W3 0
      unanswered_off_hours: 2, unanswered_off_hours_wall_age_max: 56 * H, // W2 56 h, W3 30 h
      frt_median_bound: 0.5 * H, // 0, 0, [O1 0.5], A1 1, W1 2
      open_created: 4, open_age_median: 1 * H, open_age_max: 9 * H, // O1 9, W1 2, W2 0, W3 0
      open_off_hours: 2, open_off_hours_wall_age_max: 56 * H,
      resolution_median_bound: 2 * H, // 0, 0, [A1 2], W1 2, O1 9
    });
  });

  it('says how many are not in business hours yet, never "waiting 0s", in en and zh', async () => {
    const frt = await notes(WEEKEND, BEFORE_OPENING, 'frt_median');
    expect(frt.notes[0]).toEqual({
      en: '3 still unanswered, the oldest waiting 2h 00m (business hours); 2 not yet in business hours (created out of hours, up to 2d 8h ago); counted at their wait so far',
      zh: '3 张仍未回复，最久的已等待 2小时00分（工作时间）；其中 2 张尚未进入工作时间（非工作时间创建，最早的已过去 2天8小时）；按已等待时长计入',
    });
    const resolution = await notes(WEEKEND, BEFORE_OPENING, 'resolution_median');
    expect(resolution.notes).toEqual([{
      en: '4 of the period\'s tickets still open, the oldest open 9h 00m (business hours); 2 not yet in business hours (created out of hours, up to 2d 8h ago); median resolution of the period\'s tickets ≥ 2h 00m',
      zh: '本期工单中 4 张仍未解决，最久的已开启 9小时00分（工作时间）；其中 2 张尚未进入工作时间（非工作时间创建，最早的已过去 2天8小时）；本期新建工单解决时长中位数 ≥ 2小时00分',
    }]);
    for (const note of [...frt.notes, ...resolution.notes]) {
      expect(note.en).not.toMatch(/\b0s\b/);
      expect(note.zh).not.toContain('0秒');
    }
  });

  it('a lone ticket that came in at night: not yet in business hours, how long ago, no oldest wait', async () => {
    const { notes: [note] } = await notes(SUNDAY, BEFORE_OPENING, 'frt_median');
    expect(note).toEqual({
      en: '1 still unanswered; not yet in business hours (created out of hours, 1d 6h ago); counted at their wait so far',
      zh: '1 张仍未回复；尚未进入工作时间（非工作时间创建，已过去 1天6小时）；按已等待时长计入',
    });
  });

  it('once the calendar opens every ticket waits in business hours: the oldest one\'s wait only', async () => {
    const { row, notes: [note] } = await notes(WEEKEND, AFTER_OPENING, 'frt_median');
    // W1 2 h + 1 h 15 min; W2 and W3 1 h 15 min
    expect(row).toMatchObject({ unanswered: 3, unanswered_age_max: 3.25 * H, unanswered_off_hours: 0, unanswered_off_hours_wall_age_max: null });
    expect(note).toEqual({
      en: '3 still unanswered, the oldest waiting 3h 15m (business hours); counted at their wait so far',
      zh: '3 张仍未回复，最久的已等待 3小时15分（工作时间）；按已等待时长计入',
    });
  });

  it('on the calendar clock no ticket is out of hours: the oldest wait by the wall clock', async () => {
    const { row, notes: [note] } = await notes({ ...WEEKEND, clock: 'calendar' }, BEFORE_OPENING, 'frt_median');
    expect(row).toMatchObject({ unanswered_age_max: 63.5 * H, unanswered_off_hours: 0 });
    expect(note).toEqual({
      en: '3 still unanswered, the oldest waiting 2d 15h so far; counted at their wait so far',
      zh: '3 张仍未回复，最久的已等待 2天15小时；按已等待时长计入',
    });
  });
});
