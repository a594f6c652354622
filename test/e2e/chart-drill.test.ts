// Issue 18 item 8 on a real server over a small demo, in headless chromium: clicking a Pareto bar
// (in en and in zh) opens /tickets with that bar's filter in the URL and lists as many tickets as the
// bar counts; so do a day of the created trend and a live count; the same links are listed under the
// chart for keyboards; the list's CSV export holds every row (more than a page). Screenshots in test/e2e/artifacts/tickets-drill.*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { downloadedText, readOnlySite, type Site } from './support/site.ts';

type Row = Record<string, unknown>;

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;
let bars: Row[];

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  manager = await signedIn(browser, server, 'manager');
  const response = await manager.request.get(`${server.url}/api/problems`);
  expect(response.status()).toBe(200);
  bars = ((await response.json()) as { rows: Row[] }).rows.filter((r) => r.problem_type !== null);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const listed = async (page: Page) => {
  await page.waitForURL((u) => u.pathname === '/tickets');
  await settled(page);
  return Number(await page.locator('#ticket-list [data-total]').getAttribute('data-total'));
};

/** Clicks the Pareto's bar number `index` (bars are drawn in the API's order). */
async function clickBar(page: Page, index: number) {
  await page.goto(`${server.url}/problems`);
  await settled(page);
  await page.locator('#pareto .mark-rect path').nth(index).click();
}

describe('8. drill from a chart to its tickets', () => {
  it('opens the tickets of a clicked Pareto bar, as many as the bar counts, in en and zh; the CSV has every row', async () => {
    expect(bars.length).toBeGreaterThan(1);
    const page = await manager.newPage();
    const errors = watchErrors(page);

    await clickBar(page, 0);
    expect(await listed(page)).toBe(bars[0]!.tickets);
    expect(new URL(page.url()).searchParams.getAll('problem_type')).toEqual([bars[0]!.problem_type]);
    // A list longer than a page, exported whole.
    expect(bars[0]!.tickets as number).toBeGreaterThan(50);
    expect(await page.locator('#ticket-list tbody tr').count()).toBe(50);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ticket-list [data-export="csv"]')]);
    const lines = (await downloadedText(download)).trim().split(/\r?\n/);
    expect(lines.indexOf('')).toBe((bars[0]!.tickets as number) + 1);
    expect(lines.at(-1)).toBe(`Rows: ${bars[0]!.tickets} (complete)`);
    expect(lines.join('\n')).toContain(`problem_type = ${bars[0]!.problem_type}`);
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-drill.en.png'), fullPage: true });

    await page.click('[data-lang-switch]');
    await clickBar(page, 1);
    expect(await listed(page)).toBe(bars[1]!.tickets);
    expect(new URL(page.url()).searchParams.getAll('problem_type')).toEqual([bars[1]!.problem_type]);
    expect(await page.locator('h1').innerText()).toBe('工单列表');
    expect(await page.locator('#ticket-list h2').innerText()).toBe('工单：在区间内创建');
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-drill.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a day of the created trend and a live count with as many tickets as they count', async () => {
    const page = await manager.newPage();
    const errors = watchErrors(page);
    const days = ((await (await manager.request.get(`${server.url}/api/timeseries?grain=day`)).json()) as { rows: Row[] }).rows;
    const day = days.findLast((d) => (d.created as number) > 0)!;
    await page.goto(`${server.url}/`);
    await settled(page);
    const link = page.locator(`[data-chart="created,resolved"] [data-drill-links] a[href*="from=${day.bucket}&to=${day.bucket}"][href*="on=created"]`);
    await page.goto(`${server.url}${await link.getAttribute('href')}`);
    expect(await listed(page)).toBe(day.created);

    const live = ((await (await manager.request.get(`${server.url}/api/live`)).json()) as { rows: Row[] }).rows;
    expect(live.some((r) => (r.open as number) > 0)).toBe(true);
    await page.goto(`${server.url}/`);
    await settled(page);
    await page.locator('#live-open td[data-col="open"] a').first().click();
    const url = new URL(page.url());
    const counted = live.find((r) => r.team === url.searchParams.get('team') && r.age_bucket === url.searchParams.get('age_bucket'));
    expect(await listed(page)).toBe(counted?.open ?? -1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the same links under the chart for keyboards, one per bar', async () => {
    const page = await manager.newPage();
    await page.goto(`${server.url}/problems`);
    await settled(page);
    const links = page.locator('#pareto [data-drill-links] a');
    expect(await links.count()).toBe(bars.length);
    const href = new URL(String(await links.first().getAttribute('href')), server.url);
    expect([href.pathname, href.searchParams.get('problem_type')]).toEqual(['/tickets', bars[0]!.problem_type]);
    await page.locator('#pareto [data-drill-links] summary').click();
    await links.first().focus();
    await page.keyboard.press('Enter');
    expect(await listed(page)).toBe(bars[0]!.tickets);
    await page.close();
  });
});
