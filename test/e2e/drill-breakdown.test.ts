// Issue 18 items 8 and 17 on a real server over a small demo, in headless chromium: the Overview's
// breakdown panel (volume, FRT median, SLA attainment, CSAT by channel / team / product / region; the
// picker named and in the URL) drills each bar to /tickets with that value's filter, in en and zh.
// Screenshots in test/e2e/artifacts/breakdown.*.png. The trend drills: drill-every-chart.test.ts.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillLinks, listed, siteOf, toBreakdown } from './support/drill.ts';
import { ARTIFACTS, settled, signedIn } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

let server: Site['server'];
let browser: Browser;
let site: ReturnType<typeof siteOf>;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  site = siteOf(server, await signedIn(browser, server, 'manager'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const api = (path: string) => site.api(path);
const listOf = (href: string) => site.listOf(href);
const open = (path: string, width?: number) => site.open(path, width);

describe('the Overview breakdown', () => {
  it('draws volume, FRT median, SLA and CSAT per value; the picker is named and in the URL; each bar opens its tickets', async () => {
    const { page, errors } = await open('/');
    await toBreakdown(page);
    // asked after the KPIs and the trends (the page's own range: no from=, unlike the compared period's),
    // not beside them; the filter bar's value lists (also /api/breakdown) go first
    const timings = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: new URL(e.name), start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd }))
      .map(({ url, start, end }) => ({ path: url.pathname, compared: url.searchParams.has('from'), start, end })));
    const of = (path: string) => timings.filter((t) => t.path === path && !t.compared).at(-1)!;
    expect(of('/api/breakdown').start).toBeGreaterThanOrEqual(Math.max(of('/api/overview').end, of('/api/timeseries').end));
    const panel = page.locator('#breakdown');
    expect(await panel.locator('h2').innerText()).toBe('By channel');
    for (const measure of ['volume', 'frt_median', 'sla_frt', 'csat']) expect(await panel.locator(`[data-breakdown="${measure}"] figure`).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'breakdown.en.1440.png'), fullPage: true });

    // a clicked bar's tickets: that channel, created in the range, as many as the bar
    const channels = (await api('/api/breakdown?by=channel')).rows;
    await panel.locator('[data-breakdown="volume"] .mark-rect path').first().click();
    const total = await listed(page);
    const channel = new URL(page.url()).searchParams.get('channel');
    expect(total).toBe(channels.find((c) => c.value === channel)?.volume);
    await page.goBack();
    await toBreakdown(page);

    await page.getByLabel('Break down by').selectOption('team');
    await page.waitForURL((u) => u.searchParams.get('breakdown') === 'team');
    // the bars of teams are drawn (each links a team)
    await expect.poll(async () => {
      const links = await drillLinks(page, '#breakdown [data-breakdown="volume"]');
      return links.length > 0 && links.every(([, href]) => new URL(href, server.url).searchParams.has('team'));
    }, { timeout: 30_000 }).toBe(true);
    await settled(page);
    expect(await panel.locator('h2').innerText()).toBe('By team');
    const teams = (await api('/api/breakdown?by=team')).rows.filter((r) => r.value !== null);
    const volume = await drillLinks(page, '#breakdown [data-breakdown="volume"]');
    expect(volume.length).toBe(teams.length);
    // each team's bar lists as many tickets as it counts
    for (const [, href] of volume) {
      const team = new URL(href, server.url).searchParams.get('team');
      expect((await listOf(href)).total, String(team)).toBe(teams.find((t) => t.value === team)?.volume);
    }
    // the SLA bar of a team lists the tickets its attainment judges: met / judged is the bar
    await page.goto(`${server.url}/?breakdown=team`);
    await settled(page);
    await toBreakdown(page);
    await page.locator('#breakdown [data-breakdown="sla_frt"] [data-drill-links] a').first().waitFor({ state: 'attached' });
    const [, slaHref] = (await drillLinks(page, '#breakdown [data-breakdown="sla_frt"]'))[0]!;
    const judged = await listOf(slaHref);
    const judgedTeam = new URL(slaHref, server.url).searchParams.get('team');
    const met = judged.rows.filter((r) => r.sla_state === 'met').length;
    expect(met / judged.rows.length).toBeCloseTo(Number(teams.find((t) => t.value === judgedTeam)?.sla_frt), 9);

    await page.click('[data-lang-switch]');
    await expect.poll(() => panel.locator('h2').innerText()).toBe('按团队细分');
    expect(await panel.locator('[data-breakdown="frt_median"] svg').textContent()).toContain('首次响应时长中位数（小时）');
    await page.screenshot({ path: join(ARTIFACTS, 'breakdown.zh.1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await settled(page);
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'breakdown.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await page.screenshot({ path: join(ARTIFACTS, 'breakdown.en.390.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
