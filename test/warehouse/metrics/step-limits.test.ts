// Step limits (issue 20 §1 `step`): the config section and its refusals, the on-time rate per step
// (hand-computed on a hand-made week) and the tickets over their limit at an instant, across the
// night and the Europe/Berlin DST change (Sun 2026-03-29) in business time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../warehouse/config-file.ts';
import { deskPulseConfigOf, loadConfig } from '../../../warehouse/config.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { overdueSteps, stepOnTime } from '../../../warehouse/metrics/step-limits.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { buildApp } from '../../../web/server/app.ts';
import { bearer } from '../../web/server/fixtures/bearer.ts';
import { insertEvents } from '../fixtures/insert-events.ts';
import { STEP_EVENTS, STEP_YAML } from './fixtures/step-week.ts';

const WEEK: MetricFilter = { from: '2026-03-23', to: '2026-03-29', timezone: 'Europe/Berlin', clock: 'calendar' };

async function warehouseWith(yaml: string): Promise<Warehouse> {
  const file = join(mkdtempSync(join(tmpdir(), 'step-limits-')), 'deskpulse.yaml');
  writeFileSync(file, yaml);
  const w = await Warehouse.open(':memory:');
  await syncConfig(w.db, loadConfig(file));
  await insertEvents(w.db, STEP_EVENTS);
  await deriveTickets(w.db, 'all');
  return w;
}

function refusal(text: string): ConfigError {
  try {
    deskPulseConfigOf(parseConfigText(text, 'deskpulse.yaml'));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('accepted');
}

describe('step_limits in the config', () => {
  it('reads limits per status, team and problem type (one or a list), the clock business unless written', () => {
    const config = deskPulseConfigOf(parseConfigText(STEP_YAML, 'deskpulse.yaml'));
    expect(config.step_limits).toEqual([
      { status: 'pending', limit: 86400, teams: undefined, problem_types: undefined, clock: 'calendar' },
      { status: 'on_hold', limit: 72 * 3600, teams: undefined, problem_types: undefined, clock: 'business' },
      { status: 'on_hold', limit: 4 * 3600, teams: ['returns'], problem_types: ['return_exchange'], clock: 'business' },
    ]);
  });

  it('refuses a bad limit, status or team at its line and column', () => {
    const base = 'calendars: { office: {} }\nteams: [ { id: returns, calendar: office } ]\nstep_limits:\n';
    const limit = refusal(`${base}  - { status: pending, limit: soon }\n`);
    expect([limit.line, limit.column, limit.key]).toEqual([4, 31, 'step_limits.0.limit']);
    expect(limit.message).toBe('deskpulse.yaml:4:31: step_limits.0.limit: "soon" is not a duration like 30m, 24h, 3d');
    const status = refusal(`${base}  - status: closed\n    limit: 24h\n`);
    expect([status.line, status.column, status.key]).toEqual([4, 13, 'step_limits.0.status']);
    expect(status.reason).toMatch(/"closed" is not a working status: new, open, pending or on_hold/);
    const team = refusal(`${base}  - { status: on_hold, team: [returns, retunrs], limit: 2d }\n`);
    expect([team.line, team.key, team.reason]).toEqual([4, 'step_limits.0.team.1', 'unknown team "retunrs"; use one of returns']);
  });
});

describe('stepOnTime', () => {
  let w: Warehouse;
  beforeAll(async () => { w = await warehouseWith(STEP_YAML); });
  afterAll(() => w.close());

  it('shares the step visits ended in the range within their limit, per status and in all, each in its limit\'s clock', async () => {
    // pending (24 h, calendar): A 23 h on time, B 48 h late (in business time only 18 h).
    // on_hold: C 17:00 -> 12:00 next day = 1 h + 3 h business, the return exchange limit 4 h: on time;
    // D 1 h + 4 h = 5 h: late; E (refund: the general 72 h) 18 business hours: on time.
    const t = await stepOnTime(w.db, WEEK);
    expect(t.stepLimits).toEqual({ unavailable: null });
    expect(t.rows).toEqual([
      { status: 'pending', visits: 2, on_time: 1, step_on_time: 0.5 },
      { status: 'on_hold', visits: 3, on_time: 2, step_on_time: 2 / 3 },
      { status: 'all', visits: 5, on_time: 3, step_on_time: 0.6 },
    ]);
    expect(t.columns.map((c) => c.key)).toEqual(['status', 'visits', 'on_time', 'step_on_time']);
  });

  it('follows the filter; a status without visits has no rate (not 0)', async () => {
    const t = await stepOnTime(w.db, { ...WEEK, values: { team: ['returns'] } });
    expect(t.rows).toEqual([
      { status: 'pending', visits: 0, on_time: 0, step_on_time: null },
      { status: 'on_hold', visits: 3, on_time: 2, step_on_time: 2 / 3 },
      { status: 'all', visits: 3, on_time: 2, step_on_time: 2 / 3 },
    ]);
  });

  it('answers GET /api/step-on-time (a team lead: their teams only) and lists step_on_time in /api/metrics', async () => {
    const app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
    try {
      const query = { from: WEEK.from, to: WEEK.to, tz: WEEK.timezone };
      const all = await app.inject({ url: '/api/step-on-time', query, headers: await bearer(w.db, 'admin') });
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json()).toMatchObject({ name: 'step-on-time', stepLimits: { unavailable: null } });
      expect(all.json().rows.at(-1)).toEqual({ status: 'all', visits: 5, on_time: 3, step_on_time: 0.6 });
      const lead = await app.inject({ url: '/api/step-on-time', query, headers: await bearer(w.db, 'team_lead', ['returns']) });
      expect(lead.json().rows.at(-1)).toEqual({ status: 'all', visits: 3, on_time: 2, step_on_time: 2 / 3 });
      const catalog = await app.inject({ url: '/api/metrics', headers: await bearer(w.db, 'admin') });
      expect(catalog.json().metrics.find((m: { key: string }) => m.key === 'step_on_time')).toMatchObject({ unit: 'ratio', higherIsBetter: true, label: { zh: '环节按时率' } });
    } finally {
      await app.close();
    }
  });

  it('says not available when no step limits are configured', async () => {
    const bare = await warehouseWith(STEP_YAML.slice(0, STEP_YAML.indexOf('step_limits:')));
    try {
      const t = await stepOnTime(bare.db, WEEK);
      expect([t.rows, t.stepLimits]).toEqual([[], { unavailable: 'no_step_limits' }]);
    } finally {
      bare.close();
    }
  });
});

describe('overdueSteps', () => {
  let w: Warehouse;
  beforeAll(async () => { w = await warehouseWith(STEP_YAML); });
  afterAll(() => w.close());
  const at = (iso: string) => overdueSteps(w.db, { from: '2026-03-30', to: '2026-03-30', timezone: 'Europe/Berlin' }, new Date(iso));

  it('names the tickets past their limit at an instant, business time across the night and the DST change', async () => {
    // Mon 10:30 CEST: P1 pending 26.5 h (> 24 h calendar); P2 22.5 h; R1 on hold Fri 16:00-18:00 + Mon
    // 09:00-10:30 CEST = 3.5 business hours of 4; R2 (refund) under its 72 h.
    const early = await at('2026-03-30T08:30:00Z');
    expect(early.map((r) => [r.ticket_id, r.status, r.team, r.spent_seconds])).toEqual([['P1', 'pending', 'support', 26.5 * 3600]]);
    // An hour later R1 has 4.5 business hours (Monday opened at 09:00 CEST = 07:00 UTC, not 08:00).
    const later = await at('2026-03-30T09:30:00Z');
    expect(later.map((r) => [r.ticket_id, r.status, r.clock, r.limit_seconds, r.spent_seconds])).toEqual([
      ['P1', 'pending', 'calendar', 86400, 27.5 * 3600],
      ['R1', 'on_hold', 'business', 4 * 3600, 4.5 * 3600],
    ]);
    expect(later[1]!.started_at).toBe('2026-03-27T16:00:00+01:00');
  });
});
