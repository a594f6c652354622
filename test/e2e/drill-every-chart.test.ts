// Issue 18 items 8 and 17 (and the trend drills' meaning) on a real server over a small demo, in
// headless chromium: the Overview's breakdown panel (volume, FRT median, SLA attainment, CSAT by
// channel / team / product / region; the picker named and in the URL) drills each bar to /tickets
// with that value's filter; a point of the FRT trend lists the tickets its median counts (measured,
// slowest first, FRT shown), a point of the SLA trend the tickets it judges (breaches first, a
// breached-only switch); the y axes name their measure and unit in en and zh, never "Value".
// Screenshots in test/e2e/artifacts/breakdown.*.png and tickets-sla.*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

type Row = Record<string, unknown>;
type Table = { rows: Row[]; total?: number; period: { from: string; to: string } };

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

async function api(path: string): Promise<Table> {
  const response = await manager.request.get(`${server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as Table;
}

/** The /api/tickets answer for a /tickets page URL (its query as the page sends it, one page of 500). */
const listOf = (href: string) => api(`/api/tickets?${new URL(href, server.url).searchParams}&page_size=500`);

async function open(path: string, width = 1440): Promise<{ page: Page; errors: string[] }> {
  const page = await manager.newPage();
  await page.setViewportSize({ width, height: 1000 });
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await settled(page);
  return { page, errors };
}

/** The breakdown panel is asked for after the KPIs and trends: wait for its last chart. */
async function toBreakdown(page: Page) {
  await page.locator('#breakdown [data-breakdown="csat"] figure[data-drawn="true"]').waitFor({ timeout: 30_000 });
  await settled(page);
}

const listed = async (page: Page) => {
  await page.waitForURL((u) => u.pathname === '/tickets');
  await settled(page);
  return Number(await page.locator('#ticket-list [data-total]').getAttribute('data-total'));
};

/** The drill links listed under a chart (the same URLs its marks open), as [label, href]. */
const drillLinks = async (page: Page, chart: string): Promise<[string, string][]> => page.locator(`${chart} [data-drill-links] a`)
  .evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]));

/** The text of a column of the ticket list, by its header. */
const column = (page: Page, header: string) => page.locator('#ticket-list table').evaluate((table, name) => {
  const at = Array.from(table.querySelectorAll('thead th')).findIndex((th) => (th.textContent ?? '').trim().startsWith(name));
  return Array.from(table.querySelectorAll('tbody tr')).map((tr) => (tr.children[at]?.textContent ?? '').trim());
}, header);

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

describe('trend points list the tickets behind their number', () => {
  it('FRT: the measured tickets of the day, slowest first, with their FRT; the y axes name measure and unit, never "Value"', async () => {
    const { page, errors } = await open('/');
    const axis = (chart: string) => page.locator(`[data-chart="${chart}"] svg`).first().textContent();
    expect(await axis('frt_median,frt_p90')).toContain('First response time (hours)');
    expect(await axis('sla_frt,sla_resolution')).toContain('SLA attainment (%)');
    expect(await axis('created,resolved')).toContain('Tickets');
    expect(await axis('csat')).toContain('CSAT (%)');
    const svgText = () => page.locator('main svg').evaluateAll((svgs) => svgs.map((s) => s.textContent ?? '').join(' '));
    expect(await svgText()).not.toMatch(/\bValue\b/);
    await page.click('[data-lang-switch]');
    await expect.poll(() => axis('frt_median,frt_p90')).toContain('首次响应时长（小时）');
    expect(await axis('sla_frt,sla_resolution')).toContain('SLA 达成率（%）');
    expect(await svgText()).not.toMatch(/数值|\bValue\b/);
    await page.click('[data-lang-switch]');
    await expect.poll(() => axis('frt_median,frt_p90')).toContain('First response time (hours)');
    const frt = await drillLinks(page, '[data-chart="frt_median,frt_p90"]');
    const [, href] = frt.find(([label]) => label.startsWith('First response, median'))!;
    const query = new URL(href, server.url).searchParams;
    expect([query.get('on'), query.get('measured'), query.get('sort'), query.get('order')]).toEqual(['created', 'first_response', 'first_response_seconds', 'desc']);
    const day = (await api(`/api/timeseries?grain=day&from=${query.get('from')}&to=${query.get('to')}`)).rows[0]!;
    const all = (await api(`/api/tickets?from=${query.get('from')}&to=${query.get('to')}&page_size=500`)).total!;
    await page.goto(`${server.url}${href}`);
    const total = await listed(page);
    // fewer than every ticket of the day (the unanswered ones are not in the median), and the median of the listed FRTs is the point
    const frts = (await listOf(href)).rows.map((r) => Number(r.first_response_seconds));
    expect(total).toBe(frts.length);
    expect(total).toBeLessThanOrEqual(all);
    expect(Number(day.created)).toBe(all);
    const sorted = [...frts].sort((a, b) => a - b);
    expect((sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2).toBeCloseTo(Number(day.frt_median), 6);
    expect(frts).toEqual([...frts].sort((a, b) => b - a));
    expect(await page.locator('#ticket-list h2').innerText()).toBe('Tickets created in the range · with a measured first response (what the median counts)');
    const shown = await column(page, 'First response time');
    expect(shown.length).toBe(Math.min(50, total));
    expect(shown.every((t) => t !== '' && t !== '—')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('SLA: the tickets the day\'s attainment judges, breaches first, and a breached-only switch', async () => {
    const { page, errors } = await open('/');
    const sla = await drillLinks(page, '[data-chart="sla_frt,sla_resolution"]');
    // the day with the lowest first response attainment: it has breaches
    const days = (await api('/api/timeseries?grain=day')).rows.filter((d) => typeof d.sla_frt === 'number');
    const day = days.reduce((low, d) => (Number(d.sla_frt) < Number(low.sla_frt) ? d : low));
    const [, href] = sla.find(([label, h]) => label.startsWith('SLA first response') && h.includes(`from=${day.bucket}&to=${day.bucket}`))!;
    const judged = await listOf(href);
    const best = { href, judged, breached: judged.rows.filter((r) => r.sla_state === 'breached').length };
    expect(best.breached).toBeGreaterThan(0);
    expect(1 - best.breached / best.judged.rows.length).toBeCloseTo(Number(day.sla_frt), 9);

    await page.goto(`${server.url}${best.href}`);
    expect(await listed(page)).toBe(best.judged.rows.length);
    const states = await column(page, 'SLA state');
    expect(states.slice(0, best.breached).every((s) => s === 'breached')).toBe(true);
    expect(states.slice(best.breached).every((s) => s === 'met')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.en.png'), fullPage: true });
    await page.getByLabel('Breached only').check();
    await page.waitForURL((u) => u.searchParams.get('sla_state') === 'breached');
    expect(await listed(page)).toBe(best.breached);
    expect(new Set(await column(page, 'SLA state'))).toEqual(new Set(['breached']));
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('#ticket-list h2').innerText()).toBe('工单：在区间内创建 · 纳入首次响应SLA考核');
    expect(new Set(await column(page, 'SLA状态'))).toEqual(new Set(['超时']));
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.zh.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
