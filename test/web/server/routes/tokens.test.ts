import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';
import { metricWarehouse } from '../../../warehouse/metrics/fixtures/metric-week.ts';

let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let manager: { authorization: string };

beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  admin = await bearer(w.db, 'admin');
  manager = await bearer(w.db, 'manager');
});
afterAll(async () => {
  await app.close();
  w.close();
});

const post = (payload: unknown, headers = admin) => app.inject({ method: 'POST', url: '/api/tokens', headers, payload: payload as object });

describe('/api/tokens', () => {
  it('lets an admin make a team-lead token that works, scoped, until it is revoked', async () => {
    const made = await post({ role: 'team_lead', teams: ['escalations'], name: '组长 Li' });
    expect(made.statusCode, made.body).toBe(201);
    const { token, info } = made.json();
    expect(info).toMatchObject({ role: 'team_lead', teams: ['escalations'], name: '组长 Li', revokedAt: null });
    const lead = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/me', headers: lead })).json()).toMatchObject({ role: 'team_lead', teams: ['escalations'] });
    expect((await app.inject({ url: '/api/overview', headers: lead })).statusCode).toBe(200);
    expect((await post({ role: 'admin' }, lead)).statusCode).toBe(403);

    const listed = (await app.inject({ url: '/api/tokens', headers: admin })).json().tokens;
    expect(listed.map((t: { tokenId: string }) => t.tokenId)).toContain(info.tokenId);
    expect(JSON.stringify(listed)).not.toContain(token.slice(-12));
    expect(JSON.stringify(listed)).not.toMatch(/secret|sha256/);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/tokens/${info.tokenId}`, headers: admin });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await app.inject({ url: '/api/overview', headers: lead })).statusCode).toBe(401);
  });

  it('is for admins only', async () => {
    expect((await app.inject({ url: '/api/tokens', headers: manager })).statusCode).toBe(403);
    expect((await post({ role: 'manager' }, manager)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/tokens' })).statusCode).toBe(401);
  });

  it('refuses bad requests with the field named', async () => {
    const role = await post({ role: 'boss' });
    expect(role.statusCode).toBe(400);
    expect(role.json()).toMatchObject({ field: '/role', message: expect.stringContaining('role') });
    const team = await post({ role: 'team_lead', teams: ['nowhere'] });
    expect(team.json()).toMatchObject({ field: 'team', message: expect.stringContaining('unknown team "nowhere"') });
    expect((await post({ role: 'team_lead' })).json().field).toBe('team');
    expect((await post({ role: 'manager', extra: 1 })).statusCode).toBe(400);
    const missing = await app.inject({ method: 'DELETE', url: '/api/tokens/nope', headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('no token with id "nope"');
  });
});
