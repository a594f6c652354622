// /api/agents and /api/agents/:agent from the agents' day rollup (x-source: rollup) where the filter
// allows, a team lead's one team included (still only that team's work), from the facts otherwise
// (x-source: facts): the same rows either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { agentDays, agents } from '../../../../warehouse/metrics/agents.ts';
import { keepDailyRollup } from '../../../../warehouse/rollups/daily-rollup.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { peopleWarehouse, WEEK } from '../../../warehouse/metrics/fixtures/people-week.ts';
import { bearer } from '../fixtures/bearer.ts';

const QUERY = { from: WEEK.from, to: WEEK.to, tz: WEEK.timezone, clock: 'calendar' };
let w: Warehouse;
let app: FastifyInstance;
let admin: { authorization: string };
let lead: { authorization: string };
let twoTeams: { authorization: string };

beforeAll(async () => {
  w = await peopleWarehouse();
  await keepDailyRollup(w.db, WEEK.timezone); // as serve does with the config's zone
  app = await buildApp({ warehouse: w, timezone: WEEK.timezone });
  admin = await bearer(w.db, 'admin');
  lead = await bearer(w.db, 'team_lead', ['billing']);
  twoTeams = await bearer(w.db, 'team_lead', ['billing', 'support']);
});
afterAll(async () => {
  await app.close();
  w.close();
});

const get = async (url: string, headers: { authorization: string }, query: Record<string, string> = QUERY) => {
  const res = await app.inject({ url, query, headers });
  expect(res.statusCode, res.body).toBe(200);
  return { source: res.headers['x-source'], rows: res.json().rows as Record<string, unknown>[] };
};

describe('/api/agents and the agents\' day rollup', () => {
  it('answers an unfiltered range from the rollup with the facts\' rows, and ?exact=true from the facts', async () => {
    const exact = await agents(w.db, WEEK);
    expect(await get('/api/agents', admin)).toEqual({ source: 'rollup', rows: exact.rows });
    expect(await get('/api/agents', admin, { ...QUERY, exact: 'true' })).toEqual({ source: 'facts', rows: exact.rows });
    const days = await agentDays(w.db, WEEK, 'a1');
    expect(await get('/api/agents/a1', admin)).toEqual({ source: 'rollup', rows: days.rows });
  });

  it('shows a team lead only their team\'s work, from the rollup for one team and the facts for two', async () => {
    const own = await get('/api/agents', lead);
    expect(own.source).toBe('rollup');
    expect(own.rows.map((r) => r.agent)).toEqual(['a2', 'a5']); // a1's comment on T2 was made while T2 was in support
    expect(own.rows).toEqual((await agents(w.db, { ...WEEK, scopeTeams: ['billing'] })).rows);
    expect((await get('/api/agents/a2', lead)).rows).toEqual((await agentDays(w.db, { ...WEEK, scopeTeams: ['billing'] }, 'a2')).rows);
    expect((await app.inject({ url: '/api/agents/a1', query: QUERY, headers: lead })).statusCode).toBe(403);
    const both = await get('/api/agents', twoTeams);
    expect(both.source).toBe('facts');
    expect(both.rows).toEqual((await agents(w.db, { ...WEEK, scopeTeams: ['billing', 'support'] })).rows);
  });

  it('answers a dimension filter from the facts', async () => {
    expect((await get('/api/agents', admin, { ...QUERY, channel: 'web' })).source).toBe('facts');
    expect((await get('/api/agents/a1', admin, { ...QUERY, channel: 'web' })).source).toBe('facts');
  });
});
