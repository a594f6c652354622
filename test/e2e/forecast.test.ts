// The Forecast & staffing page in headless chromium against a real server on a small demo, a
// planner's walk: it draws what the API says, the what-if changes the staffing, the simulation runs
// that plan, "apply" previews a per-queue summary naming the planner (raw diff one click away),
// writes the server's copy of the dispatch rules and records the version; the history lists it and
// rolls back; a manager may look, not apply. Each step in English and Chinese.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { wallTime, type ModelChoice, type StaffingQueue } from '../../web/ui/lib/planning/planning.ts';
import { simulationQueueText, type SimulationSummaryView } from '../../web/ui/lib/planning/simulation-summary.ts';
import { staffingSummaryText } from '../../web/ui/lib/planning/staffing-summary.ts';
import { warningText } from '../../web/ui/lib/planning/warning-text.ts';
import { latinWords } from './support/latin-words.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

interface ForecastView { generatedAt: string; queues: { queue: string; zone: string; model: string; choice: ModelChoice; peaks: unknown[] }[] }
interface StaffingView {
  pooling: { en: string; zh: string };
  queues: {
    queue: string; planStart: string | null; headcount: { agents: number; note: { en: string; zh: string } } | null;
    summary: { peakScheduledAgents: number; peakShortfall: { agents: number } | null }; whatIf?: { peakAgents: number };
  }[];
  warnings: { message: string; messages?: { en: string; zh: string }; queues?: string[] }[];
}
type Labels = { labels: Record<string, Record<string, { en: string | null; zh: string | null }>> };

/** The planner's token is named after a person: the preview and the history name them. */
const PLANNER = 'Lin Wei';

let server: E2eServer;
let browser: Browser;
let planner: BrowserContext;

beforeAll(async () => {
  server = await startServer({ [PLANNER]: { role: 'planner' }, manager: { role: 'manager' } }, { days: 60, ticketsPerDay: 150 });
  browser = await launchBrowser();
  planner = await signedIn(browser, server, PLANNER);
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
    const [forecastAnswer, staffingAnswer, labelsAnswer] = [answer('/api/forecast'), answer('/api/staffing'), answer('/api/labels')];
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
    // One row per queue and day; a day's intervals are drawn only once it is opened, open/closed and the method translated.
    expect(await page.locator('#staffing [data-intervals]').count()).toBe(0);
    await page.locator('#staffing tr.day button.expand').first().click();
    const intervals = page.locator('#staffing [data-intervals]');
    // Loaded when opened (GET /api/staffing?day=...).
    await intervals.locator('tbody tr').first().waitFor();
    expect(await intervals.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await intervals.innerText()).toMatch(/\b(open|closed)\b/);
    expect(await intervals.innerText()).toMatch(/Erlang C|Erlang A|Workload/);
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
    // The API's message with the queue named as the page names it (the team's label in that language).
    const labels = (await (await labelsAnswer).json() as Labels).labels;
    const shown = (lang: 'en' | 'zh') => staffing.warnings.map((w) => warningText(w.messages?.[lang] ?? w.message, w.queues ?? [],
      (q) => labels.team?.[q]?.[lang] ?? q));
    expect(await page.locator('#staffing p.warn').allInnerTexts()).toEqual(shown('en'));
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('h1').innerText()).toBe(zh['forecast.title']);
    await settled(page);
    expect(await page.locator('#staffing p.warn').allInnerTexts()).toEqual(shown('zh'));
    expect(await page.locator('#staffing [data-intervals]').innerText()).toMatch(/营业|休息/);
    expect(await page.locator('#staffing .pooling').innerText()).toBe(staffing.pooling.zh);
    for (const q of staffing.queues.filter((x) => x.headcount)) {
      expect(await page.locator(`#staffing .summary li[data-queue="${q.queue}"]`).innerText()).toContain(q.headcount!.note.zh);
    }
    // Every queue's model line in Chinese, worded from the API's codes: the model, its backtest and, for a
    // combination, the models it averages on each kind of day; no English word left but the allow-list's.
    for (const q of forecast.queues) {
      const line = await page.locator(`#forecast-chart article[data-queue="${q.queue}"] [data-model]`).innerText();
      expect(line, q.queue).toMatch(/^模型：.+ — (回测 MASE|未经回测)/);
      if (q.choice.code === 'backtest' && q.choice.members) expect(line, q.queue).toMatch(/组合成员（等权平均）：第 1 天 .+；第 2 天起 /);
      expect(latinWords(line), q.queue).toEqual([]);
    }
    expect(forecast.queues.some((q) => q.choice.code === 'backtest' && q.choice.members)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'forecast.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('recomputes the staffing for a what-if, simulates that plan and exports it, in English and Chinese', async () => {
    const page = await planner.newPage();
    const errors = watchErrors(page);
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
    const returns = staffing.queues.find((q) => q.queue === 'returns')!;
    expect(returns.whatIf?.peakAgents).toBeGreaterThan(0);
    const summary = page.locator('#staffing .summary li[data-queue="returns"]');
    expect(await summary.innerText()).toContain(staffingSummaryText(returns as StaffingQueue, 'en'));

    // Simulate the plan the what-if made: the same queue and volume factor, each queue's simulated
    // service level beside the plan's, as the API computed it.
    const simulationAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/staffing/simulation');
    await page.click('#staffing .simulation button');
    const answer = await simulationAnswer;
    expect(new URL(answer.url()).searchParams.get('volume_factor')).toBe('1.5');
    expect(new URL(answer.url()).searchParams.get('queue')).toBe('returns');
    const simulation = await answer.json() as SimulationSummaryView;
    expect(simulation.queues.map((q) => q.queue)).toEqual(['returns']);
    const simulated = page.locator('#staffing .simulation li[data-queue="returns"]');
    await simulated.waitFor();
    const sim = simulation.queues[0]!;
    expect(sim.summary.serviceLevel).not.toBeNull();
    expect(Number(await simulated.getAttribute('data-simulated-sl'))).toBe(sim.summary.serviceLevel);
    expect(await simulated.innerText()).toBe(simulationQueueText(sim, simulation.flagRule.points, 'en'));
    await page.locator('#staffing').screenshot({ path: join(ARTIFACTS, 'forecast-whatif-simulation.en.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#staffing [data-export="csv"]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\n')[0]).toMatch(/Agents scheduled/);

    // The same plan and simulation read in Chinese, without asking the server again.
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('h1').innerText()).toBe(zh['forecast.title']);
    expect(await summary.innerText()).toContain(staffingSummaryText(returns as StaffingQueue, 'zh'));
    expect(await simulated.innerText()).toBe(simulationQueueText(sim, simulation.flagRule.points, 'zh'));
    expect(await page.locator('#staffing .simulation h3').innerText()).toBe(zh['forecast.simulation.title']);
    await page.locator('#staffing').screenshot({ path: join(ARTIFACTS, 'forecast-whatif-simulation.zh.png') });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('previews a per-queue summary naming the planner, applies, lists the history and rolls back, in English and Chinese; refuses a manager', async () => {
    const rules = join(server.config, '..', 'dispatch-rules.yaml');
    const before = readFileSync(rules, 'utf8');
    const manager = await signedIn(browser, server, 'manager');
    const theirs = await manager.newPage();
    await theirs.goto(`${server.url}/forecast`);
    await settled(theirs);
    await theirs.click('#apply [data-action="preview"]');
    await theirs.click('#apply [data-action="apply"]');
    await expect.poll(() => theirs.locator('#apply [data-status="403"]').count()).toBe(1);
    // Managers may read the history, not roll back.
    expect(await theirs.locator('#history [data-action="rollback"]').count()).toBe(0);
    expect(readFileSync(rules, 'utf8')).toBe(before);
    await manager.close();

    const tokenId = server.tokens[PLANNER]!.split('_')[1]!;
    const page = await planner.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/forecast`);
    await settled(page);
    const preview = await previewOn(page);
    const shown = await page.locator('#apply [data-preview]').innerText();
    // A person, not a token id; a file name, not where it is on the server.
    // The role in the page's language (the API keeps the key).
    expect(shown).toContain(`Preview for ${PLANNER} (Planner): dispatch-rules.yaml`);
    expect(shown).not.toContain(tokenId);
    expect(shown).not.toContain(dirname(rules));
    expect(shown).not.toMatch(/(^|\s)\/\w+\//m);
    // One row per queue written, each day-part "now → after", as the API summed it.
    expect(preview.summary.length).toBeGreaterThan(0);
    for (const q of preview.summary) {
      const morning = await page.locator(`#apply [data-apply-summary] tr[data-queue="${q.queue}"] td[data-part="morning"]`).innerText();
      expect(morning).toBe(`${q.before?.dayParts.morning ?? '—'} → ${q.after.dayParts.morning}`);
    }
    // The raw diff is one click away.
    expect(await page.locator('#apply pre.diff').isVisible()).toBe(false);
    await page.click('#apply details.raw summary');
    expect(await page.locator('#apply pre.diff').innerText()).toMatch(/^[-+@ ].*staffing/m);
    await page.locator('#apply').screenshot({ path: join(ARTIFACTS, 'forecast-apply-preview.en.png') });
    const first = await applyOn(page);
    const applied = readFileSync(rules, 'utf8');
    expect(applied).toMatch(/staffing:/);
    for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(applied).toContain(comment.trim());
    await expect.poll(() => page.locator('#history tr[data-version]').first().getAttribute('data-version')).toBe(String(first));
    expect(await page.locator(`#history tr[data-version="${first}"] [data-who]`).innerText()).toBe(`${PLANNER} (Planner)`);
    await page.close();

    // A second apply (half again the volume), then back to the first from the history.
    const again = await planner.newPage();
    again.on('pageerror', (e) => errors.push(e.message));
    await again.goto(`${server.url}/forecast?volume_factor=1.5`);
    await settled(again);
    await previewOn(again);
    const second = await applyOn(again);
    expect(second).toBeGreaterThan(first);
    expect(readFileSync(rules, 'utf8')).not.toBe(applied);
    await expect.poll(() => again.locator('#history tr[data-version]').first().getAttribute('data-version')).toBe(String(second));
    await again.click(`#history tr[data-version="${first}"] [data-action="show"]`);
    expect(await again.locator(`#history [data-version-diff="${first}"]`).innerText()).toContain('+++ b/dispatch-rules.yaml');
    await again.click(`#history tr[data-version="${first}"] [data-action="rollback"]`);
    expect(await again.locator(`#history [data-confirm="${first}"]`).innerText()).toContain(`Write version ${first} back`);
    await again.click('#history [data-action="confirm-rollback"]');
    await again.waitForSelector('#history [data-rolled-back]');
    const third = Number(await again.locator('#history [data-rolled-back]').getAttribute('data-rolled-back'));
    expect(third).toBeGreaterThan(second);
    expect(readFileSync(rules, 'utf8')).toBe(applied);
    await expect.poll(() => again.locator('#history tr[data-version]').first().getAttribute('data-version')).toBe(String(third));
    expect(await again.locator(`#history tr[data-version="${third}"] [data-what]`).innerText()).toBe(`Rollback to version ${first}`);
    await again.locator('#history').screenshot({ path: join(ARTIFACTS, 'forecast-history.en.png') });

    // The same in Chinese: the history and a fresh preview.
    await again.click('[data-lang-switch]');
    await expect.poll(() => again.locator('h1').innerText()).toBe(zh['forecast.title']);
    expect(await again.locator(`#history tr[data-version="${third}"] [data-what]`).innerText()).toBe(`回滚到版本 ${first}`);
    // The model line and the history's models are worded in Chinese from the API's codes, not English text or model ids.
    expect(await again.locator('#forecast-chart [data-model]').first().innerText()).toMatch(/^模型：.+ — (回测 MASE|未经回测)/);
    expect(await again.locator('#forecast-chart [data-model]').first().innerText()).not.toMatch(/chosen|vs seasonal|interval covers/);
    expect(await again.locator(`#history tr[data-version="${first}"] [data-what]`).innerText())
      .not.toMatch(/combination|calendar-regression|weekday-slot-mean|day-type|holt-winters|seasonal-naive/);
    await previewOn(again);
    const zhShown = await again.locator('#apply [data-preview]').innerText();
    expect(zhShown).toContain(`${PLANNER} (${zh['role.planner']}) 的预览：dispatch-rules.yaml`);
    expect(zhShown).not.toContain('(planner)');
    expect(await again.locator(`#history tr[data-version="${first}"] [data-who]`).innerText()).toBe(`${PLANNER} (${zh['role.planner']})`);
    expect(zhShown).toContain(zh['forecast.apply.dayPart.morning']);
    expect(zhShown).not.toContain(tokenId);
    await again.locator('#apply').screenshot({ path: join(ARTIFACTS, 'forecast-apply-preview.zh.png') });
    await again.locator('#history').screenshot({ path: join(ARTIFACTS, 'forecast-history.zh.png') });
    await again.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await again.close();
  });
});

/** Clicks "preview" and waits for the summary; the dry run's answer as the page got it. */
async function previewOn(page: Page): Promise<{ summary: { queue: string; before: { dayParts: Record<string, number> } | null; after: { dayParts: Record<string, number> } }[] }> {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/dispatch-rules/diff');
  await page.click('#apply [data-action="preview"]');
  const body = await (await answer).json();
  await page.waitForSelector('#apply [data-apply-summary]');
  return body;
}

/** Confirms the preview shown; the version written. */
async function applyOn(page: Page): Promise<number> {
  await page.click('#apply [data-action="apply"]');
  await page.waitForSelector('#apply [data-applied]');
  return Number(await page.locator('#apply [data-applied]').getAttribute('data-applied'));
}
