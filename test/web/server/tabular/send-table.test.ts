import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import type { MetricTable } from '../../../../warehouse/metrics/table.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { ForbiddenError } from '../../../../web/server/auth/forbidden-error.ts';
import { MetricTableSchema } from '../../../../web/server/tabular/metric-table-schema.ts';
import { sendTable } from '../../../../web/server/tabular/send-table.ts';
import '../../../../web/server/auth/request-principal.ts';

const TABLE: MetricTable = {
  name: '坐席',
  period: { from: '2026-10-01', to: '2026-10-28', timezone: 'Asia/Shanghai' },
  previous: null,
  clock: 'business',
  columns: [
    { key: 'agent', label: { en: 'Agent', zh: '坐席' }, unit: 'text' },
    { key: 'day', label: { en: 'Day', zh: '日期' }, unit: 'date' },
    { key: 'resolved', label: { en: 'Resolved', zh: '已解决' }, unit: 'count' },
    { key: 'frt_median', label: { en: 'FRT median', zh: '首次响应中位数' }, unit: 'seconds' },
    { key: 'csat', label: { en: 'CSAT', zh: '满意度' }, unit: 'ratio' },
    { key: 'outlier', label: { en: 'Outlier', zh: '异常' }, unit: 'text' },
  ],
  rows: [
    { agent: '张伟', day: '2026-10-01', resolved: 12, frt_median: 95.5, csat: 0.875, outlier: false },
    { agent: 'a "quoted", agent', day: '2026-10-02', resolved: 0, frt_median: null, csat: null, outlier: true },
    { agent: '=HYPERLINK("x")', day: '2026-10-03', resolved: 3, frt_median: 60, csat: 1, outlier: null },
  ],
};

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  // Stands in for the auth plugin: the role comes from a test header.
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    request.principal = { role: (request.headers['x-role'] as Principal['role']) ?? 'admin', teams: null, tokenId: null };
  });
  app.setErrorHandler((error, _request, reply) => reply.status(error instanceof ForbiddenError ? 403 : 500).send({ message: (error as Error).message }));
  app.get('/table', { schema: { response: { 200: MetricTableSchema } } }, (request, reply) => sendTable(request, reply, TABLE));
  app.get('/plan', { config: { planExport: true }, schema: { response: { 200: MetricTableSchema } } }, (request, reply) => sendTable(request, reply, TABLE));
  await app.ready();
});
afterAll(() => app.close());

describe('sendTable', () => {
  it('answers JSON with the table as is by default', async () => {
    const res = await app.inject({ url: '/table' });
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual(TABLE);
  });

  it('writes CSV with a BOM, labels in the asked language and Chinese intact', async () => {
    const res = await app.inject({ url: '/table?format=csv&lang=zh' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('坐席,日期,已解决,首次响应中位数,满意度,异常');
    expect(lines[1]).toBe('张伟,2026-10-01,12,95.5,0.875,false');
    expect(lines[2]).toBe('"a ""quoted"", agent",2026-10-02,0,,,true');
    // A formula-looking text cell is neutralised so spreadsheets show it as text.
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")",2026-10-03,3,60,1,`);
    const en = await app.inject({ url: '/table?format=csv' });
    expect(en.rawPayload.toString('utf8').slice(1).split('\r\n')[0]).toBe('Agent,Day,Resolved,FRT median,CSAT,Outlier');
  });

  it('ends a CSV with the filter it holds (query filters and sort) and its row count; NDJSON and Arrow say it too', async () => {
    const csv = await app.inject({ url: '/table?format=csv&team=t1&team=t2&sort=resolved' });
    expect(csv.body.split('\r\n').slice(4)).toEqual(['',
      '"Filter: 2026-10-01 to 2026-10-28 (Asia/Shanghai), business hours; team = t1, t2; sort = resolved"', 'Rows: 3 (complete)', '']);
    const ndjson = (await app.inject({ url: '/table?format=ndjson&team=t1' })).body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(ndjson[0].export.fields).toEqual({ team: ['t1'] });
    expect(ndjson.slice(1, -1)).toHaveLength(3);
    expect(ndjson.at(-1)).toEqual({ end: { rows: 3 } });
    const arrow = await app.inject({ url: '/table?format=arrow&team=t1' });
    expect(arrow.headers['content-disposition']).toContain('.arrow');
    expect(tableFromIPC(arrow.rawPayload).schema.metadata.get('filter')).toBe('{"team":["t1"]}');
  });

  it('names downloads <name>_<filter>_<from>_<to>.<ext>: the filter without sort, Chinese values in the UTF-8 form', async () => {
    const res = await app.inject({ url: `/table?format=xlsx&team=t1&team=t2&problem_type=${encodeURIComponent('退货')}&sort=resolved` });
    expect(res.headers['content-disposition']).toBe('attachment; filename="___team-t1+t2_problem_type-___2026-10-01_2026-10-28.xlsx"; ' +
      `filename*=UTF-8''${encodeURIComponent('坐席_team-t1+t2_problem_type-退货_2026-10-01_2026-10-28.xlsx')}`);
  });

  it('names downloads <name>_<from>_<to>.<ext> with an RFC 5987 UTF-8 form', async () => {
    const res = await app.inject({ url: '/table?format=csv' });
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___2026-10-01_2026-10-28.csv"; filename*=UTF-8''${encodeURIComponent('坐席_2026-10-01_2026-10-28.csv')}`);
    const xlsx = await app.inject({ url: '/table?format=xlsx' });
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('坐席_2026-10-01_2026-10-28.xlsx')}`);
  });

  it('writes an XLSX sheet exceljs reads back: bold labels, typed cells, ratios as percent', async () => {
    const res = await app.inject({ url: '/table?format=xlsx&lang=zh' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    // The table, then the filter it holds and its row count.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['坐席', '筛选']);
    expect(workbook.worksheets[1]!.getCell('A1').value).toBe('筛选：2026-10-01 至 2026-10-28（Asia/Shanghai），营业时间');
    expect(workbook.worksheets[1]!.getCell('A2').value).toBe('行数：3（完整）');
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('坐席');
    expect(sheet.getRow(1).values).toEqual([undefined, '坐席', '日期', '已解决', '首次响应中位数（时:分）', '满意度', '异常']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    // days as date cells, durations as Excel time (95.5 s = 95.5 / 86400 days) shown [h]:mm, which exceljs
    // reads back as that much time after Excel's day zero, 1899-12-30
    expect(sheet.getRow(2).values).toEqual([undefined, '张伟', new Date(Date.UTC(2026, 9, 1)), 12, new Date(Date.UTC(1899, 11, 30) + 95_500), 0.875, false]);
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('D2').numFmt).toBe('[h]:mm');
    expect(sheet.getCell('E2').numFmt).toBe('0.0%');
    expect(sheet.getCell('D3').value).toBeNull();
    expect(sheet.getCell('A4').value).toBe('=HYPERLINK("x")');
    expect(sheet.rowCount).toBe(4);
  });

  it('streams Arrow IPC that decodes to the same rows with typed columns', async () => {
    const res = await app.inject({ url: '/table', headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(res.headers['content-type']).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(res.rawPayload);
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['agent', 'Utf8'], ['day', 'Utf8'], ['resolved', 'Int32'], ['frt_median', 'Float64'], ['csat', 'Float64'], ['outlier', 'Bool'],
    ]);
    expect(table.schema.fields[4]!.metadata.get('label_zh')).toBe('满意度');
    expect(table.schema.metadata.get('name')).toBe('坐席');
    expect(table.toArray().map((row) => ({ ...row.toJSON() }))).toEqual(TABLE.rows);
  });

  it('lets planners export only routes marked planExport, with a message saying who may', async () => {
    const denied = await app.inject({ url: '/table?format=csv', headers: { 'x-role': 'planner' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/planner role may not download CSV.*admin, manager or team_lead/);
    expect((await app.inject({ url: '/table', headers: { 'x-role': 'planner' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/plan?format=xlsx', headers: { 'x-role': 'planner' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/table?format=xlsx', headers: { 'x-role': 'team_lead' } })).statusCode).toBe(200);
  });

  it('sends an empty table in every format', async () => {
    const empty: MetricTable = { ...TABLE, name: 'empty', rows: [] };
    const local = Fastify();
    local.decorateRequest('principal', null as unknown as Principal);
    local.addHook('onRequest', async (request) => { request.principal = { role: 'admin', teams: null, tokenId: null }; });
    local.get('/e', (request, reply) => sendTable(request, reply, empty));
    expect(tableFromIPC((await local.inject({ url: '/e', headers: { accept: 'application/vnd.apache.arrow.stream' } })).rawPayload).numRows).toBe(0);
    expect((await local.inject({ url: '/e?format=csv' })).body).toBe('\ufeffAgent,Day,Resolved,FRT median,CSAT,Outlier\r\n\r\n' +
      '"Filter: 2026-10-01 to 2026-10-28 (Asia/Shanghai), business hours"\r\nRows: 0 (complete)\r\n');
    expect((await local.inject({ url: '/e?format=ndjson' })).body.split('\n').filter(Boolean).map((l) => Object.keys(JSON.parse(l))[0]))
      .toEqual(['export', 'end']);
    expect((await local.inject({ url: '/e?format=xlsx' })).statusCode).toBe(200);
    await local.close();
  });
});
