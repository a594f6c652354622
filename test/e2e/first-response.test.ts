// Issue 16, defect 3 in a real browser against a real server: a warehouse of ServiceNow exports,
// which record no replies. February comes through a mapping that declares no first response (its
// first response figures are "not available", with the reason, in the API, the CSV export and the
// tiles, en and zh), March through the shipped mapping (first response = first change to Active,
// named beside the figures); both months together measure March only and say what was left out.
// The agents page says what its first response column rests on.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/ui/lib/i18n/en.ts';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { servicenowMappingWith, writeServicenowExport } from '../warehouse/metrics/fixtures/servicenow-first-response.ts';
import { ARTIFACTS, deskpulse, launchBrowser, serveWarehouse, servedFolder, settled, signedIn, watchErrors, type E2eServer } from './support/e2e-server.ts';
import { testFolder } from '../support/test-folders.ts';

interface Table { rows: Record<string, unknown>[]; firstResponse?: { unavailable: string | null; measured: number; excluded: number; note: { en: string; zh: string } | null } }

const FEBRUARY = 'from=2026-02-01&to=2026-02-04&tz=UTC&clock=calendar';
const MARCH = 'from=2026-03-01&to=2026-03-04&tz=UTC&clock=calendar';
const BOTH = 'from=2026-02-01&to=2026-03-04&tz=UTC&clock=calendar';
const FRT_TILES = ['unanswered', 'frt_median', 'frt_p90', 'frt_mean', 'sla_frt'];

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  const dir = testFolder('deskpulse-e2e-frt-');
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'servicenow.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  const raw = servicenowMappingWith(dir, readFileSync('ingest/mappings/servicenow.mapping.yaml', 'utf8'), null, 'servicenow-raw');
  deskpulse(['ingest', writeServicenowExport(dir, { month: 2, prefix: 'FEB' }), '--mapping', raw], db, config);
  deskpulse(['ingest', writeServicenowExport(dir, { month: 3 }), '--mapping', 'servicenow'], db, config);
  const made = JSON.parse(deskpulse(['token', 'create', '--json', '--role', 'manager', '--name', 'manager'], db, config)) as { token: string };
  server = { ...(await serveWarehouse(db, ['--config', config], servedFolder(dir))), config, tokens: { manager: made.token } };
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(path: string): Promise<Table> {
  const response = await manager.request.get(`${server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as Table;
}

async function overviewPage(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await manager.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/?${query}`);
  await settled(page);
  return { page, errors };
}

const tile = (page: Page, metric: string) => page.locator(`[data-kpi="${metric}"]`);

describe('first response of a source without replies', () => {
  it('is null with the reason in the API, never 0, and the measured figures stay', async () => {
    const overview = await api(`/api/overview?${FEBRUARY}`);
    const row = (metric: string) => overview.rows.find((r) => r.metric === metric)!;
    for (const metric of FRT_TILES) expect([metric, row(metric).value, row(metric).unavailable]).toEqual([metric, null, 'no_first_response_in_source']);
    expect(row('volume').value).toBe(4);
    expect(row('resolution_median').value).toBe(7200);
    expect(overview.firstResponse).toMatchObject({ unavailable: 'no_first_response_in_source', measured: 0, excluded: 4 });
    const series = await api(`/api/timeseries?${FEBRUARY}`);
    expect(series.rows.map((r) => r.sla_frt)).toEqual([null, null, null, null]);
    expect(series.firstResponse!.unavailable).toBe('no_first_response_in_source');
    const agents = await api(`/api/agents?${FEBRUARY}`);
    expect(agents.rows.map((r) => r.frt_median)).toEqual(agents.rows.map(() => null));
    expect(agents.firstResponse!.unavailable).toBe('no_first_response_in_source');
  });

  it('exports empty cells and a note row, not 0', async () => {
    const response = await manager.request.get(`${server.url}/api/overview?${FEBRUARY}&format=csv&lang=zh`);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const line = (metric: string) => lines.find((l) => l.startsWith(`${metric},`));
    expect(line('sla_frt')).toBe('sla_frt,,,,');
    expect(line('frt_median')).toBe('frt_median,,,,');
    // the notes follow the rows after an empty row: first what the figures rest on
    const blank = lines.indexOf('');
    expect(blank).toBe(lines.findIndex((l) => l.startsWith('reply_median,')) + 1);
    expect(lines[blank + 1]).toContain('不可用');
  });

  it('shows "not available" and why on the tiles and the charts, in English and Chinese', async () => {
    const { page, errors } = await overviewPage(FEBRUARY);
    for (const metric of FRT_TILES) {
      await expect.poll(() => tile(page, metric).locator('[data-value]').innerText()).toBe(en['kpi.notAvailable']);
      expect(await tile(page, metric).getAttribute('data-unavailable')).toBe('true');
      expect(await tile(page, metric).locator('[data-note]').first().innerText()).toContain('records no first response');
    }
    expect(await tile(page, 'volume').locator('[data-value]').innerText()).toBe('4');
    expect(await page.locator('[data-chart="frt_median,frt_p90"] [data-note]').innerText()).toContain('Not available');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-servicenow.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => tile(page, 'sla_frt').locator('[data-value]').innerText()).toBe(zh['kpi.notAvailable']);
    expect(await tile(page, 'sla_frt').locator('[data-note]').first().innerText()).toContain('没有记录首次响应');
    await page.screenshot({ path: join(ARTIFACTS, 'overview-servicenow.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await page.goto(`${server.url}/agents?${FEBRUARY}`);
    await settled(page);
    expect(await page.locator('#agents [data-note]').innerText()).toContain('records no first response');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('first response declared by the mapping', () => {
  it('is measured and named beside the figures; a mixed range says how many tickets it left out', async () => {
    const march = await api(`/api/overview?${MARCH}`);
    expect(march.rows.find((r) => r.metric === 'frt_median')!.value).toBe(1800);
    const { page, errors } = await overviewPage(MARCH);
    // Other notes (e.g. how many tickets are still unanswered) may stand beside the rule.
    await expect.poll(() => tile(page, 'frt_median').locator('[data-note]').allInnerTexts()).toContain('first response = first change to Open');
    expect(await tile(page, 'frt_median').getAttribute('data-unavailable')).toBeNull();
    expect((await tile(page, 'resolution_median').locator('[data-note]').allInnerTexts()).join(' ')).not.toContain('first response');

    const both = await api(`/api/overview?${BOTH}`);
    expect(both.firstResponse).toMatchObject({ unavailable: null, measured: 4, excluded: 4 });
    expect(both.rows.find((r) => r.metric === 'frt_median')!.value).toBe(1800);
    await page.goto(`${server.url}/?${BOTH}`);
    await settled(page);
    await expect.poll(() => tile(page, 'sla_frt').locator('[data-note]').allInnerTexts()).toEqual(expect.arrayContaining([
      '4 of 8 tickets left out of the first response metrics: their source records no first response',
      'first response = first change to Open',
    ]));
    await page.screenshot({ path: join(ARTIFACTS, 'overview-servicenow-mixed.en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the live wallboard of a source without agent events', () => {
  it('says who is online is not available (and why), in en and zh, instead of "0 online"', async () => {
    const states = (await api('/api/live/agent-states')) as Table & { agentStates?: { unavailable: string | null } };
    expect(states.agentStates).toEqual({ unavailable: 'no_agent_events' });
    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/live`);
    const online = page.locator('[data-tile="online"]');
    await online.locator('[data-unavailable="no_agent_events"]').waitFor();
    expect(await online.locator('[data-value]').innerText()).toBe('Not available');
    expect(await online.locator('.sub').innerText()).toBe('the data has no agent status events');
    expect((await page.locator('[data-teams] td[data-col="busy"], [data-teams] td[data-col="idle"], [data-teams] td[data-col="away"]').allInnerTexts())
      .every((t) => t === '—')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'live-no-agent-events.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => online.locator('[data-value]').innerText()).toBe('不可用');
    expect(await online.locator('.sub').innerText()).toBe('数据中没有客服状态事件');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'live-no-agent-events.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
