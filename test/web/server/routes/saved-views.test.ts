import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { viewSearch } from '../../../../web/server/saved-views/saved-view-store.ts';
import { peopleWarehouse } from '../../../warehouse/metrics/fixtures/people-week.ts';
import { bearer } from '../fixtures/bearer.ts';

let w: Warehouse;
let app: FastifyInstance;
let manager: { authorization: string };
let otherManager: { authorization: string };
let lead: { authorization: string };
let ingest: { authorization: string };
beforeAll(async () => {
  w = await peopleWarehouse();
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  manager = await bearer(w.db, 'manager');
  otherManager = await bearer(w.db, 'manager');
  lead = await bearer(w.db, 'team_lead', ['support']);
  ingest = await bearer(w.db, 'ingest');
});
afterAll(async () => {
  await app.close();
  w.close();
});

const WEEK = 'from=2026-03-02&to=2026-03-08&tz=Europe/Berlin&clock=calendar';
const save = (headers: Record<string, string>, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/views', headers, payload });
const list = async (headers: Record<string, string>) => (await app.inject({ url: '/api/views', headers })).json().views as Record<string, unknown>[];

describe('saved views', () => {
  it('saves a named page + filter per user (without its page number), listed by name', async () => {
    const billing = await save(manager, { name: 'Billing week', path: '/agents', search: `?${WEEK}&team=billing&page=3` });
    expect(billing.statusCode).toBe(201);
    expect(billing.json()).toMatchObject({ name: 'Billing week', path: '/agents', isDefault: false, own: true,
      search: 'from=2026-03-02&to=2026-03-08&tz=Europe%2FBerlin&clock=calendar&team=billing' });
    expect(billing.json().id).toMatch(/^v_[A-Za-z0-9_-]{12}$/);
    await save(manager, { name: 'all week', path: '/', search: WEEK });
    expect((await list(manager)).map((v) => v.name)).toEqual(['all week', 'Billing week']);
    // another user's list is their own
    expect(await list(otherManager)).toEqual([]);
  });

  it('keeps one default per user: setting another moves it, null clears it', async () => {
    const [week, billing] = await list(manager);
    let views = (await app.inject({ method: 'POST', url: '/api/views/default', headers: manager, payload: { id: week!.id } })).json().views;
    expect(views.map((v: { isDefault: boolean }) => v.isDefault)).toEqual([true, false]);
    views = (await app.inject({ method: 'POST', url: '/api/views/default', headers: manager, payload: { id: billing!.id } })).json().views;
    expect(views.map((v: { isDefault: boolean }) => v.isDefault)).toEqual([false, true]);
    // another user may not make it theirs (nor learn whether it exists)
    expect((await app.inject({ method: 'POST', url: '/api/views/default', headers: otherManager, payload: { id: billing!.id } })).statusCode).toBe(404);
    views = (await app.inject({ method: 'POST', url: '/api/views/default', headers: manager, payload: { id: null } })).json().views;
    expect(views.every((v: { isDefault: boolean }) => !v.isDefault)).toBe(true);
    const made = await save(manager, { name: 'landing', path: '/problems', search: WEEK, isDefault: true });
    expect((await list(manager)).filter((v) => v.isDefault).map((v) => v.id)).toEqual([made.json().id]);
  });

  it('opens a shared link for another role, whose own scope still holds', async () => {
    const billing = (await list(manager)).find((v) => v.name === 'Billing week')!;
    const shared = await app.inject({ url: `/api/views/${billing.id}`, headers: lead });
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toMatchObject({ name: 'Billing week', own: false });
    // the view's filter names billing: the lead of support gets the refusal, not billing's figures
    const refused = await app.inject({ url: `/api/agents?${shared.json().search}`, headers: lead });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().label.en).toContain('Team Billing is not one of your teams (Support)');
    // a view without a team filter shows the lead their own teams' agents only
    const week = (await list(manager)).find((v) => v.name === 'all week')!;
    const agents = (await app.inject({ url: `/api/agents?${week.search}`, headers: lead })).json().rows.map((r: { team: string }) => r.team);
    expect(new Set(agents)).toEqual(new Set(['support']));
    // only the owner may delete it
    expect((await app.inject({ method: 'DELETE', url: `/api/views/${billing.id}`, headers: lead })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/views/${billing.id}`, headers: manager })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/views/${billing.id}`, headers: lead })).statusCode).toBe(404);
  });

  it('refuses paths off this site, empty names, unknown fields and the ingest role', async () => {
    for (const path of ['//evil.example/x', 'https://evil.example', '/a/../../x', 'agents']) {
      const res = await save(manager, { name: 'x', path, search: '' });
      expect(res.statusCode, path).toBe(400);
    }
    expect((await save(manager, { name: '   ', path: '/', search: '' })).json()).toMatchObject({ field: 'name' });
    expect((await save(manager, { name: 'x', path: '/', search: '', owner: 'someone' })).statusCode).toBe(400);
    expect((await save(ingest, { name: 'x', path: '/', search: '' })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/views' })).statusCode).toBe(401);
  });

  it('drops paging from a view\'s search', () => {
    expect(viewSearch('?team=a&page=2&runs_page=4&sort=csat')).toBe('team=a&sort=csat');
  });
});
