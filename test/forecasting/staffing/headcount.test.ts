import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolHeadcount, readHeadcount, type AgentActivity } from '../../../forecasting/staffing/headcount.ts';
import { configTeams } from '../../../forecasting/staffing/staffing-for-forecast.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { Warehouse } from '../../../warehouse/database.ts';

describe('poolHeadcount', () => {
  it('counts every agent once: the teams add up to the distinct agents', () => {
    const activity = fc.array(fc.record({
      agent: fc.constantFrom('A1', 'A2', 'A3', 'A4', 'A5'), team: fc.constantFrom('returns', 'quality', 'install'), seconds: fc.integer({ min: 1, max: 50_000 }),
    }), { maxLength: 30 });
    fc.assert(fc.property(activity, (rows: AgentActivity[]) => {
      const pooled = poolHeadcount(rows);
      const total = [...pooled.values()].reduce((s, h) => s + h.agents, 0);
      expect(total).toBeCloseTo(new Set(rows.map((r) => r.agent)).size, 9);
    }));
  });

  it('splits a shared agent by share of work and leaves out an occasional helper', () => {
    const pooled = poolHeadcount([
      { agent: 'A1', team: 'quality', seconds: 9000 },
      { agent: 'A2', team: 'quality', seconds: 7000 }, { agent: 'A2', team: 'install', seconds: 3000 },
      { agent: 'A3', team: 'install', seconds: 9700 }, { agent: 'A3', team: 'quality', seconds: 300 },
    ]);
    expect(pooled.get('quality')).toMatchObject({ agents: 1.7, dedicated: 1, shared: 1, source: 'events' });
    expect(pooled.get('install')!.agents).toBeCloseTo(1.3, 9);
    expect(pooled.get('quality')!.note.en).toBe('1 agents working only quality + 1 shared with other teams, counted by their share of work (0.7), from the last 28 days of events');
    // Without days of work known, a working week of 5 days.
    expect(pooled.get('quality')!.daysPerWeek).toBe(5);
  });

  it('says how many days a week the counted people work, from their days of recorded work', () => {
    const pooled = poolHeadcount([
      { agent: 'A1', team: 'returns', seconds: 9000, days: 28 }, { agent: 'A2', team: 'returns', seconds: 9000, days: 20 },
    ]);
    expect(pooled.get('returns')!.daysPerWeek).toBeCloseTo(6, 9);
  });
});

describe('readHeadcount', () => {
  let w: Warehouse;
  const until = Date.parse('2026-11-23T00:00:00Z');
  beforeAll(async () => {
    w = await Warehouse.open(':memory:');
    const rows = [
      ['A1', 'quality', 3], ['A2', 'quality', 5], ['A3', 'install', 5], ['A4', 'quality', 40], // A4: active before the 4 weeks only
    ] as const;
    for (const [agent, team, daysAgo] of rows) {
      await w.db.run(`INSERT INTO events (event_id, ticket_id, type, occurred_at, agent_id, team_id, handle_seconds, run_id)
        VALUES ($id, 'T1', 'replied', to_timestamp($at::DOUBLE / 1000), $agent, $team, 300, 1)`,
      { id: `${agent}-${team}`, at: until - daysAgo * 86_400_000, agent, team });
    }
  });
  afterAll(() => w.close());

  it('counts the agents active in the last 4 weeks, and the config\'s headcount wins', async () => {
    const fromEvents = await readHeadcount(w.db, [], until);
    expect(fromEvents.get('quality')).toMatchObject({ agents: 2, source: 'events' });
    // One day of work each in the 4 weeks: a quarter of a day a week.
    expect(fromEvents.get('quality')!.daysPerWeek).toBeCloseTo(0.25, 9);
    expect(fromEvents.get('install')).toMatchObject({ agents: 1 });
    const configured = await readHeadcount(w.db, [{ id: 'quality', headcount: 6 }], until);
    expect(configured.get('quality')).toMatchObject({ agents: 6, source: 'config' });
    expect(configured.get('install')).toMatchObject({ agents: 1, source: 'events' });
  });

  it('counts days of work in the team\'s zone: a weekday shift across UTC midnight is one day, not two', async () => {
    await w.db.run(`INSERT INTO calendars VALUES ('office', 'Asia/Shanghai', '{}'); INSERT INTO teams VALUES ('early', NULL, NULL, 'office')`);
    // 07:30 and 08:30 in Shanghai (23:30 and 00:30 UTC) on the weekdays of the 4 weeks: 19 local days, 23 UTC dates.
    const days = Array.from({ length: 27 }, (_, k) => k + 1).filter((d) => d % 7 < 5);
    for (const d of days) {
      for (const [k, shift] of [-30, 30].entries()) {
        await w.db.run(`INSERT INTO events (event_id, ticket_id, type, occurred_at, agent_id, team_id, handle_seconds, run_id)
          VALUES ($id, 'T2', 'replied', to_timestamp($at::DOUBLE / 1000), 'A5', 'early', 300, 1)`,
        { id: `A5-${d}-${k}`, at: until - d * 86_400_000 + shift * 60_000 });
      }
    }
    const early = (await readHeadcount(w.db, [], until)).get('early')!;
    expect(days).toHaveLength(19);
    expect(early.daysPerWeek).toBeCloseTo(19 / 4, 9);
  });

  it('the config takes headcount per team and says where a bad one is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-headcount-'));
    const file = join(dir, 'deskpulse.yaml');
    const config = (headcount: string) => [
      'version: 1', 'timezone: Asia/Shanghai', 'calendars:', '  office:', '    hours: { mon: ["09:00-18:00"] }',
      'teams:', `  - { id: quality, calendar: office, headcount: ${headcount} }`, 'default_calendar: office', '',
    ].join('\n');
    writeFileSync(file, config('6'));
    expect(loadConfig(file).teams[0]).toMatchObject({ id: 'quality', headcount: 6 });
    writeFileSync(file, config('six'));
    expect(() => loadConfig(file)).toThrow(`${file}:7:49: teams.0.headcount: "six" is not a number of people`);
    // The staffing reads only the teams' headcount, so a config that names just a zone still plans.
    expect(() => configTeams({ configPath: file })).toThrow(`${file}:7:49: teams.0.headcount: "six" is not a number of people`);
    writeFileSync(file, 'timezone: Asia/Shanghai\nteams:\n  - { id: quality, headcount: 6 }\n  - { id: install }\n');
    expect(configTeams({ configPath: file })).toEqual([{ id: 'quality', headcount: 6 }]);
    expect(configTeams({ configPath: join(dir, 'missing.yaml') })).toEqual([]);
  });
});
