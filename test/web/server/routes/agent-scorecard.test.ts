import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { peopleWarehouse } from '../../../warehouse/metrics/fixtures/people-week.ts';
import { bearer } from '../fixtures/bearer.ts';

let w: Warehouse;
let app: FastifyInstance;
let lead: { authorization: string };
let manager: { authorization: string };
beforeAll(async () => {
  w = await peopleWarehouse();
  app = await buildApp({ warehouse: w, timezone: 'Europe/Berlin' });
  lead = await bearer(w.db, 'team_lead', ['support']);
  manager = await bearer(w.db, 'manager');
});
afterAll(async () => {
  await app.close();
  w.close();
});

const WEEK = 'from=2026-03-02&to=2026-03-08&tz=Europe/Berlin&clock=calendar';

describe('GET /api/agents/:agent/scorecard', () => {
  it('answers each measure beside the team median (hand-computed in agent-scorecard.test.ts)', async () => {
    const res = await app.inject({ url: `/api/agents/a1/scorecard?${WEEK}`, headers: manager });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ agent: 'a1', team: 'support', clock: 'calendar', period: { from: '2026-03-02', to: '2026-03-08' } });
    expect(body.lines.find((l: { key: string }) => l.key === 'aht_seconds')).toMatchObject({ value: 65, teamMedian: 57.5, verdict: 'worse' });
    // the page's agent filter does not narrow the team the agent is compared with
    const filtered = (await app.inject({ url: `/api/agents/a1/scorecard?${WEEK}&agent=a1`, headers: manager })).json();
    expect(filtered.lines).toEqual(body.lines);
  });

  it('is the team lead\'s for their own teams\' agents only', async () => {
    expect((await app.inject({ url: `/api/agents/a1/scorecard?${WEEK}`, headers: lead })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/agents/a2/scorecard?${WEEK}`, headers: lead })).statusCode).toBe(403);
  });
});

describe('a team lead asking for another team', () => {
  it('is refused with the teams named by their labels in both languages', async () => {
    const res = await app.inject({ url: `/api/agents?${WEEK}&team=billing`, headers: lead });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      error: 'Forbidden',
      message: 'Team Billing is not one of your teams (Support). Remove it from the filter, or ask a manager for these figures.',
      label: {
        en: 'Team Billing is not one of your teams (Support). Remove it from the filter, or ask a manager for these figures.',
        zh: '团队 账务 不属于您负责的团队（支持）。请从筛选中移除该团队，或请经理查看这些数据。',
      },
    });
    // a team the config does not name keeps its id
    const unknown = (await app.inject({ url: `/api/overview?${WEEK}&team=nowhere&team=billing`, headers: lead })).json();
    expect(unknown.label.zh).toContain('团队 nowhere、账务 不属于');
  });
});
