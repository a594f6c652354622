import { describe, expect, it } from 'vitest';
import { DEMO_LABELS, PROBLEM_TYPE_LABELS, SUBTYPE_LABELS } from '../../../ingest/demo/labels.ts';
import { PRIORITIES } from '../../../warehouse/event-model.ts';
import { demoRoster } from '../../../ingest/demo/demo-plan.ts';
import { MIN_TEAM_AGENTS, SHIFT_HOURS, SHRINKAGE, TARGET_OCCUPANCY, agentNames, type DemoAgent } from '../../../ingest/demo/roster.ts';
import { SMALL, collect, fixtureConfig } from './fixtures/demo-fixture.ts';

describe('demo labels', () => {
  it('gives every id a Chinese and an English label, once', () => {
    for (const [field, labels] of Object.entries(DEMO_LABELS)) {
      const ids = labels.map((l) => l.id);
      expect(new Set(ids).size, field).toBe(ids.length);
      for (const l of labels) {
        expect(l.id, field).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(l.zh.length, `${field} ${l.id}`).toBeGreaterThan(0);
        expect(l.en.length, `${field} ${l.id}`).toBeGreaterThan(0);
      }
    }
    expect(DEMO_LABELS.region).toHaveLength(8);
    expect(DEMO_LABELS.region.map((r) => r.zh)).toEqual(expect.arrayContaining(['华东', '华南', '华北']));
    expect(DEMO_LABELS.priority.map((p) => p.id)).toEqual([...PRIORITIES]);
  });

  it('files every subtype under a known problem type, and every problem type has subtypes', () => {
    const types = new Set(PROBLEM_TYPE_LABELS.map((p) => p.id));
    for (const s of SUBTYPE_LABELS) expect(types.has(s.problem_type), s.id).toBe(true);
    for (const t of types) expect(SUBTYPE_LABELS.some((s) => s.problem_type === t), t).toBe(true);
  });
});

describe('demo roster', () => {
  const roster = (ticketsPerDay: number) => demoRoster({ ticketsPerDay, config: fixtureConfig });
  const perTeam = (agents: DemoAgent[]) => fixtureConfig.teams.map((_, i) => agents.filter((a) => a.team === i).length);

  it('staffs every team with agents of differing speed and quality, the same for the same inputs', () => {
    const agents = roster(3000);
    expect(new Set(agents.map((a) => a.id)).size).toBe(agents.length);
    for (const n of perTeam(agents)) expect(n).toBeGreaterThanOrEqual(MIN_TEAM_AGENTS);
    expect(Math.max(...agents.map((a) => a.speed)) / Math.min(...agents.map((a) => a.speed))).toBeGreaterThan(1.5);
    expect(Math.max(...agents.map((a) => a.quality)) - Math.min(...agents.map((a) => a.quality))).toBeGreaterThan(0.3);
    expect(agents.some((a) => a.skills.length > 1)).toBe(true);
    expect(roster(3000)).toEqual(agents);
  });

  it('grows with the volume, team by team, and keeps at least a pair in a quiet team', () => {
    const small = perTeam(roster(20));
    const mid = perTeam(roster(1500));
    const big = perTeam(roster(3000));
    expect(small.every((n) => n === MIN_TEAM_AGENTS)).toBe(true);
    mid.forEach((n, i) => {
      expect(n, fixtureConfig.teams[i]!.id).toBeGreaterThan(small[i]!);
      // twice the tickets, about twice the people (rounding up moves a small team by one)
      expect(big[i]! / n, fixtureConfig.teams[i]!.id).toBeGreaterThan(1.8);
      expect(big[i]! / n, fixtureConfig.teams[i]!.id).toBeLessThan(2.2);
    });
  });

  it('carries an ordinary day at about the target occupancy, and a promotion day beyond it', () => {
    // 14 days ending with 11.11: handle hours each team records per day, by the event's team
    const options = { ...SMALL, days: 14, ticketsPerDay: 1500, end: '2026-11-11' };
    const agents = demoRoster(options);
    const hours = new Map<string, number>();
    for (const e of collect(options)) {
      if (!(e.handle_seconds && e.handle_seconds > 0) || !e.team_id) continue;
      const key = `${e.team_id} ${e.occurred_at.slice(0, 10)}`;
      hours.set(key, (hours.get(key) ?? 0) + e.handle_seconds / 3600);
    }
    // what the people on duty can carry at the target occupancy, after shrinkage
    const capacity = (team: number) => perTeam(agents)[team]! * SHIFT_HOURS * (1 - SHRINKAGE);
    fixtureConfig.teams.forEach((team, i) => {
      // Tuesday to Thursday: Mondays also carry the weekend's tickets in the teams closed then
      const ordinary = ['2026-11-03', '2026-11-04', '2026-11-05'].map((d) => hours.get(`${team.id} ${d}`) ?? 0);
      const occupancy = ordinary.reduce((a, b) => a + b, 0) / ordinary.length / capacity(i);
      expect(occupancy, team.id).toBeGreaterThan(TARGET_OCCUPANCY - 0.3);
      expect(occupancy, team.id).toBeLessThan(TARGET_OCCUPANCY + 0.2);
    });
    const returns = fixtureConfig.teams.findIndex((t) => t.id === 'returns');
    expect((hours.get('returns 2026-11-11') ?? 0) / capacity(returns)).toBeGreaterThan(1.2);
  });

  it('names agents beyond the first 45 as surname and given name, unique in Chinese and in English', () => {
    const names = agentNames(5000);
    expect(new Set(names.map(([zh]) => zh)).size).toBe(names.length);
    expect(new Set(names.map(([, en]) => en)).size).toBe(names.length);
    for (const [zh, en] of names) {
      expect(zh).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(en).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    }
    expect(names.slice(0, 2)).toEqual([['王芳', 'Wang Fang'], ['李娜', 'Li Na']]);
  });
});
