// Layout and accessibility in a real chromium against a real server (issue 18 items 15 and 17):
// a phone-width menu and no sideways scroll, the headline KPIs first, Escape and an outside click
// close pickers, a table's sort survives a reload through the URL, sticky headers and a column
// chooser, charts with a summary and a data table, print styles. A title per page and screenshots of
// every page in the menu in en and zh at 1440 and 390 px: layout-menu-en.test.ts, layout-menu-zh.test.ts.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, width = 1440, lang: 'en' | 'zh' = 'en'): Promise<{ page: Page; errors: string[] }> {
  const page = await manager.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.addInitScript((l) => localStorage.setItem('deskpulse.lang', l), lang);
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await settled(page);
  return { page, errors };
}

const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity);

describe('at 390 px', () => {
  it('collapses the menu into a button that opens it, shows the headline KPIs first and never scrolls sideways', async () => {
    const { page, errors } = await open('/', 390);
    const links = page.locator('#main-nav a');
    await expect.poll(() => links.first().isVisible()).toBe(false);
    const button = page.locator('[data-menu-button]');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => links.first().isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => links.first().isVisible()).toBe(false);

    const tiles = await page.locator('#kpis [data-kpi]').evaluateAll((els) => els.slice(0, 4).map((e) => e.getAttribute('data-kpi')));
    expect(tiles).toEqual(['volume', 'frt_median', 'sla_frt', 'csat']);
    // two tiles a row: the second sits beside the first, the third under them
    const [first, second, third] = await Promise.all([0, 1, 2].map((i) => page.locator('#kpis [data-kpi]').nth(i).boundingBox()));
    expect(second!.y).toBe(first!.y);
    expect(third!.y).toBeGreaterThan(first!.y);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('pickers', () => {
  it('are named, and close on Escape (focus back on the picker) and on a click outside', async () => {
    const { page } = await open('/');
    const picker = page.locator('[data-dimension="team"] details');
    const summary = picker.locator('summary');
    expect(await summary.getAttribute('aria-label')).toMatch(/^Team: /);
    const isOpen = () => picker.evaluate((d) => (d as HTMLDetailsElement).open);
    await summary.click();
    expect(await isOpen()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await isOpen()).toBe(false);
    expect(await summary.evaluate((s) => s === document.activeElement)).toBe(true);
    await summary.click();
    expect(await isOpen()).toBe(true);
    await page.locator('main h1').click();
    expect(await isOpen()).toBe(false);
    await page.close();
  });
});

describe('tables', () => {
  it('keep a sort in the URL that survives a reload', async () => {
    const { page } = await open('/agents');
    await page.locator('#agents th[data-key="resolved"] button').click();
    await page.waitForURL((u) => u.searchParams.get('sort.agents') === 'resolved:desc');
    const order = () => page.locator('#agents tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
    const sorted = await order();
    await page.reload();
    await settled(page);
    expect(await page.locator('#agents th[data-key="resolved"]').getAttribute('aria-sort')).toBe('descending');
    expect(await order()).toEqual(sorted);
    const resolved = await page.locator('#agents td[data-col="resolved"]').allInnerTexts();
    const numbers = resolved.map((t) => Number(t.replace(/,/g, '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.close();
  });

  it('keep the header row and first column in view, fit the page at 1440 px and let the reader choose columns', async () => {
    const { page } = await open('/agents');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1440);
    const sticky = await page.locator('#agents thead th').first().evaluate((th) => getComputedStyle(th).position);
    expect(sticky).toBe('sticky');
    expect(await page.locator('#agents tbody td').first().evaluate((td) => getComputedStyle(td).position)).toBe('sticky');
    // scrolled sideways inside the panel, the first column stays at the panel's left edge
    const scroller = page.locator('#agents .scroll');
    const before = await page.locator('#agents tbody td').first().boundingBox();
    await scroller.evaluate((el) => { el.scrollLeft = 400; });
    await expect.poll(async () => (await page.locator('#agents tbody td').first().boundingBox())?.x).toBe(before?.x);

    const headers = () => page.locator('#agents thead th').count();
    const all = await headers();
    await page.locator('#agents [data-column-chooser] summary').click();
    await page.locator('#agents [data-column-chooser] input[value="replies"]').uncheck();
    expect(await headers()).toBe(all - 1);
    expect(await page.locator('#agents th[data-key="replies"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.locator('#agents [data-column-chooser]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.close();
  });
});

describe('charts', () => {
  it('each say what they show in words and offer their data as a table, in the page language', async () => {
    const { page } = await open('/satisfaction', 1440, 'zh');
    const figures = page.locator('main figure:not(.compact)');
    expect(await figures.count()).toBeGreaterThan(0);
    for (const figure of await figures.all()) {
      expect(await figure.locator('[data-chart-summary]').innerText()).toMatch(/共 \d+ 个数值/);
      const table = figure.locator('[data-chart-table]');
      await table.locator('summary').click();
      // The rows are built when the table is opened.
      await table.locator('tbody tr').first().waitFor();
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await table.locator('th').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
    }
    // vega's own ARIA texts (English) are off: the chart's name is the page's
    expect(await page.locator('main svg [aria-label]').count()).toBe(0);
    await page.close();
  });
});

describe('print', () => {
  it('prints without the menu, the controls or the export links', async () => {
    const { page } = await open('/');
    expect(await page.locator('[data-pdf]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#main-nav').isVisible()).toBe(false);
    expect(await page.locator('[data-pdf]').isVisible()).toBe(false);
    expect(await page.locator('.exports').first().isVisible()).toBe(false);
    expect(await page.locator('#kpis').isVisible()).toBe(true);
    await page.close();
  });
});
