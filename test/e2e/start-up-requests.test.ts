// Issue 18 "every page first-screen-ready sooner": what a page asks the API at start. Who is signed
// in, the metric catalog and the values' names leave from the layout's load, before the page mounts
// and asks its own data, once each; a 401 to them (no session) still leads to the sign-in page,
// although it can answer before the layout has set its handler.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  server = await startServer({ manager: { role: 'manager' } }, { days: 10, ticketsPerDay: 40 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
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

const START_UP = ['/api/me', '/api/metrics', '/api/labels'];

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

  it('sends a visitor without a session to the sign-in page, and the names once signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const labels: number[] = [];
    page.on('response', (response) => { if (new URL(response.url()).pathname === '/api/labels') labels.push(response.status()); });
    await page.goto(`${server.url}/satisfaction`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/satisfaction');
    expect(labels).not.toContain(200);
    await page.fill('#token', server.tokens.manager ?? '');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/satisfaction');
    // Refused before the sign-in, the names are asked again after it.
    await expect.poll(() => labels.at(-1)).toBe(200);
    await context.close();
  }, 60_000);
});
