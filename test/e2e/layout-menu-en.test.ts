// Issue 18 item 17, in English (layout-a11y.test.ts has the rest of the layout's tests, and
// layout-menu-zh.test.ts the same walk in Chinese): every page in the menu has its own title, draws
// without console errors and is screenshot at 1440 and 390 px to test/e2e/artifacts/.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from './support/e2e-server.ts';
import { walkMenu } from './support/menu-walk.ts';
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

describe('every page in the menu, in English', () => {
  it('has its own title and no console errors at 1440 px', async () => {
    const titles = new Set<string>();
    const menu = await walkMenu(manager, server.url, 1440, 'en', async (page, path, errors) => {
      await expect.poll(() => page.title()).toMatch(/ · DeskPulse$/);
      titles.add(await page.title());
      expect(errors, `${path} en 1440`).toEqual([]);
    });
    expect(titles.size).toBe(menu.length);
  }, 120_000);

  it('has no console errors at 390 px', async () => {
    await walkMenu(manager, server.url, 390, 'en', async (_page, path, errors) => {
      expect(errors, `${path} en 390`).toEqual([]);
    });
  }, 120_000);
});
