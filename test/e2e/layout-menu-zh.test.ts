// Issue 18 item 17, in Chinese (layout-menu-en.test.ts has the walk in English and the titles):
// every page in the menu draws without console errors and is screenshot at 1440 and 390 px to
// test/e2e/artifacts/.
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

describe('every page in the menu, in Chinese', () => {
  it.each([1440, 390])('has no console errors at %i px', async (width) => {
    await walkMenu(manager, server.url, width, 'zh', async (_page, path, errors) => {
      expect(errors, `${path} zh ${width}`).toEqual([]);
    });
  }, 120_000);
});
