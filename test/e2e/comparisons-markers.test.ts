// Issue 18 items 10 and 11 on a real server over a small demo, in headless chromium, in English and
// Chinese: the Overview's trends mark the config's promotion day, draw the KPI targets and the compared
// period as a dashed line (checked in the drawn SVG); the comparison picker round-trips through the
// URL; a year ago without data says so instead of 0 or +inf%; "this month" compares with last month to date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addDays, DEFAULT_ZONE, todayIn } from '../../web/ui/lib/filters/date-presets.ts';
import { comparisonRange } from '../../warehouse/metrics/comparison.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

const TODAY = todayIn(DEFAULT_ZONE);
const YESTERDAY = addDays(TODAY, -1);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
// The config's latest promotion day at least 3 days before yesterday, and a demo reaching 3 days before it.
const PROMOTION = (parse(readFileSync('config/deskpulse.yaml', 'utf8')) as { promotions: { date: string | Date }[] }).promotions
  .map((p) => (p.date instanceof Date ? p.date.toISOString() : String(p.date)).slice(0, 10))
  .filter((d) => daysBetween(d, YESTERDAY) >= 3).sort().at(-1)!;
const RANGE = `from=${addDays(PROMOTION, -3)}&to=${addDays(PROMOTION, 3)}`;

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  server = await startServer({ manager: { role: 'manager' } }, { days: daysBetween(PROMOTION, YESTERDAY) + 11, ticketsPerDay: 20 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api<T>(path: string): Promise<T> {
  const response = await manager.request.get(`${server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await manager.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/?${query}`);
  await settled(page);
  return { page, errors };
}

/** The compared series is asked once the overview names its range, and then drawn: allow for a busy machine. */
const WAIT = { timeout: 15_000 };
const chart = (page: Page, keys: string) => page.locator(`[data-chart="${keys}"]`);
const previousLabel = (page: Page) => page.locator('[data-kpi="volume"] .previous').innerText();

describe('10. markers, targets and the compared period on the Overview trends', () => {
  it('the API marks the promotion day by its config name and gives the targets', async () => {
    const found = await api<{ markers: { date: string; kind: string; name: string | null }[]; targets: { metric: string; value: number }[] }>(`/api/annotations?${RANGE}`);
    expect(found.markers).toContainEqual(expect.objectContaining({ date: PROMOTION, kind: 'promotion' }));
    expect(found.targets).toContainEqual(expect.objectContaining({ metric: 'csat', value: 0.8 }));
  });

  it('draws the promotion rule, the dashed previous period and the CSAT target, named in en and zh', async () => {
    const { page, errors } = await open(RANGE);
    const created = chart(page, 'created,resolved');
    // the promotion as a rule mark of the drawn SVG, at one x
    await expect.poll(() => created.locator('g.promotion_markers_marks line').count(), WAIT).toBe(1);
    // the compared period: dashed lines, one per series
    await expect.poll(() => created.locator('g.previous_period_marks path').count(), WAIT).toBe(2);
    const dashes = await created.locator('g.previous_period_marks path').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke-dasharray')));
    expect(dashes).toEqual(['4,3', '4,3']);
    const previous = comparisonRange({ from: addDays(PROMOTION, -3), to: addDays(PROMOTION, 3) }, 'previous');
    expect(await created.locator('[data-compared]').innerText()).toBe(`Dashed: Previous period, ${previous.from} – ${previous.to}`);
    // the CSAT target as a horizontal rule with its label
    await expect.poll(() => chart(page, 'csat').locator('g.targets_layer_0_marks line').count(), WAIT).toBe(1);
    expect(await chart(page, 'csat').locator('g.targets_layer_1_marks text').textContent()).toBe('Target CSAT 80.0%');
    await page.screenshot({ path: join(ARTIFACTS, 'comparisons-markers.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => created.locator('[data-compared]').innerText(), WAIT).toBe(`虚线：上一周期，${previous.from} – ${previous.to}`);
    await expect.poll(() => chart(page, 'csat').locator('g.targets_layer_1_marks text').textContent(), WAIT).toMatch(/^目标 满意度 80/);
    expect(await created.locator('g.promotion_markers_marks line').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'comparisons-markers.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('marks the promotion on the Problems trend and draws the CSAT target on the Satisfaction trend', async () => {
    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/problems?${RANGE}`);
    await settled(page);
    await expect.poll(() => page.locator('#problem-trend g.promotion_markers_marks line').count(), { ...WAIT, message: 'the Problems trend\'s promotion rule' }).toBe(1);
    await page.goto(`${server.url}/satisfaction?${RANGE}`);
    await settled(page);
    await expect.poll(() => chart(page, 'csat').locator('g.targets_layer_0_marks line').count(), { ...WAIT, message: 'the Satisfaction CSAT target' }).toBe(1);
    expect(await chart(page, 'csat').locator('g.promotion_markers_marks line').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('11. comparisons', () => {
  it('"this month" compares with last month to date, not the days before it', async () => {
    const from = `${TODAY.slice(0, 8)}01`;
    const table = await api<{ previous: { from: string; to: string } }>(`/api/overview?from=${from}&to=${TODAY}`);
    expect(table.previous).toEqual(comparisonRange({ from, to: TODAY }, 'month'));
    expect(table.previous.from.slice(8)).toBe('01');
  });

  it('the picker puts the comparison in the URL, the tiles name it, and a reload keeps it, in en and zh', async () => {
    const { page, errors } = await open(RANGE);
    const picker = page.locator('select[name="compare"]');
    expect(await picker.inputValue()).toBe('previous');
    expect(await previousLabel(page)).toMatch(/^previous period \d/);
    await picker.selectOption('week');
    await page.waitForURL((u) => u.searchParams.get('compare') === 'week');
    await expect.poll(() => previousLabel(page), WAIT).toMatch(/^a week earlier \d/);
    const week = comparisonRange({ from: addDays(PROMOTION, -3), to: addDays(PROMOTION, 3) }, 'week');
    await expect.poll(() => page.locator('#kpis [data-period]').innerText(), WAIT).toContain(`${week.from} – ${week.to}`);
    await expect.poll(() => chart(page, 'created,resolved').locator('[data-compared]').innerText(), WAIT).toContain('Same weekday last week');
    await page.reload();
    await settled(page);
    expect(await page.locator('select[name="compare"]').inputValue()).toBe('week');
    await page.click('[data-lang-switch]');
    await expect.poll(() => previousLabel(page), WAIT).toMatch(/^上周同期 \d/);
    expect(await page.locator('select[name="compare"] option:checked').innerText()).toBe('上周同一星期');
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a year ago without data is "not available: no data a year ago", never 0 or +inf%, in en and zh', async () => {
    const table = await api<{ comparison: { kind: string; unavailable: string | null }; rows: Record<string, unknown>[] }>(`/api/overview?${RANGE}&compare=year`);
    expect(table.comparison).toEqual({ kind: 'year', unavailable: 'no_data' });
    expect(table.rows.every((r) => r.previous === null && r.delta_pct === null)).toBe(true);
    const { page, errors } = await open(`${RANGE}&compare=year`);
    expect(await page.locator('select[name="compare"]').inputValue()).toBe('year');
    await expect.poll(() => previousLabel(page), WAIT).toBe('not available: no data a year ago');
    expect(await page.locator('[data-kpi="volume"] [data-delta]').innerText()).not.toMatch(/∞|Infinity/);
    // nothing to draw dashed
    expect(await chart(page, 'created,resolved').locator('[data-compared]').count()).toBe(0);
    await page.click('[data-lang-switch]');
    await expect.poll(() => previousLabel(page), WAIT).toBe('不可比：去年同期无数据');
    await page.screenshot({ path: join(ARTIFACTS, 'comparisons-year.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
