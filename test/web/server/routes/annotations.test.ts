// GET /api/annotations: the range's promotion days and holidays (of the filtered teams' calendars) and
// the config's KPI targets, from the warehouse's copy of the config; and the targets' config checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../../warehouse/database.ts';
import { loadConfig } from '../../../../warehouse/config.ts';
import { syncConfig } from '../../../../warehouse/calendar/sync-config.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';

const CONFIG = 'test/web/server/routes/fixtures/annotations.yaml';
const RANGE = { from: '2026-11-09', to: '2026-11-15' };
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let lead: { authorization: string };

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await syncConfig(w.db, loadConfig(CONFIG));
  app = await buildApp({ warehouse: w, timezone: 'Asia/Shanghai' });
  admin = await bearer(w.db, 'admin');
  lead = await bearer(w.db, 'team_lead', ['returns']);
});
afterAll(async () => {
  await app.close();
  w.close();
});

const get = (query: Record<string, string | string[]>, headers = admin) => app.inject({ url: '/api/annotations', query, headers });

describe('GET /api/annotations', () => {
  it('marks the promotion days (named as in the config) and every calendar\'s holidays of the range, with the targets', async () => {
    const res = await get(RANGE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      period: { ...RANGE, timezone: 'Asia/Shanghai' },
      markers: [
        { date: '2026-11-11', kind: 'promotion', name: "双十一 Singles' Day", calendars: [] },
        { date: '2026-11-12', kind: 'holiday', name: null, calendars: ['office'] },
        { date: '2026-11-13', kind: 'holiday', name: null, calendars: ['extended'] },
        { date: '2026-11-14', kind: 'promotion', name: null, calendars: [] },
      ],
      targets: [
        { metric: 'sla_frt', value: 0.9, label: { en: 'SLA first response', zh: '首次响应SLA达成率' } },
        { metric: 'csat', value: 0.8, label: { en: 'CSAT', zh: '满意度' } },
        { metric: 'frt_median', value: 7200, label: expect.objectContaining({ en: expect.any(String) }) },
      ],
    });
  });

  it('keeps holidays to the calendars of the filtered teams, and of a team lead\'s own teams', async () => {
    const quality = (await get({ ...RANGE, team: 'quality' })).json();
    expect(quality.markers.filter((m: { kind: string }) => m.kind === 'holiday').map((m: { date: string }) => m.date)).toEqual(['2026-11-12']);
    const own = (await get(RANGE, lead)).json();
    expect(own.markers.filter((m: { kind: string }) => m.kind === 'holiday').map((m: { date: string }) => m.date)).toEqual(['2026-11-13']);
    // promotions are everyone's
    expect(own.markers.filter((m: { kind: string }) => m.kind === 'promotion')).toHaveLength(2);
    expect((await get({ ...RANGE, team: 'quality' }, lead)).statusCode).toBe(403);
  });

  it('marks nothing outside the range and refuses a reversed one naming the field', async () => {
    expect((await get({ from: '2026-11-16', to: '2026-12-24' })).json().markers).toEqual([]);
    const reversed = await get({ from: '2026-11-15', to: '2026-11-09' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ field: 'to' });
    // JSON only: no export format
    expect((await get({ ...RANGE, format: 'csv' })).statusCode).toBe(400);
  });
});

describe('config targets', () => {
  const configWith = (targets: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-targets-')), 'deskpulse.yaml');
    writeFileSync(file, `version: 1\ncalendars:\n  office:\n    hours: { mon: ["09:00-18:00"] }\ntargets:\n${targets}\n`);
    return file;
  };

  it('takes shares as 90% or 0.9 and durations as 2h; absent targets are none', () => {
    expect(loadConfig(configWith('  csat: 85%\n  sla_resolution: 0.75\n  resolution_median: 1d')).targets)
      .toEqual({ csat: 0.85, sla_resolution: 0.75, resolution_median: 86400 });
    const none = join(mkdtempSync(join(tmpdir(), 'deskpulse-targets-')), 'deskpulse.yaml');
    writeFileSync(none, 'version: 1\ncalendars:\n  office:\n    hours: { mon: ["09:00-18:00"] }\n');
    expect(loadConfig(none).targets).toEqual({});
  });

  it('refuses an unknown metric, a share above 100% and a duration without a unit, with file, line, column and key', () => {
    expect(() => loadConfig(configWith('  nps: 50'))).toThrow(/deskpulse\.yaml:6:8: targets\.nps: unknown metric; targets take volume/);
    expect(() => loadConfig(configWith('  csat: 120%'))).toThrow(/:6:9: targets\.csat: "120%" is not a share; write e\.g\. 90% or 0\.9/);
    expect(() => loadConfig(configWith('  frt_median: 90'))).toThrow(/:6:15: targets\.frt_median: "90" is not a duration like 30m, 4h, 2d/);
  });
});
