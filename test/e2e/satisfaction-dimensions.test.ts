// CSAT per rating dimension on the Satisfaction page (issue 20 §4), in a real headless chromium against
// a real server on a small demo warehouse: the panel shows speed, quality and attitude with the API's
// figures in English and Chinese, and each figure leads to the tickets it counts.
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../warehouse/metrics/format-value.ts';
import { en } from '../../web/ui/lib/i18n/en.ts';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { ARTIFACTS, settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

interface Table { period: { from: string; to: string }; rows: Record<string, unknown>[]; total?: number; ratingDimensions?: { unavailable: string | null } }

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

const api = async (path: string): Promise<Table> => (await (await manager.request.get(`${server.url}${path}`)).json()) as Table;

describe('CSAT by rating dimension', () => {
  it('shows each dimension\'s CSAT in English and Chinese, leading to the tickets it counts', async () => {
    const table = await api('/api/satisfaction/dimensions');
    expect(table.ratingDimensions).toEqual({ unavailable: null });
    expect(table.rows.map((r) => r.dimension)).toEqual(['speed', 'quality', 'attitude']);
    for (const row of table.rows) expect(Number(row.ratings)).toBeGreaterThan(5);
    const speed = table.rows[0]!;
    // The drill's list holds exactly the ratings the figure counts.
    const listed = await api(`/api/tickets?on=rated&rating_dimension=speed&from=${table.period.from}&to=${table.period.to}&page_size=1`);
    expect(listed.total).toBe(speed.ratings);

    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/satisfaction`);
    await settled(page);
    const panel = page.locator('#csat-dimensions');
    await expect.poll(() => panel.locator('li[data-dimension] h3').allInnerTexts())
      .toEqual([en['satisfaction.dimension.speed'], en['satisfaction.dimension.quality'], en['satisfaction.dimension.attitude']]);
    expect(await panel.locator('li[data-dimension="speed"] .value').innerText()).toBe(formatValue(speed.csat as number, 'ratio', 'en'));
    expect(await panel.locator('[data-no-dimensions]').count()).toBe(0);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await panel.screenshot({ path: join(ARTIFACTS, `satisfaction-dimensions.en.${width}.png`) });
    }
    await page.setViewportSize({ width: 1400, height: 1000 });

    await page.click('[data-lang-switch]');
    await expect.poll(() => panel.locator('li[data-dimension] h3').allInnerTexts())
      .toEqual([zh['satisfaction.dimension.speed'], zh['satisfaction.dimension.quality'], zh['satisfaction.dimension.attitude']]);
    expect(await panel.locator('header h2').innerText()).toBe(zh['satisfaction.dimensions']);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await panel.screenshot({ path: join(ARTIFACTS, `satisfaction-dimensions.zh.${width}.png`) });
    }
    await page.click('[data-lang-switch]');
    await page.setViewportSize({ width: 1400, height: 1000 });

    await panel.locator('li[data-dimension="speed"] .value a').click();
    await page.waitForURL((u) => u.pathname === '/tickets' && u.searchParams.get('rating_dimension') === 'speed');
    await settled(page);
    await expect.poll(() => page.locator('#ticket-list header h2').innerText()).toContain(en['satisfaction.dimension.speed']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
