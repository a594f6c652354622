import { describe, expect, it } from 'vitest';
import { DEMO_LABELS, PROBLEM_TYPE_LABELS, SUBTYPE_LABELS } from '../../../ingest/demo/labels.ts';
import { PRIORITIES } from '../../../warehouse/event-model.ts';
import { buildRoster } from '../../../ingest/demo/roster.ts';
import { fixtureConfig } from './fixtures/demo-fixture.ts';

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
  it('staffs every team with agents of differing speed and quality', () => {
    const roster = buildRoster(fixtureConfig.teams);
    expect(roster.length).toBeGreaterThanOrEqual(38);
    expect(new Set(roster.map((a) => a.id)).size).toBe(roster.length);
    fixtureConfig.teams.forEach((team, i) => expect(roster.filter((a) => a.team === i).length, team.id).toBeGreaterThanOrEqual(2));
    expect(Math.max(...roster.map((a) => a.speed)) / Math.min(...roster.map((a) => a.speed))).toBeGreaterThan(1.5);
    expect(Math.max(...roster.map((a) => a.quality)) - Math.min(...roster.map((a) => a.quality))).toBeGreaterThan(0.3);
    expect(roster.some((a) => a.skills.length > 1)).toBe(true);
    expect(buildRoster(fixtureConfig.teams)).toEqual(roster);
  });
});
