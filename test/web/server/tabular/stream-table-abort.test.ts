// A streamed export whose client goes away mid-download gives its DuckDB connection back (closes it):
// an abandoned download must not hold a connection, and the query's result, for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Warehouse } from '../../../../warehouse/database.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { streamTable } from '../../../../web/server/tabular/stream-table.ts';
import '../../../../web/server/auth/request-principal.ts';

const table = {
  name: 'numbers', period: { from: '2026-11-01', to: '2026-11-30', timezone: 'Asia/Shanghai' }, clock: 'calendar' as const,
  columns: [{ key: 'n', label: { en: 'N', zh: '序号' }, unit: 'count' as const }],
};

let warehouse: Warehouse;
let app: FastifyInstance;
let url = '';
const opened: { closed: boolean }[] = [];

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  // The real warehouse; each export connection is noted with whether it was closed.
  const counting = {
    connect: async (): Promise<DuckDBConnection> => {
      const db = await warehouse.connect();
      const state = { closed: false };
      opened.push(state);
      const close = db.closeSync.bind(db);
      db.closeSync = () => { state.closed = true; close(); };
      return db;
    },
  } as unknown as Warehouse;
  // The aborted fetch leaves its keep-alive socket for the test's close to cut, not to wait 72 s for.
  app = Fastify({ forceCloseConnections: true });
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => { request.principal = { role: 'manager', teams: null, tokenId: null }; });
  app.get('/numbers', (request, reply) => streamTable({ warehouse: counting, queryBudgetMs: 10_000 }, request, reply, 'csv', {
    table, params: {}, sql: 'SELECT range AS n FROM range(50000000)',
  }));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  warehouse?.close();
});

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

describe('streamTable when the client goes away', () => {
  it('closes the export\'s connection after a download aborted mid-way', async () => {
    const abort = new AbortController();
    const res = await fetch(`${url}/numbers`, { signal: abort.signal });
    const reader = res.body!.getReader();
    let bytes = 0;
    while (bytes < 200_000) bytes += (await reader.read()).value?.byteLength ?? 0;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.closed).toBe(false);
    abort.abort();
    expect(await until(() => opened[0]!.closed, 10_000)).toBe(true);
  }, 30_000);
});
