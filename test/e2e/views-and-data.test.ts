// Issue 18 items 12 and 13 on a real server over a small demo, in headless chromium. The agent
// page's scorecard against the team median, in en and zh. Saved views: a
// manager saves the current page + filter as their default, finds it after a reload, lands on it
// from /, and shares it; a team lead opening the shared links sees their own scope (the refusal for a
// view of another team). Item 18, the Data page: data-page.test.ts.
// Screenshots in test/e2e/artifacts/agent-scorecard.*.png and views-*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/ui/lib/i18n/en.ts';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;
let lead: BrowserContext;

beforeAll(async () => {
  // The roles of data-page.test.ts: the same demo warehouse, built once a run.
  server = await startServer({ manager: { role: 'manager' }, lead: { role: 'team_lead', teams: ['returns'] }, 'nightly-feed': { role: 'ingest' } },
    { days: 10, ticketsPerDay: 40 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
  lead = await signedIn(browser, server, 'lead');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await settled(page);
  return { page, errors };
}

async function saveView(page: Page, name: string, asDefault: boolean): Promise<void> {
  await page.click('[data-views-button]');
  await page.fill('[data-view-name]', name);
  if (asDefault) await page.check('[data-view-as-default]');
  await page.click('[data-view-save]');
  await expect.poll(() => page.locator('[data-view-message]').innerText()).toBe(en['views.saved'].replace('{name}', name));
}

describe('13. saved views', () => {
  let shared = '';
  let foreign = '';

  it('saves the page and filter as the default, lists it after a reload, and opening / lands on it', async () => {
    const { page, errors } = await open(manager, '/agents?channel=chat');
    await saveView(page, 'Chat agents', true);
    await page.screenshot({ path: join(ARTIFACTS, 'views-menu.en.png') });
    // Escape closes the menu
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#views-menu').count()).toBe(0);

    await page.reload();
    await settled(page);
    await page.click('[data-views-button]');
    const item = page.locator('[data-view]', { hasText: 'Chat agents' });
    await expect.poll(() => item.getAttribute('data-default')).toBe('true');
    expect(await item.locator('[data-view-open]').getAttribute('href')).toBe('/agents?channel=chat');
    // a click outside closes it
    await page.mouse.click(5, 600);
    await expect.poll(() => page.locator('#views-menu').count()).toBe(0);

    await page.goto(`${server.url}/`);
    await page.waitForURL((u) => u.pathname === '/agents' && u.searchParams.get('channel') === 'chat');
    await settled(page);

    await page.click('[data-views-button]');
    await page.locator('[data-view]', { hasText: 'Chat agents' }).locator('[data-view-share]').click();
    shared = await page.locator('[data-view-link]').inputValue();
    expect(shared).toMatch(new RegExp(`^${server.url}/views/v_[A-Za-z0-9_-]+$`));
    await page.keyboard.press('Escape');

    // a second view, of a team the lead does not have
    await page.goto(`${server.url}/?team=logistics`);
    await settled(page);
    await saveView(page, 'Logistics overview', false);
    const views = (await (await manager.request.get(`${server.url}/api/views`)).json()) as { views: { id: string; name: string }[] };
    foreign = `${server.url}/views/${views.views.find((v) => v.name === 'Logistics overview')!.id}`;
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a shared link for a team lead within their own teams, and refuses the other team\'s view in words', async () => {
    const page = await lead.newPage();
    await page.goto(shared);
    await page.waitForURL((u) => u.pathname === '/agents' && u.searchParams.get('channel') === 'chat');
    await settled(page);
    const teams = await page.locator('main table tbody tr td:nth-child(2)').allInnerTexts();
    expect(teams.length).toBeGreaterThan(0);
    // the lead's agents table holds their team only (shown by name)
    expect(new Set(teams)).toEqual(new Set(['Returns & exchanges']));
    // the lead's own list holds none of the manager's views
    await page.click('[data-views-button]');
    await expect.poll(() => page.locator('#views-menu').innerText()).toContain(en['views.none']);
    await page.keyboard.press('Escape');

    await page.goto(foreign);
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('team') === 'logistics');
    const refusal = page.locator('[data-state="forbidden"]').first();
    await expect.poll(() => refusal.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await refusal.innerText()).toContain('Team Logistics is not one of your teams (Returns & exchanges)');
    await page.screenshot({ path: join(ARTIFACTS, 'views-shared-refused.en.png'), fullPage: true });
    await page.close();
  });

  it('speaks Chinese', async () => {
    const { page } = await open(manager, '/agents?channel=chat');
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('[data-views-button]').innerText()).toBe(zh['views.menu']);
    await page.click('[data-views-button]');
    expect(await page.locator('[data-view-save]').innerText()).toBe(zh['views.save']);
    await page.screenshot({ path: join(ARTIFACTS, 'views-menu.zh.png') });
    await page.keyboard.press('Escape');
    await page.click('[data-lang-switch]');
    await page.close();
  });
});

describe('12. the agent scorecard', () => {
  it('shows each measure beside the team median, better and worse coloured and worded, in en and zh', async () => {
    const agents = (await (await manager.request.get(`${server.url}/api/agents`)).json()) as { rows: Record<string, unknown>[] };
    const agent = String(agents.rows.find((r) => r.team === 'returns' && r.aht_seconds !== null)!.agent);
    const card = (await (await manager.request.get(`${server.url}/api/agents/${agent}/scorecard`)).json()) as
      { lines: { key: string; verdict: string | null; teamMedian: number | null }[] };
    const { page, errors } = await open(manager, `/agents/${agent}`);
    await page.locator('[data-panel="agent-scorecard"] tbody tr').first().waitFor();
    const shown = await page.locator('[data-panel="agent-scorecard"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-measure'), tr.getAttribute('data-verdict')]));
    expect(shown).toEqual(card.lines.map((l) => [l.key, l.verdict ?? 'none']));
    const aht = page.locator('[data-measure="aht_seconds"]');
    expect(await aht.locator('th').innerText()).toBe('AHT per ticket');
    const verdict = card.lines.find((l) => l.key === 'aht_seconds')!.verdict;
    if (verdict === 'better' || verdict === 'worse') {
      expect(await aht.locator('td').last().innerText()).toMatch(new RegExp(`^\\d+% ${verdict} \\(`));
      const colour = await aht.locator('td').last().evaluate((td) => getComputedStyle(td).color);
      expect(colour).toBe(verdict === 'better' ? 'rgb(26, 127, 55)' : 'rgb(207, 34, 46)');
    }
    await page.screenshot({ path: join(ARTIFACTS, 'agent-scorecard.en.png') });
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('[data-panel="agent-scorecard"] h2').innerText()).toBe(zh['scorecard.title']);
    expect(await aht.locator('th').innerText()).toBe('单均处理时长');
    await page.screenshot({ path: join(ARTIFACTS, 'agent-scorecard.zh.png') });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
