import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { FilterError } from '../../../../warehouse/metrics/filter.ts';
import type { AppContext } from '../../../../web/server/app.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { ForbiddenError } from '../../../../web/server/auth/forbidden-error.ts';
import { MetricCache } from '../../../../web/server/metric-cache.ts';
import { agentRoutes } from '../../../../web/server/routes/agents.ts';
import { ticketRoutes } from '../../../../web/server/routes/tickets.ts';
import { problemRoutes } from '../../../../web/server/routes/problems.ts';
import { satisfactionRoutes } from '../../../../web/server/routes/satisfaction.ts';
import { liveRoutes } from '../../../../web/server/routes/live.ts';
import '../../../../web/server/auth/request-principal.ts';
import { peopleWarehouse } from '../../../warehouse/metrics/fixtures/people-week.ts';

let w: Warehouse;
let app: FastifyInstance;
beforeAll(async () => {
  w = await peopleWarehouse();
  app = Fastify({ ajv: { customOptions: { removeAdditional: false } } });
  // Stands in for the auth plugin: the principal comes from test headers.
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const teams = request.headers['x-teams'] as string | undefined;
    request.principal = { role: (request.headers['x-role'] as Principal['role']) ?? 'admin', teams: teams ? teams.split(',') : null, tokenId: null };
  });
  // The app's error handler, as far as these routes need it.
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof FilterError) return reply.status(400).send({ error: 'FilterError', message: error.message, field: error.field });
    if (error instanceof ForbiddenError) return reply.status(403).send({ error: 'Forbidden', message: error.message });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({ error: 'BadRequest', message: (error as Error).message });
  });
  const ctx = { warehouse: w, timezone: 'Europe/Berlin', metrics: new MetricCache() } as AppContext;
  for (const routes of [agentRoutes, ticketRoutes, problemRoutes, satisfactionRoutes, liveRoutes]) {
    await app.register(routes(ctx), { prefix: '/api' });
  }
  await app.ready();
});
afterAll(async () => { await app.close(); w.close(); });

const RANGE = 'from=2026-03-02&to=2026-03-08&clock=calendar';
const lead = (teams: string) => ({ 'x-role': 'team_lead', 'x-teams': teams });
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

describe('people routes', () => {
  it('answers the agents table as a MetricTable, scoped for team leads', async () => {
    const all = await get(`/api/agents?${RANGE}`);
    expect(all.statusCode).toBe(200);
    expect(all.json().rows.map((r: { agent: string }) => r.agent)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const billing = await get(`/api/agents?${RANGE}`, lead('billing'));
    expect(billing.json().rows.map((r: { agent: string }) => r.agent)).toEqual(['a2', 'a5']);
  });

  it('gives 403 for another team\'s agent or ticket, 404 for unknown ones', async () => {
    expect((await get(`/api/agents/a1?${RANGE}`, lead('billing'))).statusCode).toBe(403);
    expect((await get(`/api/agents/a1/tickets?${RANGE}`, lead('billing'))).statusCode).toBe(403);
    expect((await get(`/api/agents/a2?${RANGE}`, lead('billing'))).statusCode).toBe(200);
    expect((await get(`/api/agents/ghost?${RANGE}`)).statusCode).toBe(404);
    expect((await get(`/api/agents/ghost?${RANGE}`, lead('billing'))).statusCode).toBe(403);
    expect((await get('/api/tickets/T2', lead('support'))).statusCode).toBe(403);
    const t2 = await get('/api/tickets/T2', lead('billing'));
    expect([t2.statusCode, t2.json().rows[0].reopen_count]).toEqual([200, 2]);
    expect((await get('/api/tickets/T2/events')).json().rows).toHaveLength(12);
    expect((await get('/api/tickets/nope')).statusCode).toBe(404);
  });

  it('keeps who may see an agent or ticket per caller\'s scope: asked in turns, each caller gets their own answer', async () => {
    for (let round = 0; round < 2; round++) {
      expect((await get(`/api/agents/a1?${RANGE}`)).statusCode).toBe(200);
      expect((await get(`/api/agents/a1?${RANGE}`, lead('billing'))).statusCode).toBe(403);
      expect((await get(`/api/agents/a1?${RANGE}`, lead('billing,support'))).statusCode).toBe(200);
      expect((await get('/api/tickets/T2', lead('support'))).statusCode).toBe(403);
      expect((await get('/api/tickets/T2')).statusCode).toBe(200);
      expect((await get('/api/tickets/ghost')).statusCode).toBe(404);
      expect((await get('/api/tickets/ghost', lead('support'))).statusCode).toBe(403);
    }
  });

  it('answers a ticket\'s SLA clocks, scoped like the ticket', async () => {
    const t4 = await get(`/api/tickets/T4/sla?${RANGE}`);
    expect(t4.json().rows.map((r: { sla: string; sla_state: string }) => [r.sla, r.sla_state])).toEqual([['first_response', 'met'], ['resolution', 'met']]);
    expect((await get('/api/tickets/T4/sla', lead('billing'))).statusCode).toBe(403);
    expect((await get('/api/tickets/nope/sla')).statusCode).toBe(404);
  });

  it('pages and sorts the agent\'s tickets and refuses an undeclared sort with 400 naming sort', async () => {
    const page = await get(`/api/agents/a1/tickets?${RANGE}&sort=created_at&order=asc&page=2&page_size=2`);
    expect(page.statusCode).toBe(200);
    expect([page.json().rows.map((r: { ticket_id: string }) => r.ticket_id), page.json().total]).toEqual([['T3'], 3]);
    const bad = await get(`/api/agents/a1/tickets?${RANGE}&sort=password`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'FilterError', field: 'sort' });
    expect((await get(`/api/agents/a1/tickets?${RANGE}&page_size=100000`)).statusCode).toBe(400);
  });

  it('serves problems, satisfaction and live tables and checks their own parameters', async () => {
    const problems = await get(`/api/problems?${RANGE}`);
    expect(problems.json().rows[0]).toMatchObject({ problem_type: 'returns', tickets: 4, cumulative_share: 0.5 });
    expect((await get(`/api/problems/subtypes?${RANGE}`)).json().name).toBe('problem-subtypes');
    expect((await get(`/api/problems/trend?${RANGE}&grain=week`)).json().rows).toHaveLength(3);
    expect((await get(`/api/problems/heatmap?${RANGE}&by=product`)).statusCode).toBe(200);
    expect((await get(`/api/problems/heatmap?${RANGE}&by=agent`)).json()).toMatchObject({ field: 'by' });
    expect((await get(`/api/problems/trend?${RANGE}&grain=decade`)).json()).toMatchObject({ field: 'grain' });
    expect((await get(`/api/satisfaction?${RANGE}`)).json().rows).toHaveLength(5);
    expect((await get(`/api/satisfaction/by?${RANGE}&by=agent`, lead('billing'))).json().rows.map((r: { value: string }) => r.value)).toEqual(['a2', 'a5']);
    expect((await get(`/api/satisfaction/low-ratings?${RANGE}`)).json().total).toBe(1);
    expect((await get(`/api/satisfaction/trend?${RANGE}&grain=month`)).json().rows).toEqual([{ bucket: '2026-03-01', ratings: 4, csat: 0.5, rating_mean: 3.25 }]);
    for (const url of ['/api/live', '/api/live/agents', '/api/live/breaching']) expect((await get(url)).statusCode).toBe(200);
  });

  it('exports the agents table as CSV with Chinese headers', async () => {
    const res = await get(`/api/agents?${RANGE}&format=csv&lang=zh`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('agents_2026-03-02_2026-03-08.csv');
    expect(res.rawPayload.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^客服,团队,分配工单/);
  });
});
