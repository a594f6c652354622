import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { loadConfig } from '../../../../warehouse/config.ts';
import { syncConfig } from '../../../../warehouse/calendar/sync-config.ts';
import { saveValueLabels } from '../../../../warehouse/value-labels.ts';
import { readDemoConfig } from '../../../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../../../ingest/demo/demo-into-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { bearer } from '../fixtures/bearer.ts';
import { metricWarehouse } from '../../../warehouse/metrics/fixtures/metric-week.ts';

let w: Warehouse;
let app: FastifyInstance;
beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await metricWarehouse();
  app = await buildApp({ warehouse: w, open: true });
});
afterAll(async () => {
  await app.close();
  w.close();
});

const labels = async (server = app) => (await server.inject({ url: '/api/labels' })).json().labels;

describe('GET /api/labels', () => {
  it('names the config\'s teams and every saved value in both languages', async () => {
    expect((await labels()).team.escalations).toEqual({ en: 'Escalations', zh: '升级' });
    await saveValueLabels(w.db, [
      { dimension: 'channel', value: 'wechat', zh: '微信', en: 'WeChat' },
      { dimension: 'problem_type', value: 'refund', zh: '退款', en: null },
    ]);
    const all = await labels();
    expect(all.channel.wechat).toEqual({ en: 'WeChat', zh: '微信' });
    expect(all.problem_type.refund).toEqual({ en: null, zh: '退款' });
    await saveValueLabels(w.db, [{ dimension: 'channel', value: 'wechat', zh: '微信', en: 'WeChat (Weixin)' }]);
    expect((await labels()).channel.wechat.en).toBe('WeChat (Weixin)');
    expect((await app.inject({ url: '/api/labels?lang=zh' })).statusCode).toBe(400);
  });

  it('keeps the names between requests, and a team lead sees an agent of their team at once after an ingest over HTTP', async () => {
    await saveValueLabels(w.db, [{ dimension: 'agent', value: 'a9', zh: '新员工', en: 'Newcomer' }]);
    const server = await buildApp({ warehouse: w });
    const lead = await bearer(w.db, 'team_lead', ['escalations']);
    const feed = await bearer(w.db, 'ingest');
    const ask = async () => {
      const res = await server.inject({ url: '/api/labels', headers: lead });
      expect(res.statusCode).toBe(200);
      return { agents: res.json().labels.agent ?? {}, cache: res.headers['x-cache'] };
    };
    const first = await ask();
    expect(first.agents.a9).toBeUndefined();
    expect(await ask()).toEqual({ agents: first.agents, cache: 'hit' });
    const events = [
      { event_id: 'L9-1', ticket_id: 'L9', type: 'created', occurred_at: '2026-03-26T09:00:00+01:00', team_id: 'escalations', channel: 'web' },
      { event_id: 'L9-2', ticket_id: 'L9', type: 'replied', occurred_at: '2026-03-26T09:30:00+01:00', actor: 'agent', agent_id: 'a9', team_id: 'escalations' },
    ];
    const ingest = await server.inject({ method: 'POST', url: '/api/events', headers: { ...feed, 'content-type': 'application/x-ndjson' },
      payload: events.map((e) => JSON.stringify(e)).join('\n') });
    expect(ingest.json()).toMatchObject({ accepted: 2, quarantined: 0 });
    const after = await ask();
    expect(after.agents.a9).toEqual({ en: 'Newcomer', zh: '新员工' });
    expect(after.cache).toBe('miss');
    await server.close();
  });

  it('holds the demo\'s Chinese and English names once the demo is loaded', async () => {
    const demo = await Warehouse.open(':memory:');
    await syncConfig(demo.db, loadConfig('config/deskpulse.yaml'));
    await demoIntoWarehouse(demo, { days: 2, ticketsPerDay: 20, seed: 3, config: readDemoConfig('config/deskpulse.yaml') });
    const server = await buildApp({ warehouse: demo, open: true });
    const named = await labels(server);
    expect(named.problem_type.return_exchange).toEqual({ en: 'Returns & exchanges', zh: '退换货' });
    expect(named.team.returns.zh).toBe('售后退换货');
    expect(Object.keys(named)).toEqual(expect.arrayContaining(['channel', 'priority', 'problem_subtype', 'product', 'region']));
    // every agent in the demo's events has a name in both languages (the roster's)
    const agents = (await demo.db.runAndReadAll('SELECT DISTINCT agent_id FROM events WHERE agent_id IS NOT NULL')).getRows().map((r) => String(r[0]));
    expect(agents.length).toBeGreaterThan(3);
    for (const agent of agents) expect(named.agent?.[agent], agent).toEqual({ en: expect.stringMatching(/^[A-Z][a-z]/), zh: expect.any(String) });
    await server.close();
    demo.close();
  });
});
