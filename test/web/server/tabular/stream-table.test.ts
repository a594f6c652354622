// Streamed exports and the query budget: a long export streams past the request budget by design
// (each DuckDB step is within it, the download is not), and a step that overruns it before the
// first byte is a 503, never a short file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Warehouse } from '../../../../warehouse/database.ts';
import { QueryBudgetError } from '../../../../warehouse/query-budget.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { streamTable } from '../../../../web/server/tabular/stream-table.ts';
import { isExportFormat } from '../../../../web/server/tabular/export-encoders.ts';
import '../../../../web/server/auth/request-principal.ts';

const ROWS = 300_000;
const BUDGET_MS = 150;
const table = {
  name: 'numbers', period: { from: '2026-11-01', to: '2026-11-30', timezone: 'Asia/Shanghai' }, clock: 'calendar' as const,
  columns: [
    { key: 'n', label: { en: 'N', zh: '序号' }, unit: 'count' as const },
    { key: 'at', label: { en: 'At', zh: '时间' }, unit: 'timestamp' as const },
  ],
};

let warehouse: Warehouse;
let app: FastifyInstance;

beforeAll(async () => {
  warehouse = await Warehouse.open(':memory:');
  app = Fastify();
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => { request.principal = { role: 'manager', teams: null, tokenId: null }; });
  app.setErrorHandler((error, _request, reply) => reply.status(error instanceof QueryBudgetError ? 503 : 500).send({ message: (error as Error).message }));
  const ctx = { warehouse, queryBudgetMs: BUDGET_MS };
  app.get('/numbers', (request, reply) => {
    const format = (request.query as { format?: string }).format;
    if (!isExportFormat(format)) throw new Error('format');
    return streamTable(ctx, request, reply, format, {
      table, params: { rows: ROWS },
      sql: `SELECT range AS n, TIMESTAMPTZ '2026-11-01 00:00:00+00' + range * INTERVAL 1 SECOND AS at FROM range($rows)`,
    });
  });
  // Far more work than the budget before its first row: the budget stops it.
  app.get('/slow', (request, reply) => streamTable(ctx, request, reply, 'csv', {
    table, params: {},
    sql: 'SELECT count(*) AS n, NULL AS at FROM range(3000000000) a',
  }));
});

afterAll(async () => {
  await app?.close();
  warehouse?.close();
});

describe('streamTable', () => {
  it('streams a list far past the query budget, complete, in order and in the list zone', async () => {
    const started = Date.now();
    const res = await app.inject({ url: '/numbers?format=csv' });
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(200);
    expect(elapsed).toBeGreaterThan(BUDGET_MS);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('N,At');
    expect(lines[1]).toBe('0,2026-11-01T08:00:00+08:00');
    expect(lines[ROWS]).toBe(`${ROWS - 1},2026-11-04T19:19:59+08:00`);
    expect(lines.slice(ROWS + 1)).toEqual(['', '"Filter: 2026-11-01 to 2026-11-30 (Asia/Shanghai), calendar time"', `Rows: ${ROWS} (complete)`, '']);
    console.log(`streamed ${ROWS} rows as CSV in ${elapsed} ms (budget ${BUDGET_MS} ms)`);
  }, 60_000);

  it('answers 503 when the query overruns the budget before its first row', async () => {
    const res = await app.inject({ url: '/slow' });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/DESKPULSE_QUERY_BUDGET_MS/);
  }, 30_000);
});
