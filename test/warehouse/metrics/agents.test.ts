import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { agentAccess, agentDays, agents } from '../../../warehouse/metrics/agents.ts';
import { FilterError, type MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { created, ev, peopleWarehouse, WEEK } from './fixtures/people-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await peopleWarehouse(); });
afterAll(() => w.close());

const H = 3600;
const byAgent = async (filter = WEEK): Promise<Record<string, Record<string, unknown>>> => Object.fromEntries((await agents(w.db, filter)).rows.map((r) => [r.agent, r]));

describe('agents', () => {
  it('credits each fact to the agent who did it, as worked out by hand (calendar time)', async () => {
    const table = await agents(w.db, WEEK);
    expect(table.name).toBe('agents');
    expect(table.rows.map((r) => r.agent)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const a = Object.fromEntries(table.rows.map((r) => [r.agent, r]));
    // a1: assigned T1, T2 (before the transfer) and T3; replied on T1 (100 s) and commented on T2 (30 s);
    // resolved T1 only (T2 was resolved by a2, who held it); T3 is open and held by a1.
    expect(a.a1).toMatchObject({ team: 'support', assigned: 3, resolved: 1, replies: 1, handle_seconds: 130, open_now: 1,
      frt_median: 1 * H, resolution_median: 3 * H, csat: 1, ratings: 1, reopen_rate: 0 });
    // a2 took T2 over in billing: its first response (1.5 h), its resolution (27 h), its last rating (4) and its two reopens.
    expect(a.a2).toMatchObject({ team: 'billing', assigned: 1, resolved: 1, replies: 1, handle_seconds: 200, open_now: 0,
      frt_median: 1.5 * H, resolution_median: 27 * H, csat: 1, ratings: 1, reopen_rate: 1 });
    // a3 holds T7 from the week before, still open; T4 has no rating.
    expect(a.a3).toMatchObject({ assigned: 1, resolved: 1, open_now: 1, frt_median: 0.5 * H, resolution_median: 1 * H, csat: null, ratings: 0 });
    // a4: T5 (8 h / 9 h) and T11 (0.5 h / 1 h): medians in between; T11 rated 3 is not satisfied.
    expect(a.a4).toMatchObject({ assigned: 2, resolved: 2, replies: 2, handle_seconds: 0, frt_median: 4.25 * H,
      resolution_median: 5 * H, csat: 0, ratings: 1, reopen_rate: 0 });
    expect(a.a5).toMatchObject({ team: 'billing', assigned: 1, frt_median: 600, resolution_median: 1200, csat: 0, ratings: 1 });
  });

  it('marks no outlier where no team has five agents with enough work (agent-outliers.test.ts has the rule)', async () => {
    const a = await byAgent();
    for (const column of ['assigned_outlier', 'handle_outlier', 'frt_outlier', 'resolution_outlier', 'csat_outlier', 'reopen_outlier']) {
      expect(Object.values(a).map((r) => r[column]), column).toEqual([null, null, null, null, null]);
    }
  });

  it('uses business seconds by default', async () => {
    const a = await byAgent({ ...WEEK, clock: 'business' });
    expect(a.a2!.resolution_median).toBe(12 * H); // Mon 10-18 + Tue 9-13
    expect(a.a4!.frt_median).toBe(4 * H); // T5 8 h, T11 on a Saturday 0 h
  });

  it('scopes a team lead to the work done in their teams', async () => {
    const a = await byAgent({ ...WEEK, scopeTeams: ['billing'] });
    expect(Object.keys(a)).toEqual(['a2', 'a5']); // a1's comment on T2 was made while T2 was in support
    expect(a.a2).toMatchObject({ assigned: 1, replies: 1, resolved: 1, handle_seconds: 200 });
    // The comment names no team: it counts in support, where T2 was then (100 s reply + 30 s comment).
    expect((await byAgent({ ...WEEK, scopeTeams: ['support'] })).a1).toMatchObject({ handle_seconds: 130 });
  });

  it('splits every count by a ticket dimension: the channels add up to the whole', async () => {
    const whole = await byAgent();
    const parts = await Promise.all(['web', 'phone', 'email', 'app', 'chat'].map((channel) => byAgent({ ...WEEK, values: { channel: [channel] } })));
    expect(parts.find((p) => p.a2)?.a2).toMatchObject({ assigned: 1, replies: 1, handle_seconds: 200 }); // all on T2, by phone
    for (const [agent, row] of Object.entries(whole)) {
      for (const measure of ['assigned', 'resolved', 'replies', 'handle_seconds', 'ratings'] as const) {
        expect(parts.reduce((sum, p) => sum + Number(p[agent]?.[measure] ?? 0), 0), `${agent} ${measure}`).toBe(row[measure]);
      }
    }
  });

  it('answers no rows for filters that match nothing', async () => {
    expect((await agents(w.db, { ...WEEK, values: { channel: ['fax'] } })).rows).toEqual([]);
    expect((await agents(w.db, { ...WEEK, scopeTeams: ['nobody'] })).rows).toEqual([]);
  });

  it('refuses a bad range with a FilterError', async () => {
    await expect(agents(w.db, { ...WEEK, from: '2026-03-09' })).rejects.toBeInstanceOf(FilterError);
  });
});

describe('agentDays', () => {
  it('gives one row per day with the tickets held at the end of each day', async () => {
    const t = await agentDays(w.db, WEEK, 'a1');
    expect(t.rows.map((r) => r.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    // Monday: T1 and T2 assigned, T1 answered and resolved, T2 transferred away: nothing held at midnight.
    expect(t.rows[0]).toMatchObject({ assigned: 2, resolved: 1, replies: 1, handle_seconds: 130, open_at_day_end: 0,
      frt_median: 1 * H, csat: 1, ratings: 1, reopen_rate: 0 });
    // From Tuesday on a1 holds T3, never answered.
    expect(t.rows[1]).toMatchObject({ assigned: 1, resolved: 0, replies: 0, open_at_day_end: 1, frt_median: null, ratings: 0 });
    expect(t.rows.slice(2).map((r) => [r.assigned, r.open_at_day_end])).toEqual(Array(5).fill([0, 1]));
  });

  it('ends a hold at the final resolution, not at one that was reopened', async () => {
    const t = await agentDays(w.db, WEEK, 'a2');
    // T2 held from Monday 11:00; resolved Tuesday 09:00 and 11:00 but reopened, finally 13:00.
    expect(t.rows.map((r) => r.open_at_day_end)).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(t.rows[1]).toMatchObject({ resolved: 1, resolution_median: 27 * H, reopen_rate: 1, csat: 1 });
  });

  it('counts a hold that began before the range at every day end of it', async () => {
    // a3 holds T7, assigned the week before and still open; T4 came and went on Wednesday.
    const t = await agentDays(w.db, WEEK, 'a3');
    expect(t.rows.map((r) => r.open_at_day_end)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('holds an assignment that names no team in the team the ticket was in then', async () => {
    // T20 is created in billing and assigned to a4 without a team on Monday; T21 starts in support,
    // moves to billing on Tuesday 09:00 and is assigned to a4 without a team at 10:00. Both stay open.
    const own = await peopleWarehouse([
      created('T20', '2026-03-02T09:00:00+01:00', { team_id: 'billing' }),
      ev('T20', 'assigned', '2026-03-02T10:00:00+01:00', { agent_id: 'a4' }),
      created('T21', '2026-03-02T09:00:00+01:00', {}),
      ev('T21', 'transferred', '2026-03-03T09:00:00+01:00', { team_id: 'billing' }),
      ev('T21', 'assigned', '2026-03-03T10:00:00+01:00', { agent_id: 'a4' }),
    ]);
    try {
      const billing = await agentDays(own.db, { ...WEEK, scopeTeams: ['billing'] }, 'a4');
      expect(billing.rows.map((r) => r.open_at_day_end)).toEqual([1, 2, 2, 2, 2, 2, 2]);
      expect(billing.rows.map((r) => r.assigned)).toEqual([1, 1, 0, 0, 0, 0, 0]);
      const support = await agentDays(own.db, { ...WEEK, scopeTeams: ['support'] }, 'a4');
      expect(support.rows.map((r) => r.open_at_day_end)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    } finally {
      own.close();
    }
  });

  it('splits the held tickets by a ticket dimension: the channels add up to the whole', async () => {
    const channels = ['web', 'phone', 'email', 'app', 'chat'];
    for (const agent of ['a1', 'a2', 'a3']) {
      const held = async (filter: MetricFilter) => (await agentDays(w.db, filter, agent)).rows.map((r) => Number(r.open_at_day_end));
      const whole = await held(WEEK);
      const parts = await Promise.all(channels.map((channel) => held({ ...WEEK, values: { channel: [channel] } })));
      expect(whole.map((_, day) => parts.reduce((sum, p) => sum + p[day]!, 0)), agent).toEqual(whole);
      expect(parts.filter((p) => p.some((n) => n > 0)), agent).toHaveLength(whole.some((n) => n > 0) ? 1 : 0);
    }
  });

  it('counts holds only in the caller\'s teams', async () => {
    const t = await agentDays(w.db, { ...WEEK, scopeTeams: ['billing'] }, 'a1');
    expect(t.rows.map((r) => r.open_at_day_end)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(t.rows.map((r) => r.assigned)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('agentAccess', () => {
  it('lets a team lead see only agents who worked in their teams', async () => {
    expect(await agentAccess(w.db, 'a1', null)).toBe('visible');
    expect(await agentAccess(w.db, 'a1', ['billing'])).toBe('forbidden');
    expect(await agentAccess(w.db, 'a2', ['billing'])).toBe('visible');
    expect(await agentAccess(w.db, 'nobody', null)).toBe('unknown');
  });
});
