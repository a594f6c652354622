// The Forecast & staffing page in headless chromium against a real server on a small demo: it
// draws what the API says, the what-if changes the staffing, and "apply" shows the diff, writes
// the server's copy of the dispatch rules and records the version; a manager may look, not apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

interface ForecastView { queues: { queue: string; model: string; peaks: unknown[] }[] }
interface StaffingView { queues: { queue: string; summary: { peakScheduledAgents: number }; whatIf?: { peakAgents: number } }[] }

let server: E2eServer;
let browser: Browser;
let planner: BrowserContext;

beforeAll(async () => {
  server = await startServer({ planner: { role: 'planner' }, manager: { role: 'manager' } }, { days: 60, ticketsPerDay: 150 });
  browser = await launchBrowser();
  planner = await signedIn(browser, server, 'planner');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async <T>(context: BrowserContext, path: string): Promise<T> => (await context.request.get(`${server.url}${path}`)).json() as Promise<T>;

describe('the Forecast & staffing page', () => {
  it('draws every queue\'s forecast, model, backtest, staffing and accuracy without errors, in English and Chinese', async () => {
    const page = await planner.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/forecast`);
    await settled(page);
    const forecast = await api<ForecastView>(planner, '/api/forecast?horizon=14d&interval=60m');
    expect(await page.locator('#forecast-chart article.queue').count()).toBe(forecast.queues.length);
    for (const q of forecast.queues) {
      expect(await page.locator(`#forecast-chart article[data-queue="${q.queue}"] [data-model]`).getAttribute('data-model')).toBe(q.model);
    }
    expect(await page.locator('#forecast-chart figure[data-drawn="true"]').count()).toBe(forecast.queues.length);
    expect(await page.locator('#backtest tbody tr').count()).toBeGreaterThanOrEqual(3 * forecast.queues.length);
    expect(await page.locator('#staffing tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-state="error"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('h1').innerText()).toBe(zh['forecast.title']);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('recomputes the staffing for a what-if, as the API says, and exports it', async () => {
    const page = await planner.newPage();
    await page.goto(`${server.url}/forecast?queue=returns`);
    await settled(page);
    await page.fill('#staffing input[name="volume_factor"]', '1.5');
    await page.click('#staffing button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('volume_factor') === '1.5');
    await settled(page);
    const staffing = await api<StaffingView>(planner, '/api/staffing?horizon=14d&interval=60m&volume_factor=1.5');
    const returns = staffing.queues.find((q) => q.queue === 'returns');
    expect(returns?.whatIf?.peakAgents).toBeGreaterThan(0);
    expect(await page.locator('#staffing .summary li[data-queue="returns"]').innerText()).toContain(String(returns?.summary.peakScheduledAgents));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#staffing [data-export="csv"]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\n')[0]).toMatch(/Agents scheduled/);
    await page.close();
  });

  it('shows the diff and applies the staffing to the dispatch rules for a planner, refuses a manager', async () => {
    const rules = join(server.config, '..', 'dispatch-rules.yaml');
    const before = readFileSync(rules, 'utf8');
    const manager = await signedIn(browser, server, 'manager');
    const theirs = await manager.newPage();
    await theirs.goto(`${server.url}/forecast`);
    await settled(theirs);
    await theirs.click('#apply [data-action="preview"]');
    await theirs.click('#apply [data-action="apply"]');
    await expect.poll(() => theirs.locator('#apply [data-status="403"]').count()).toBe(1);
    expect(readFileSync(rules, 'utf8')).toBe(before);
    await manager.close();

    const page = await planner.newPage();
    await page.goto(`${server.url}/forecast`);
    await settled(page);
    await page.click('#apply [data-action="preview"]');
    await page.waitForSelector('#apply pre.diff');
    expect(await page.locator('#apply pre.diff').innerText()).toMatch(/^[-+@ ].*staffing/m);
    await page.click('#apply [data-action="apply"]');
    await page.waitForSelector('#apply [data-applied]');
    expect(Number(await page.locator('#apply [data-applied]').getAttribute('data-applied'))).toBeGreaterThan(0);
    const after = readFileSync(rules, 'utf8');
    expect(after).not.toBe(before);
    expect(after).toMatch(/staffing:/);
    // Comments people wrote survive the rewrite.
    for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(comment.trim());
    await page.close();
  });
});
