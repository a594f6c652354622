import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { createToken } from '../../../web/server/auth/token-store.ts';

const CSV = readFileSync('test/ingest/fixtures/canonical.csv');
let w: Warehouse;
let app: FastifyInstance;
let bearer: string;
// One app for the file (building one takes seconds): each test posts events of its own tickets and
// counts what its own requests added, so none depends on what another posted.
beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  bearer = `Bearer ${(await createToken(w.db, { role: 'ingest', createdBy: 'test' })).token}`;
  app = await buildApp({ warehouse: w, bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await app.close();
  w.close();
});
const health = async () => (await app.inject({ url: '/api/health' })).json();
const quarantined = async () => Number((await w.db.runAndReadAll('SELECT count(*) FROM quarantine')).getRows()[0]?.[0]);

describe('POST /api/events', () => {
  it('ingests a CSV body and answers with counts and quarantined positions', async () => {
    const before = { ...await health(), quarantine: await quarantined() };
    const res = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'text/csv' }, payload: CSV });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 6, duplicates: 1, quarantined: 4, quarantine: expect.arrayContaining([{ position: 'line 8', reason: 'rating 7 must be an integer 1..5' }]) });
    expect(await health()).toMatchObject({ status: 'ok', events: before.events + 6, tickets: before.tickets + 2, lastIngest: { accepted: 6, quarantined: 4 } });
    // A retried POST of the same body is recognised: nothing added, the quarantine not doubled.
    const retry = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'text/csv' }, payload: CSV });
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 7, quarantined: 0, unchanged: [{ run: res.json().runId }] });
    expect(await quarantined()).toBe(before.quarantine + 4);
  });

  it('takes NDJSON and JSON array bodies with the same semantics', async () => {
    const events = [{ event_id: 'j1', ticket_id: 'J', type: 'created', occurred_at: '2026-03-02T09:00:00+08:00', channel: '微信' }];
    const nd = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'application/x-ndjson' }, payload: events.map((e) => JSON.stringify(e)).join('\n') });
    expect(nd.json()).toMatchObject({ accepted: 1 });
    const arr = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'application/json' }, payload: JSON.stringify(events) });
    expect(arr.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('takes Arrow IPC stream bodies, timestamps typed as instants', async () => {
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    const table = tableFromArrays({
      event_id: ['a1', 'a2', 'a3'], ticket_id: ['A', 'A', 'A'], type: ['created', 'assigned', 'rated'],
      occurred_at: [new Date('2026-03-02T01:00:00Z'), new Date('2026-03-02T01:05:00Z'), new Date('2026-03-02T02:00:00Z')],
      agent_id: [null, 'a7', null], channel: ['app', null, null], rating: [null, null, 4],
    });
    const res = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'application/vnd.apache.arrow.stream' }, payload: Buffer.from(tableToIPC(table, 'stream')) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rowsRead: 3, accepted: 3, quarantined: 0 });
    const rows = (await w.db.runAndReadAll("SELECT event_id, occurred_at::VARCHAR, agent_id, rating FROM events WHERE ticket_id = 'A' ORDER BY event_id")).getRows();
    expect(rows).toEqual([['a1', '2026-03-02 01:00:00+00', null, null], ['a2', '2026-03-02 01:05:00+00', 'a7', null], ['a3', '2026-03-02 02:00:00+00', null, 4]]);
  });

  it('refuses unknown content types, unknown query fields and bodies over the limit', async () => {
    const before = (await health()).events;
    const text = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'text/plain' }, payload: 'x' });
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toMatch(/text\/plain.*text\/csv/);
    const bogus = await app.inject({ method: 'POST', url: '/api/events?bogus=1', headers: { authorization: bearer, 'content-type': 'text/csv' }, payload: CSV });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json()).toMatchObject({ field: 'bogus' });
    const zone = await app.inject({ method: 'POST', url: '/api/events?timezone=Not/AZone', headers: { authorization: bearer, 'content-type': 'text/csv' }, payload: CSV });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().message).toMatch(/^timezone: "Not\/AZone" is not an IANA time zone/);
    const big = await app.inject({ method: 'POST', url: '/api/events', headers: { authorization: bearer, 'content-type': 'text/csv' }, payload: Buffer.alloc(100 * 1024, 'a') });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/split it into smaller batches/);
    expect((await health()).events).toBe(before); // nothing stored: 0 when this test runs alone
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/events']));
  });
});
