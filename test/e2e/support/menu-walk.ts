// A walk through every page of the menu at one width in one language (layout-menu-*.test.ts): one
// browser page going from menu page to menu page through the menu's own links (in-app navigation: a
// new page loading the app per screenshot took most of the time), each screenshot to
// test/e2e/artifacts/layout-<page>.<lang>.<width>.png once its title is its own and it has settled.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ARTIFACTS, settled, watchErrors } from './e2e-server.ts';

/**
 * Walks the menu of the app at `url`, calling `visit` on each page with the console errors seen since
 * it was asked for; answers the menu's paths.
 */
export async function walkMenu(context: BrowserContext, url: string, width: number, lang: 'en' | 'zh',
  visit: (page: Page, path: string, errors: string[]) => Promise<void>): Promise<string[]> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.addInitScript((l) => localStorage.setItem('deskpulse.lang', l), lang);
  const errors = watchErrors(page);
  await page.goto(`${url}/`);
  await settled(page);
  const menu = await page.locator('#main-nav a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  for (const path of menu) {
    if (new URL(page.url()).pathname !== path) {
      errors.length = 0;
      const before = await page.title();
      // The link is clicked in the document, so the collapsed menu at 390 px need not be opened.
      await page.evaluate((to) => Array.from(document.querySelectorAll<HTMLAnchorElement>('#main-nav a'))
        .find((a) => new URL(a.href).pathname === to)!.click(), path);
      await page.waitForURL((u) => u.pathname === path);
      await expect.poll(() => page.title()).not.toBe(before);
      await settled(page);
    }
    const name = path === '/' ? 'overview' : path.slice(1).replaceAll('/', '-');
    await page.screenshot({ path: join(ARTIFACTS, `layout-${name}.${lang}.${width}.png`), fullPage: true });
    await visit(page, path, errors);
  }
  await page.close();
  return menu;
}
