import { describe, expect, it } from 'vitest';
import { demoRoster } from '../../../ingest/demo/demo-plan.ts';
import { DUPLICATE_SHARE, LATE_SHARE } from '../../../ingest/demo/generate-demo.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { SMALL, collect } from './fixtures/demo-fixture.ts';

const events = collect(SMALL);
const unique = [...new Map(events.map((e) => [e.event_id, e])).values()];
const created = unique.filter((e) => e.type === 'created');
const byTicket = new Map<string, CanonicalEvent[]>();
for (const e of unique) {
  const list = byTicket.get(e.ticket_id);
  if (list) list.push(e);
  else byTicket.set(e.ticket_id, [e]);
}

// occurred_at is written in Shanghai time: the local date and hour are in the text.
const localDate = (e: CanonicalEvent) => e.occurred_at.slice(0, 10);
const localHour = (e: CanonicalEvent) => Number(e.occurred_at.slice(11, 13));
const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
const ms = (e: CanonicalEvent) => Date.parse(e.occurred_at);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Ordinary days: no holiday week, no promotion window (11.08 .. 11.23). */
const ordinary = (date: string) => !(date >= '2026-10-01' && date <= '2026-10-08') && !(date >= '2026-11-08' && date <= '2026-11-23');

function perDay(list: CanonicalEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of list) counts.set(localDate(e), (counts.get(localDate(e)) ?? 0) + 1);
  return counts;
}

describe('demo seasonality', () => {
  const daily = perDay(created);

  it('has busier weekdays than weekends, most of all for the office teams', () => {
    const office = perDay(created.filter((e) => ['quality', 'install', 'escalations'].includes(e.team_id!)));
    const ratio = (counts: Map<string, number>) => {
      const days = [...counts].filter(([d]) => ordinary(d));
      const wd = mean(days.filter(([d]) => weekday(d) < 5).map(([, n]) => n));
      const we = mean(days.filter(([d]) => weekday(d) >= 5).map(([, n]) => n));
      return wd / we;
    };
    expect(ratio(daily)).toBeGreaterThan(1.05);
    expect(ratio(office)).toBeGreaterThan(1.3);
  });

  it('peaks live channels in the late morning and the evening, quiet at night', () => {
    const live = created.filter((e) => e.channel === 'phone' || e.channel === 'chat');
    const hours = new Array<number>(24).fill(0);
    for (const e of live) hours[localHour(e)]!++;
    const at = (...hs: number[]) => mean(hs.map((h) => hours[h]!));
    expect(at(10, 11)).toBeGreaterThan(1.15 * at(14, 15, 16, 17));
    expect(at(20, 21)).toBeGreaterThan(1.15 * at(14, 15, 16, 17));
    expect(at(2, 3, 4)).toBeLessThan(0.1 * at(10, 11));
  });

  it('multiplies volume on 11.11 and the days after it', () => {
    const normal = median([...daily].filter(([d]) => ordinary(d)).map(([, n]) => n));
    expect(daily.get('2026-11-11')!).toBeGreaterThan(2.5 * normal);
    const peak = Math.max(...['2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'].map((d) => daily.get(d)!));
    expect(peak).toBeGreaterThan(3.5 * normal);
    expect(peak).toBeLessThan(8 * normal);
  });
});

describe('demo delivery quirks', () => {
  it('repeats about 0.5% of events with the same event_id', () => {
    const share = (events.length - unique.length) / events.length;
    expect(share).toBeGreaterThan(DUPLICATE_SHARE * 0.6);
    expect(share).toBeLessThan(DUPLICATE_SHARE * 1.4);
  });

  it('delivers some events late, after events that happened later', () => {
    let latest = -Infinity;
    let late = 0;
    for (const e of events) {
      // Ten minutes of slack: duplicates re-sent within minutes are not "late".
      if (ms(e) < latest - 600_000) late++;
      latest = Math.max(latest, ms(e));
    }
    expect(late / events.length).toBeGreaterThan(LATE_SHARE * 0.7);
    expect(late / events.length).toBeLessThan(LATE_SHARE + DUPLICATE_SHARE + 0.005);
  });

  it('brings some customers back about the same problem within 7 days', () => {
    const last = new Map<string, number>();
    let repeats = 0;
    for (const e of [...created].sort((a, b) => ms(a) - ms(b))) {
      const key = `${e.customer_id}|${e.problem_type}`;
      if (last.has(key) && ms(e) - last.get(key)! <= 7 * 86_400_000) repeats++;
      last.set(key, ms(e));
    }
    expect(repeats / created.length).toBeGreaterThan(0.03);
    expect(repeats / created.length).toBeLessThan(0.15);
  });

  it('leaves a backlog of unresolved tickets at the end, some of them old', () => {
    const end = Date.parse('2026-12-01T00:00:00+08:00');
    const open = [...byTicket.values()].filter((list) => {
      const last = list.filter((e) => ['created', 'resolved', 'reopened'].includes(e.type)).sort((a, b) => ms(a) - ms(b)).pop()!;
      return last.type !== 'resolved';
    });
    expect(open.length / created.length).toBeGreaterThan(0.01);
    expect(open.length / created.length).toBeLessThan(0.2);
    expect(open.some((list) => ms(list[0]!) < end - 10 * 86_400_000)).toBe(true);
  });
});

describe('demo service behaviour', () => {
  const firstAgentReply = new Map<string, number>();
  for (const e of [...unique].sort((a, b) => ms(a) - ms(b))) {
    if (e.type === 'replied' && e.actor === 'agent' && !firstAgentReply.has(e.ticket_id)) firstAgentReply.set(e.ticket_id, ms(e));
  }
  const frtMinutes = (channels: string[]) => median(created
    .filter((e) => channels.includes(e.channel!) && firstAgentReply.has(e.ticket_id))
    .map((e) => (firstAgentReply.get(e.ticket_id)! - ms(e)) / 60_000));

  it('answers phone and chat in minutes and written channels in hours', () => {
    expect(frtMinutes(['phone', 'chat'])).toBeLessThan(10);
    expect(frtMinutes(['web', 'email'])).toBeGreaterThan(60);
    expect(frtMinutes(['web', 'email'])).toBeLessThan(24 * 60);
  });

  it('has every agent of its roster replying, mostly within their team calendar', () => {
    const replies = unique.filter((e) => e.type === 'replied' && e.actor === 'agent');
    expect(new Set(replies.map((e) => e.agent_id))).toEqual(new Set(demoRoster(SMALL).map((a) => a.id)));
    const officeTeams = ['quality', 'install', 'escalations'];
    const inHours = replies.filter((e) => {
      const h = localHour(e);
      const holiday = localDate(e) >= '2026-10-01' && localDate(e) <= '2026-10-07' && !['2026-10-03', '2026-10-04'].includes(localDate(e));
      return officeTeams.includes(e.team_id!) ? weekday(localDate(e)) < 5 && !holiday && h >= 9 && h < 18 : h >= 8 && h < 22;
    });
    expect(inHours.length / replies.length).toBeGreaterThan(0.95);
  });

  it('gets ratings from about a third of resolved tickets, worse after long resolutions', () => {
    const rated = unique.filter((e) => e.type === 'rated' && e.rating_dimension == null);
    const resolvedTickets = new Set(unique.filter((e) => e.type === 'resolved').map((e) => e.ticket_id));
    expect(rated.length / resolvedTickets.size).toBeGreaterThan(0.28);
    expect(rated.length / resolvedTickets.size).toBeLessThan(0.45);
    const hours = (ticket: string) => {
      const list = byTicket.get(ticket)!;
      const resolved = list.filter((e) => e.type === 'resolved').map(ms);
      return (Math.max(...resolved) - ms(list.find((e) => e.type === 'created')!)) / 3_600_000;
    };
    const fast = rated.filter((e) => hours(e.ticket_id) < 4).map((e) => e.rating!);
    const slow = rated.filter((e) => hours(e.ticket_id) > 72).map((e) => e.rating!);
    expect(fast.length).toBeGreaterThan(100);
    expect(slow.length).toBeGreaterThan(100);
    expect(mean(slow)).toBeLessThan(mean(fast) - 0.8);
    const satisfied = rated.filter((e) => e.rating! >= 4).length / rated.length;
    expect(satisfied).toBeGreaterThan(0.6);
    expect(satisfied).toBeLessThan(0.9);
    const lowWithComment = rated.filter((e) => e.rating! <= 2);
    expect(lowWithComment.filter((e) => e.comment).length / lowWithComment.length).toBeGreaterThan(0.5);
  });

  it('has about half the survey answers rate speed, quality and attitude too, each after the ticket\'s experience', () => {
    const overall = unique.filter((e) => e.type === 'rated' && e.rating_dimension == null);
    const byDimension = (d: string) => unique.filter((e) => e.type === 'rated' && e.rating_dimension === d);
    const [speed, quality, attitude] = ['speed', 'quality', 'attitude'].map(byDimension) as [CanonicalEvent[], CanonicalEvent[], CanonicalEvent[]];
    expect(speed.length / overall.length).toBeGreaterThan(0.45);
    expect(speed.length / overall.length).toBeLessThan(0.65);
    // every dimension answer comes with an overall rating of its ticket
    const ratedTickets = new Set(overall.map((e) => e.ticket_id));
    expect([...speed, ...quality, ...attitude].every((e) => ratedTickets.has(e.ticket_id))).toBe(true);
    const firstReplyHours = (ticket: string) => {
      const list = byTicket.get(ticket)!;
      const reply = list.find((e) => e.type === 'replied' && e.actor === 'agent');
      return reply ? (ms(reply) - ms(list.find((e) => e.type === 'created')!)) / 3_600_000 : null;
    };
    const scores = (list: CanonicalEvent[]) => list.map((e) => e.rating!);
    const quick = speed.filter((e) => (firstReplyHours(e.ticket_id) ?? Infinity) < 1);
    const late = speed.filter((e) => (firstReplyHours(e.ticket_id) ?? 0) > 8);
    expect(quick.length).toBeGreaterThan(50);
    expect(late.length).toBeGreaterThan(50);
    expect(mean(scores(late))).toBeLessThan(mean(scores(quick)) - 0.5);
    const reopened = (e: CanonicalEvent) => byTicket.get(e.ticket_id)!.some((x) => x.type === 'reopened');
    expect(mean(scores(quality.filter(reopened)))).toBeLessThan(mean(scores(quality.filter((e) => !reopened(e)))) - 0.6);
    const satisfied = (list: CanonicalEvent[]) => list.filter((e) => e.rating! >= 4).length / list.length;
    expect(satisfied(attitude)).toBeGreaterThan(0.85);
    expect(satisfied(attitude)).toBeGreaterThan(satisfied(speed));
  });

  it('transfers, escalates and reopens a realistic share of tickets', () => {
    const share = (type: string) => new Set(unique.filter((e) => e.type === type).map((e) => e.ticket_id)).size / created.length;
    expect(share('transferred')).toBeGreaterThan(0.04);
    expect(share('transferred')).toBeLessThan(0.15);
    expect(share('escalated')).toBeGreaterThan(0.01);
    expect(share('escalated')).toBeLessThan(0.06);
    expect(share('reopened')).toBeGreaterThan(0.03);
    expect(share('reopened')).toBeLessThan(0.12);
    const escalations = unique.filter((e) => e.type === 'escalated');
    expect(escalations.filter((e) => e.team_id === 'escalations').length / escalations.length).toBeGreaterThan(0.6);
    const reopenCounts = [...byTicket.values()].map((list) => list.filter((e) => e.type === 'reopened').length);
    expect(Math.max(...reopenCounts)).toBe(2);
  });
});
