// The trend drills on a real server over a small demo, in headless chromium: a point of the FRT
// trend lists the tickets its median counts (measured, slowest first, FRT shown), a point of the SLA
// trend the tickets it judges (breaches first, a breached-only switch); the y axes name their measure
// and unit in en and zh, never "Value". Screenshots in test/e2e/artifacts/tickets-sla.*.png. The
// Overview's breakdown drills (issue 18 items 8 and 17): drill-breakdown.test.ts.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, drillLinks, listed, siteOf } from './support/drill.ts';
import { ARTIFACTS, signedIn } from './support/e2e-server.ts';
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
    const exactDay = (await api(`/api/timeseries?grain=day&from=${query.get('from')}&to=${query.get('to')}&exact=true`)).rows[0]!;
    const all = (await api(`/api/tickets?from=${query.get('from')}&to=${query.get('to')}&page_size=500`)).total!;
    await page.goto(`${server.url}${href}`);
    const total = await listed(page);
    // fewer than every ticket of the day (the unanswered ones are not in the median), and the median of the listed FRTs is the point
    const frts = (await listOf(href)).rows.map((r) => Number(r.first_response_seconds));
    expect(total).toBe(frts.length);
    expect(total).toBeLessThanOrEqual(all);
    expect(Number(day.created)).toBe(all);
    const sorted = [...frts].sort((a, b) => a - b);
    const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
    expect(median).toBeCloseTo(Number(exactDay.frt_median), 6);
    // the chart's point is the daily rollup's (the Overview says "≈"): within its 1% of the tickets' median
    expect(Math.abs(Number(day.frt_median) - median)).toBeLessThanOrEqual(0.01 * median);
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
    // Each verdict is explained by the time it judged, in the policy's clock (not the filter's): past the target is a breach.
    expect(judged.rows.every((r) => (r.sla_state === 'breached') === (Number(r.elapsed_seconds) > Number(r.target_seconds)))).toBe(true);

    await page.goto(`${server.url}${best.href}`);
    expect(await listed(page)).toBe(best.judged.rows.length);
    const states = await column(page, 'SLA state');
    expect(states.slice(0, best.breached).every((s) => s === 'breached')).toBe(true);
    expect(states.slice(best.breached).every((s) => s === 'met')).toBe(true);
    expect((await column(page, 'Clock')).every((c) => c === 'business hours' || c === 'calendar time')).toBe(true);
    for (const header of ['Target', 'Elapsed']) expect((await column(page, header)).every((t) => t !== '' && t !== '—')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.en.png'), fullPage: true });
    await page.getByLabel('Breached only').check();
    await page.waitForURL((u) => u.searchParams.get('sla_state') === 'breached');
    expect(await listed(page)).toBe(best.breached);
    expect(new Set(await column(page, 'SLA state'))).toEqual(new Set(['breached']));
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('#ticket-list h2').innerText()).toBe('工单：在区间内创建 · 纳入首次响应SLA考核');
    expect(new Set(await column(page, 'SLA状态'))).toEqual(new Set(['超时']));
    expect((await column(page, '计时方式')).every((c) => c === '工作时间' || c === '自然时间')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.zh.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'tickets-sla.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
