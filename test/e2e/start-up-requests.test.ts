// Issue 18 "every page first-screen-ready sooner": what a page asks the API at start. Who is signed
// in, the metric catalog, the values' names and one's saved views leave from the layout's load,
// before the page mounts and asks its own data, once each, the views without waiting for who is
// signed in (they need no role); a 401 to them (no session) still leads to the sign-in page,
// although it can answer before the layout has set its handler. What a role may not use is never asked.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;
let planner: BrowserContext;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  manager = await signedIn(browser, server, 'manager');
  planner = await signedIn(browser, server, 'planner');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The /api/ paths `page` asks, in the order they leave. */
function apiRequests(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) sent.push(pathname);
  });
  return sent;
}

const START_UP = ['/api/me', '/api/metrics', '/api/labels', '/api/views'];

describe('a page\'s start-up requests', () => {
  it.each(['/problems', '/satisfaction'])('%s asks who is signed in, the catalog and the names first, each once', async (path) => {
    const page = await manager.newPage();
    const errors = watchErrors(page);
    const sent = apiRequests(page);
    await page.goto(`${server.url}${path}`);
    await settled(page);
    expect(sent.slice(0, START_UP.length).sort()).toEqual([...START_UP].sort());
    expect(sent.filter((p) => START_UP.includes(p)).sort()).toEqual([...START_UP].sort());
    expect(sent.length).toBeGreaterThan(START_UP.length);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it.each(['/', '/agents'])('%s asks the saved views beside who is signed in, not after its answer', async (path) => {
    const page = await manager.newPage();
    const sent = apiRequests(page);
    // Who is signed in answers only once the views have been asked (or after 10 s, when a page that waits
    // for that answer first would ask them): on a busy machine a quick answer could otherwise end before
    // a request sent beside it had left.
    let viewsAsked = () => {};
    const views = new Promise<void>((done) => { viewsAsked = done; });
    page.on('request', (request) => { if (new URL(request.url()).pathname === '/api/views') viewsAsked(); });
    let askedBeforeAnswer: boolean | undefined;
    await page.route((url) => url.pathname === '/api/me', async (route) => {
      askedBeforeAnswer = await Promise.race([views.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      await route.continue();
    });
    await page.goto(`${server.url}${path}`);
    await settled(page);
    expect(askedBeforeAnswer).toBe(true);
    expect(sent.filter((p) => p === '/api/views')).toHaveLength(1);
    // the Views menu shows them (the header is drawn once /api/me answered)
    await page.click('[data-views-button]');
    await expect.poll(() => page.locator('#views-menu').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('a planner opening a page for other roles asks the start-up four and nothing of that page', async () => {
    const page = await planner.newPage();
    const errors = watchErrors(page);
    const sent = apiRequests(page);
    await page.goto(`${server.url}/agents`);
    await page.waitForSelector('[data-state="not-for-role"]');
    await settled(page);
    expect([...new Set(sent)].sort()).toEqual([...START_UP].sort());
    // nor is the menu's link there
    expect(await page.locator('nav a[href^="/agents"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('sends a visitor without a session to the sign-in page, and the names once signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const labels: number[] = [];
    page.on('response', (response) => { if (new URL(response.url()).pathname === '/api/labels') labels.push(response.status()); });
    // A loaded server: the names asked without a session are refused only after the sign-in has answered.
    let signedInNow = () => {};
    const signIn = new Promise<void>((done) => { signedInNow = done; });
    page.on('response', (response) => { if (new URL(response.url()).pathname === '/api/session') signedInNow(); });
    let held = false;
    await page.route('**/api/labels', async (route) => {
      if (held) return route.continue();
      held = true;
      const refused = await route.fetch();
      await signIn;
      await route.fulfill({ response: refused });
    });
    await page.goto(`${server.url}/satisfaction`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/satisfaction');
    expect(labels).not.toContain(200);
    await page.fill('#token', server.tokens.manager ?? '');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/satisfaction');
    // Refused before the sign-in, the names are asked again after it; that late refusal is of no session
    // now: the reader stays on the page, signed in.
    await expect.poll(() => labels).toEqual([401, 200]);
    await settled(page);
    expect(new URL(page.url()).pathname).toBe('/satisfaction');
    expect(held).toBe(true);
    await context.close();
  }, 60_000);
});
