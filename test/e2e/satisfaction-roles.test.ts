// The Satisfaction page by role in a real chromium: a planner (aggregates only) gets the page without
// the low-ratings list, which names tickets one by one, and without a refused request (it showed a red
// 403 there); a manager still gets the list.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

let server: Site['server'];
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function visit(tokenName: string) {
  const context = await signedIn(browser, server, tokenName);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/satisfaction`);
  await settled(page);
  return { page, errors, close: () => context.close() };
}

describe('Satisfaction page by role', () => {
  it('a planner sees the aggregates, no low-ratings list and no refused request', async () => {
    const { page, errors, close } = await visit('planner');
    await page.locator('#csat-dimensions').waitFor();
    expect(await page.locator('#low-ratings').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/403|may not call/);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('a manager still sees the low ratings with their tickets', async () => {
    const { page, errors, close } = await visit('manager');
    await page.locator('#low-ratings').waitFor();
    expect(await page.locator('#low-ratings a[href^="/tickets/"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});
