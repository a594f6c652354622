// Issue 18 item 9 on a real server over a small demo, in headless chromium: the Service page (arrival
// heat map, FRT buckets, time in each status, reply times, backlog) and the Live wallboard are in the
// menu, draw their charts and tiles with the API's numbers, in en and zh, at 1440 and 390 px; the
// wallboard refreshes on its own (an event ingested over HTTP shows up with a new "updated" time),
// pauses while hidden and goes full screen; a team lead sees their teams only; planners reach the
// dispatch-rule versions from the menu. Screenshots in test/e2e/artifacts/{service,live}.*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../warehouse/metrics/format-value.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

type Row = Record<string, unknown>;
type Table = { rows: Row[]; period: { from: string; to: string }; total?: number };

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;
let lead: BrowserContext;
let planner: BrowserContext;
let range: string;

beforeAll(async () => {
  server = await startServer({
    manager: { role: 'manager' }, lead: { role: 'team_lead', teams: ['returns'] }, planner: { role: 'planner' }, ingest: { role: 'ingest' },
  }, { days: 10, ticketsPerDay: 40 });
  browser = await launchBrowser();
  [manager, lead, planner] = await Promise.all([signedIn(browser, server, 'manager'), signedIn(browser, server, 'lead'), signedIn(browser, server, 'planner')]);
  const { period } = await api(manager, '/api/heatmap');
  range = `from=${period.from}&to=${period.to}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(context: BrowserContext, path: string): Promise<Table> {
  const response = await context.request.get(`${server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as Table;
}

async function open(context: BrowserContext, path: string, ready = settled): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await ready(page);
  return { page, errors };
}

/** The wallboard has answered every query once. */
const boardReady = (page: Page) => page.waitForFunction(() => (document.querySelector('[data-updated]')?.getAttribute('data-updated') ?? '') !== '',
  undefined, { timeout: 30_000 }).then(() => undefined);

const sum = (rows: Row[], key: string) => rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
const summaryOf = (page: Page, panel: string) => page.locator(`[data-panel="${panel}"] [data-summary]`).innerText();
/** Nothing wider than the viewport inside main (the header is the layout's). */
const overflow = (page: Page) => page.evaluate(() => {
  const main = document.querySelector('main')!;
  return Array.from(main.querySelectorAll('section, .tile, figure')).filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).length;
});

describe('the Service page', () => {
  it('is in the menu and draws every chart with a summary equal to the API, in en and zh, at 1440 and 390 px', async () => {
    const get = (path: string) => api(manager, `${path}?${range}`);
    const [heat, frt, status, replies, backlog] = await Promise.all([
      get('/api/heatmap'), get('/api/frt-buckets'), get('/api/status-times'), get('/api/reply-times'), get('/api/backlog')]);
    const { page, errors } = await open(manager, `/service?${range}`);
    expect(await page.locator('nav a[href^="/service"]').innerText()).toBe('Service');
    // heat map 168 cells; FRT, status; reply times and backlog two trends each
    expect(await page.locator('main figure[data-drawn="true"]').count()).toBe(7);
    expect(await page.locator('[data-panel="arrivals"] .mark-rect.role-mark path').count()).toBe(168);
    for (const panel of ['arrivals', 'frt-buckets', 'status-times', 'reply-times', 'backlog']) {
      expect(await page.locator(`[data-panel="${panel}"] [data-export="csv"]`).count(), panel).toBe(1);
    }

    const total = sum(heat.rows, 'tickets');
    const peak = heat.rows.reduce((a, b) => (Number(b.tickets) > Number(a.tickets) ? b : a));
    expect(await summaryOf(page, 'arrivals')).toContain(`${total.toLocaleString('en-US')} tickets created. Busiest hour: `);
    expect(await summaryOf(page, 'arrivals')).toContain(`${String(peak.hour).padStart(2, '0')}:00 with ${peak.tickets}`);
    const within1h = Number(frt.rows.find((r) => r.bucket === '<1h')!.tickets);
    expect(await summaryOf(page, 'frt-buckets')).toMatch(new RegExp(`^${within1h} of ${sum(frt.rows, 'tickets')} tickets`));
    const requester = Number(status.rows.find((r) => r.status === 'requester_wait')!.median);
    expect(await summaryOf(page, 'status-times')).toContain(`a median of ${formatDuration(requester, 'en')} on the team`);
    expect(await summaryOf(page, 'reply-times')).toMatch(new RegExp(`^${sum(replies.rows, 'replies').toLocaleString('en-US')} agent replies`));
    const last = backlog.rows[backlog.rows.length - 1]!;
    expect(await summaryOf(page, 'backlog')).toContain(`Open at the end of ${last.day}: ${Number(last.backlog).toLocaleString('en-US')}`);
    expect(await page.locator('[data-panel="frt-buckets"]').innerText()).toContain('not answered yet');
    await page.screenshot({ path: join(ARTIFACTS, 'service.en.1440.png'), fullPage: true });

    await page.click('[data-lang-switch]');
    await expect.poll(() => summaryOf(page, 'arrivals')).toContain(`共创建 ${total.toLocaleString('zh-CN')} 张工单`);
    await settled(page);
    expect(await summaryOf(page, 'frt-buckets')).toContain(`${sum(frt.rows, 'tickets')} 张工单中 ${within1h} 张`);
    expect(await page.locator('[data-panel="status-times"]').innerText()).toContain('客户等待（新建 + 处理中 + 挂起）');
    expect(await page.locator('nav a[href^="/service"]').innerText()).toBe('服务');
    await page.screenshot({ path: join(ARTIFACTS, 'service.zh.1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await settled(page);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'service.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'service.en.390.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows a team lead their teams\' figures only', async () => {
    const heat = await api(lead, `/api/heatmap?${range}`);
    expect(sum(heat.rows, 'tickets')).toBeLessThan(sum((await api(manager, `/api/heatmap?${range}`)).rows, 'tickets'));
    const { page } = await open(lead, `/service?${range}`);
    expect(await summaryOf(page, 'arrivals')).toMatch(new RegExp(`^${sum(heat.rows, 'tickets')} tickets created`));
  });
});

describe('the Live wallboard', () => {
  const tile = (page: Page, name: string) => page.locator(`[data-tile="${name}"] [data-value]`).innerText();
  const updated = (page: Page) => page.locator('[data-updated]').getAttribute('data-updated');

  it('shows the API\'s figures in big tiles, refreshes on its own with an ingested event, pauses while hidden, goes full screen', async () => {
    const { page, errors } = await open(manager, '/live?refresh=10', boardReady);
    expect(await page.locator('nav a[href^="/live"]').innerText()).toBe('Live');
    const [live, waiting, states] = await Promise.all([api(manager, '/api/live'), api(manager, '/api/live/waiting?limit=1'), api(manager, '/api/live/agent-states')]);
    const waitingNow = sum(live.rows, 'unanswered');
    expect(waitingNow).toBeGreaterThan(0);
    expect(waiting.total).toBe(waitingNow);
    expect(await tile(page, 'waiting')).toBe(waitingNow.toLocaleString('en-US'));
    const oldest = waiting.rows[0]!;
    expect(await page.locator('[data-tile="oldest"] a').getAttribute('href')).toBe(`/tickets/${oldest.ticket_id}`);
    expect(await tile(page, 'oldest')).toBe(formatDuration(Number(oldest.waiting_seconds), 'en'));
    // breaching within the hour depends on the minute: the tile follows the API within a refresh
    await expect.poll(async () => (await tile(page, 'breaching')) === String((await api(manager, '/api/live/breaching')).rows.length), { timeout: 25_000 }).toBe(true);
    // the demo records agents' events: who is online is known (0 would be a real 0)
    expect((states as Table & { agentStates?: unknown }).agentStates).toEqual({ unavailable: null });
    const online = states.rows.filter((r) => r.agent_state !== 'away').length;
    expect(await tile(page, 'online')).toBe(String(online));
    const teamOf = (r: Row) => String(r.team ?? '');
    for (const team of new Set(live.rows.map(teamOf))) {
      const row = page.locator(`[data-teams] tr[data-team="${team}"]`);
      expect(await row.locator('[data-col="waiting"]').innerText()).toBe(String(sum(live.rows.filter((r) => teamOf(r) === team), 'unanswered')));
      expect(await row.locator('[data-col="away"]').innerText()).toBe(String(states.rows.filter((r) => teamOf(r) === team && r.agent_state === 'away').length));
    }
    // the per-agent table names its agents and links them to their pages
    const firstAgent = page.locator('[data-panel="live-agents"] a[href^="/agents/"]').first();
    expect(await firstAgent.innerText()).toMatch(/^.+ \(A\d+\)$/);
    // big type: the tiles' numbers are at least 40 px high
    expect(await page.locator('[data-tile="waiting"] [data-value]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(40);
    // ... and each fits its tile (a longest wait like '20d 17h' ran under the next tile)
    expect(await page.locator('[data-tile] [data-value]').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'live.en.1440.png'), fullPage: true });

    // A ticket created a minute ago in returns, and one of returns' agents noting on it: it waits, the agent is online.
    const agent = String(states.rows.find((r) => r.team === 'returns')!.agent);
    // in the config's zone (Asia/Shanghai), as the demo's events are
    const at = new Date(Date.now() - 60_000 + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const events = [
      { event_id: 'live-e2e-1', ticket_id: 'LIVE-E2E', type: 'created', occurred_at: at, team_id: 'returns', channel: 'web', priority: 'normal' },
      { event_id: 'live-e2e-2', ticket_id: 'LIVE-E2E', type: 'commented', occurred_at: at, actor: 'agent', agent_id: agent, team_id: 'returns' },
    ];
    const before = await updated(page);
    const posted = await fetch(`${server.url}/api/events`, {
      method: 'POST', body: events.map((e) => JSON.stringify(e)).join('\n'),
      headers: { authorization: `Bearer ${server.tokens.ingest}`, 'content-type': 'application/x-ndjson' },
    });
    expect(posted.status, await posted.clone().text()).toBe(200);
    await expect.poll(() => tile(page, 'waiting'), { timeout: 25_000 }).toBe((waitingNow + 1).toLocaleString('en-US'));
    await expect.poll(() => updated(page)).not.toBe(before);
    expect(await page.locator('[data-updated]').innerText()).toMatch(/^updated \d\d:\d\d:\d\d$/);
    await expect.poll(() => tile(page, 'online')).toBe(String(online + 1));

    // hidden: no refresh; shown again: at once
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await page.locator('[data-updated]').innerText()).toBe('paused: tab hidden');
    const paused = await updated(page);
    await page.waitForTimeout(11_000); // longer than one refresh period: a refresh would have changed it
    expect(await updated(page)).toBe(paused);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => updated(page), { timeout: 5_000 }).not.toBe(paused);

    await page.click('[data-action="fullscreen"]');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.hasAttribute('data-board') ?? false)).toBe(true);
    await expect.poll(() => page.locator('[data-action="fullscreen"]').innerText()).toBe('Exit full screen');
    await page.screenshot({ path: join(ARTIFACTS, 'live-fullscreen.en.png') });
    await page.click('[data-action="fullscreen"]');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);

    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('[data-tile="waiting"] h2').innerText()).toBe('等待首次回复');
    expect(await page.locator('[data-updated]').innerText()).toMatch(/^更新于 \d\d:\d\d:\d\d$/);
    expect(await page.locator('[data-tile="oldest"] a').innerText()).toMatch(/^工单 /);
    await page.screenshot({ path: join(ARTIFACTS, 'live.zh.1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'live.zh.390.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await page.locator('[data-tile="waiting"] h2', { hasText: 'Waiting for a first reply' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'live.en.390.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows a team lead their teams only, and a planner the counts without tickets or agents', async () => {
    const { page } = await open(lead, '/live', boardReady);
    const teams = await page.locator('[data-teams] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-team')));
    expect(teams).toEqual(['returns']);
    expect((await api(lead, '/api/live/agent-states')).rows.every((r) => r.team === 'returns')).toBe(true);
    expect(await tile(page, 'waiting')).toBe(sum((await api(lead, '/api/live')).rows, 'unanswered').toLocaleString('en-US'));

    const planned = await open(planner, '/live', boardReady);
    expect(await tile(planned.page, 'waiting')).toBe(sum((await api(planner, '/api/live')).rows, 'unanswered').toLocaleString('en-US'));
    expect(await planned.page.locator('[data-tile="oldest"], [data-tile="breaching"], [data-tile="online"], [data-col="busy"]').count()).toBe(0);
    expect(planned.errors).toEqual([]);
  });
});

describe('dispatch-rule versions', () => {
  it('are reachable from the menu for the planning roles (Forecast, its history panel), not for team leads', async () => {
    const versions = await api(planner, '/api/dispatch-rules/versions');
    const page = await planner.newPage();
    await page.goto(`${server.url}/service`);
    await page.click('nav a[href^="/forecast"]');
    await page.waitForURL((u) => u.pathname === '/forecast');
    const history = page.locator('[data-panel="history"]');
    await history.locator('[data-history-empty], tr[data-version]').first().waitFor({ timeout: 30_000 });
    expect(await history.locator('tr[data-version]').count()).toBe(Math.min(versions.rows.length, 20));
    const { page: leadPage } = await open(lead, '/service');
    expect(await leadPage.locator('nav a[href^="/forecast"]').count()).toBe(0);
  });
});
