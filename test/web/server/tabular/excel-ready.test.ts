import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { MetricTable } from '../../../../warehouse/metrics/table.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { sendTable } from '../../../../web/server/tabular/send-table.ts';
import { encodeExport } from '../../../../web/server/tabular/export-encoders.ts';
import { excelCell, wallClockDate } from '../../../../web/server/tabular/excel-cells.ts';
import { acceptedLang } from '../../../../web/server/tabular/export-lang.ts';
import { filterPart } from '../../../../web/server/tabular/export-filename.ts';
import '../../../../web/server/auth/request-principal.ts';

// Tickets as a ticket list gives them: instants already in the viewer's zone (here Europe/Berlin, +01:00 in November).
const TICKETS: MetricTable = {
  name: 'tickets', period: { from: '2026-11-01', to: '2026-11-30', timezone: 'Europe/Berlin' }, previous: null, clock: 'business',
  columns: [
    { key: 'ticket_id', label: { en: 'Ticket', zh: '工单' }, unit: 'text' },
    { key: 'created_at', label: { en: 'Created at', zh: '创建时间' }, unit: 'timestamp' },
    { key: 'resolution_seconds', label: { en: 'Resolution time', zh: '解决时长' }, unit: 'seconds' },
    { key: 'reopen_count', label: { en: 'Reopens', zh: '重开次数' }, unit: 'count' },
  ],
  rows: [
    { ticket_id: 'T1', created_at: '2026-11-03T23:30:00+01:00', resolution_seconds: 9000, reopen_count: 2 },
    { ticket_id: 'T2', created_at: '2026-11-04T08:05:07.250+01:00', resolution_seconds: null, reopen_count: '0' },
  ],
};

/** A duration cell as exceljs reads it back: a [h]:mm format makes it that much time after Excel's day zero. */
const excelTime = (seconds: number) => new Date(Date.UTC(1899, 11, 30) + seconds * 1000);

async function readSheet(bytes: Buffer | Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => { request.principal = { role: 'manager', teams: null, tokenId: null }; });
  app.get('/tickets', (request, reply) => sendTable(request, reply, TICKETS));
  await app.ready();
});
afterAll(() => app.close());

describe('Excel-ready XLSX', () => {
  it('writes instants as date-time cells showing the viewer\'s wall clock, durations as [h]:mm, counts as numbers', async () => {
    const sheet = await readSheet((await app.inject({ url: '/tickets?format=xlsx' })).rawPayload);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Ticket', 'Created at (Europe/Berlin)', 'Resolution time (h:mm)', 'Reopens']);
    // 23:30 in Berlin stays 23:30 on 3 November (in UTC it is 22:30; in Shanghai 4 November)
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 10, 3, 23, 30)));
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Date);
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getCell('B3').value).toEqual(new Date(Date.UTC(2026, 10, 4, 8, 5, 7, 250)));
    // 9000 s = 2.5 h = 2:30 in [h]:mm, i.e. 9000 / 86400 of a day
    expect(sheet.getCell('C2').value).toEqual(excelTime(9000));
    expect(sheet.getCell('C2').numFmt).toBe('[h]:mm');
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('D3').value).toBe(0);
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.Number);
  });

  it('takes the headers\' language from ?lang, else from Accept-Language', async () => {
    const zh = await readSheet((await app.inject({ url: '/tickets?format=xlsx', headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).rawPayload);
    expect(zh.getRow(1).values).toEqual([undefined, '工单', '创建时间（Europe/Berlin）', '解决时长（时:分）', '重开次数']);
    const en = await readSheet((await app.inject({ url: '/tickets?format=xlsx&lang=en', headers: { 'accept-language': 'zh-CN' } })).rawPayload);
    expect(en.getCell('A1').value).toBe('Ticket');
    expect(acceptedLang('fr-FR, en;q=0.5, zh;q=0.7')).toBe('zh');
    expect(acceptedLang('de, fr')).toBeNull();
    expect(acceptedLang('zh;q=0, en-GB')).toBe('en');
  });

  it('streams the same typed cells as the in-memory workbook', async () => {
    const parts: Uint8Array[] = [];
    const filter = { period: TICKETS.period, clock: TICKETS.clock, fields: {}, scopeTeams: null };
    for await (const part of encodeExport('xlsx', { table: TICKETS, filter, lang: 'zh' }, [TICKETS.rows])) {
      parts.push(typeof part === 'string' ? Buffer.from(part) : part);
    }
    const sheet = await readSheet(Buffer.concat(parts));
    expect(sheet.getCell('C1').value).toBe('解决时长（时:分）');
    expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 10, 3, 23, 30)));
    expect(sheet.getCell('C2').value).toEqual(excelTime(9000));
  });

  it('keeps unparseable values as given and caps the filter part of a file name', () => {
    expect(excelCell('not a time', 'timestamp')).toBe('not a time');
    expect(excelCell('n/a', 'count')).toBe('n/a');
    expect(wallClockDate('2026-02-03')).toEqual(new Date(Date.UTC(2026, 1, 3)));
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`field${i}`, [`value-${i}`]]));
    expect(filterPart('tickets', many)).toBe('field0-value-0_field1-value-1_field2-value-2_field3-value-3_+4');
    // a value the table's name already holds (an agent's page) is not said twice
    expect(filterPart('agent-A012-tickets', { agent: ['A012'], channel: ['chat'] })).toBe('channel-chat');
  });
});
