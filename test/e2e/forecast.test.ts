// The Forecast & staffing page in headless chromium against a real server on a small demo: it
// draws what the API says, the what-if changes the staffing, and "apply" shows the diff, writes
// the server's copy of the dispatch rules and records the version; a manager may look, not apply.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { wallTime } from '../../web/ui/lib/planning/planning.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

interface ForecastView { generatedAt: string; queues: { queue: string; zone: string; model: string; peaks: unknown[] }[] }
interface StaffingView {
  pooling: { en: string; zh: string };
  queues: {
    queue: string; planStart: string | null; headcount: { agents: number; note: { en: string; zh: string } } | null;
    summary: { peakScheduledAgents: number; peakShortfall: { agents: number } | null }; whatIf?: { peakAgents: number };
  }[];
  warnings: { message: string; messages?: { en: string; zh: string } }[];
}

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

describe('the Forecast & staffing page', () => {
  it('draws every queue\'s forecast, model, backtest, staffing and accuracy without errors, in English and Chinese', async () => {
    const page = await planner.newPage();
    const errors = watchErrors(page);
    // What the page itself was sent: a second request could straddle an hour and plan from another start.
    const answer = (path: string) => page.waitForResponse((r) => new URL(r.url()).pathname === path);
    const [forecastAnswer, staffingAnswer] = [answer('/api/forecast'), answer('/api/staffing')];
    await page.goto(`${server.url}/forecast`);
    await settled(page);
    const forecast = await (await forecastAnswer).json() as ForecastView;
    expect(await page.locator('#forecast-chart article.queue').count()).toBe(forecast.queues.length);
    for (const q of forecast.queues) {
      expect(await page.locator(`#forecast-chart article[data-queue="${q.queue}"] [data-model]`).getAttribute('data-model')).toBe(q.model);
    }
    expect(await page.locator('#forecast-chart figure[data-drawn="true"]').count()).toBe(forecast.queues.length);
    expect(await page.locator('#backtest tbody tr').count()).toBeGreaterThanOrEqual(3 * forecast.queues.length);
    expect(await page.locator('#staffing tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-state="error"]').count()).toBe(0);
    // Times in the queue's zone: "made at" (sent in UTC) and the plan's start (sent with the zone's offset).
    const zone = forecast.queues[0]!.zone;
    expect(await page.locator('#forecast-chart p.note').first().innerText()).toContain(wallTime(forecast.generatedAt, zone));
    const staffing = await (await staffingAnswer).json() as StaffingView;
    const start = staffing.queues.find((q) => q.planStart !== null)!.planStart!;
    expect(await page.locator('#staffing [data-plan-start]').innerText()).toContain(`${start.slice(0, 10)} ${start.slice(11, 16)}`);
    // Each queue against the people it has, with how they were counted; pooling said once; warnings in the API's order.
    for (const q of staffing.queues) {
      const line = await page.locator(`#staffing .summary li[data-queue="${q.queue}"]`).innerText();
      if (q.headcount) {
        expect(line).toContain(`peak ${q.summary.peakScheduledAgents} of ${Math.floor(q.headcount.agents + 1e-9)} people`);
        expect(line).toContain(q.headcount.note.en);
      }
      if (q.summary.peakShortfall) expect(line).toContain(`short ${q.summary.peakShortfall.agents}`);
    }
    expect(await page.locator('#staffing .pooling').allInnerTexts()).toEqual([staffing.pooling.en]);
    const shown = (lang: 'en' | 'zh') => staffing.warnings.map((w) => w.messages?.[lang] ?? w.message);
    expect(await page.locator('#staffing p.warn').allInnerTexts()).toEqual(shown('en'));
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('h1').innerText()).toBe(zh['forecast.title']);
    await settled(page);
    expect(await page.locator('#staffing p.warn').allInnerTexts()).toEqual(shown('zh'));
    expect(await page.locator('#staffing .pooling').innerText()).toBe(staffing.pooling.zh);
    for (const q of staffing.queues.filter((x) => x.headcount)) {
      expect(await page.locator(`#staffing .summary li[data-queue="${q.queue}"]`).innerText()).toContain(q.headcount!.note.zh);
    }
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
    const whatIfAnswer = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/staffing' && url.searchParams.get('volume_factor') === '1.5';
    });
    await page.click('#staffing button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('volume_factor') === '1.5');
    await settled(page);
    const staffing = await (await whatIfAnswer).json() as StaffingView;
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
