// Issue 18, "misleading: fix first", against a real server: item 3, exports are every row of the
// list under the filter (streamed, no page size) and say what filter they hold, in CSV, XLSX, NDJSON
// and Arrow; the interactive list keeps paging. The warehouse is a small demo plus 700 tickets of one
// agent, each rated 1, so both the agent's ticket list and the low ratings pass the 500-row page limit.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, serveWarehouse, type E2eServer } from './support/e2e-server.ts';

const EXTRA = 700;
const AGENT = 'a-e2e-big';
const RANGE = 'from=2026-11-11&to=2026-11-20&tz=Asia/Shanghai';

let server: E2eServer;

/** 700 tickets of AGENT in the returns team over five days, answered, resolved and rated 1 with a comment. */
function extraTickets(): string {
  const lines = ['event_id,ticket_id,type,occurred_at,actor,agent_id,team_id,channel,problem_type,customer_id,status,rating,comment'];
  for (let i = 0; i < EXTRA; i++) {
    const day = 15 + (i % 5);
    const hour = String(9 + (i % 8)).padStart(2, '0');
    const at = (minute: number) => `2026-11-${day}T${hour}:${String(minute).padStart(2, '0')}:00+08:00`;
    const t = `BIG${i}`;
    lines.push(`${t}-c,${t},created,${at(0)},,,returns,web,return_exchange,c${i},,,`,
      `${t}-a,${t},assigned,${at(5)},,${AGENT},returns,,,,,,`,
      `${t}-r,${t},replied,${at(20)},agent,${AGENT},,,,,,,`,
      `${t}-s,${t},resolved,${at(40)},,,,,,,,,`,
      `${t}-v,${t},rated,${at(50)},,,,,,,,1,"太慢了, ticket ${i}"`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-e2e-trust-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'trust.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  deskpulse(['demo', '--days', '10', '--tickets-per-day', '40', '--seed', '7', '--end', '2026-11-20'], db, config);
  writeFileSync(join(dir, 'big.csv'), extraTickets());
  deskpulse(['ingest', join(dir, 'big.csv')], db, config);
  const tokens: Record<string, string> = {};
  for (const [name, role] of [['manager', 'manager']] as const) {
    tokens[name] = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', role, '--name', name], db, config)) as { token: string }).token;
  }
  server = { ...(await serveWarehouse(db, ['--config', config])), config, tokens };
}, 120_000);

afterAll(async () => server?.stop());

const get = (path: string, who = 'manager') => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.tokens[who]}` } });

async function total(path: string): Promise<number> {
  const res = await get(`${path}${path.includes('?') ? '&' : '?'}page_size=10`);
  expect(res.status, path).toBe(200);
  const table = await res.json() as { total: number; rows: unknown[] };
  expect(table.rows).toHaveLength(10);
  return table.total;
}

const LISTS = [`/api/agents/${AGENT}/tickets?${RANGE}&sort=ticket_id&order=asc`, `/api/satisfaction/low-ratings?${RANGE}&team=returns`];

describe('exports of lists longer than a page', () => {
  it('keep paging the interactive list (at most 500 rows a page)', async () => {
    for (const list of LISTS) {
      expect(await total(list), list).toBeGreaterThan(500);
      expect((await get(`${list}&page_size=501`)).status, list).toBe(400);
    }
  });

  it('CSV: every row of the list under the filter, then the filter and the row count', async () => {
    for (const list of LISTS) {
      const expected = await total(list);
      const res = await get(`${list}&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
      // Header, the rows, an empty row, the filter, the count, and the final line break.
      const blank = lines.indexOf('');
      expect(blank - 1, list).toBe(expected);
      expect(lines[blank + 1]).toMatch(/^"?Filter: 2026-11-11 to 2026-11-20 \(Asia\/Shanghai\), business hours;/);
      expect(lines[blank + 2]).toBe(`Rows: ${expected} (complete)`);
    }
    const tickets = (await (await get(`${LISTS[0]}&format=csv&lang=zh`)).text()).split('\r\n');
    expect(tickets[0]).toMatch(/^\uFEFF?工单,/);
    expect(tickets[1]).toMatch(/^BIG0,/);
    expect(tickets.find((l) => l.startsWith('"筛选') || l.startsWith('筛选'))).toContain(`agent = ${AGENT}；sort = ticket_id；order = asc`);
  });

  it('XLSX, NDJSON and Arrow hold every row as well, and say the filter', async () => {
    const [list] = LISTS as [string];
    const expected = await total(list);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await get(`${list}&format=xlsx&lang=zh`)).arrayBuffer());
    const [sheet, about] = workbook.worksheets;
    expect(sheet!.rowCount - 1).toBe(expected);
    expect(about!.name).toBe('筛选');
    expect(String(about!.getCell('A1').value)).toContain(`agent = ${AGENT}`);
    expect(about!.getCell('A2').value).toBe(`行数：${expected}（完整）`);

    const ndjson = (await (await get(`${list}&format=ndjson`)).text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ndjson[0]).toMatchObject({ export: { fields: { agent: [AGENT], sort: ['ticket_id'], order: ['asc'] } } });
    expect(ndjson.length - 2).toBe(expected);
    expect(ndjson.at(-1)).toEqual({ end: { rows: expected } });

    const arrow = tableFromIPC(new Uint8Array(await (await get(`${list}&format=arrow`)).arrayBuffer()));
    expect(arrow.numRows).toBe(expected);
    expect(arrow.schema.metadata.get('filter_en')).toContain(`agent = ${AGENT}`);
  });
});
