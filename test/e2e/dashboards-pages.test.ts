// Every dashboard page in a real headless chromium against a real server on a small demo warehouse
// (moved from dashboards.test.ts, a test per page, so the file's time is its pages'): each draws with
// data, no error states and no console errors, in English and Chinese (every title in Chinese);
// screenshots kept in test/e2e/artifacts.
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { ARTIFACTS, settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

interface Table { rows: Record<string, unknown>[] }

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;
let agent = '';
let ticket = '';

beforeAll(async () => {
  ({ server, browser } = await readOnlySite());
  manager = await signedIn(browser, server, 'manager');
  const rows = async (path: string) => ((await (await manager.request.get(`${server.url}${path}`)).json()) as Table).rows;
  agent = String((await rows('/api/agents'))[0]?.agent);
  ticket = String((await rows(`/api/agents/${encodeURIComponent(agent)}/tickets`))[0]?.ticket_id);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const pages: [string, () => string][] = [
  ['overview', () => '/'], ['agents', () => '/agents'], ['agent', () => `/agents/${encodeURIComponent(agent)}`], ['problems', () => '/problems'],
  ['satisfaction', () => '/satisfaction'], ['data', () => '/data'], ['ticket', () => `/tickets/${encodeURIComponent(ticket)}`],
];

describe('every page', () => {
  it.each(pages)('%s draws with data, no errors and no console errors, in English and Chinese', async (name, path) => {
    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${path()}`);
    await settled(page);
    expect(await page.locator('[data-state="error"]').count(), `${name}: error states`).toBe(0);
    expect(await page.locator('main table, main figure').count(), `${name}: tables or charts`).toBeGreaterThan(0);
    // Names arrive with /api/labels, which may answer after the table is drawn with ids.
    if (name === 'problems') await expect.poll(() => page.locator('#pareto td[data-col="problem_type"]').allInnerTexts()).toContain('Returns & exchanges');
    await page.screenshot({ path: join(ARTIFACTS, `${name}.en.png`), fullPage: true });

    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('#main-nav a').first().innerText()).toBe(zh['nav.overview']);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const titles = await page.locator('section.panel > header h2, main h1').allInnerTexts();
    expect(titles.filter((t) => !/[\u4e00-\u9fff]/.test(t)), `${name}: titles without Chinese`).toEqual([]);
    if (name === 'problems') {
      // Problem types are shown by their names (the demo's), in the chosen language.
      await expect.poll(() => page.locator('#pareto td[data-col="problem_type"]').allInnerTexts()).toContain('退换货');
    }
    await page.screenshot({ path: join(ARTIFACTS, `${name}.zh.png`), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors, `${name}: console errors`).toEqual([]);
    await page.close();
  });
});
