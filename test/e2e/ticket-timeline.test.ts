// Issue 18 items 7 and 12 on a real server over a small demo, in headless chromium: the ticket page
// is the ticket's timeline (headline facts, SLA clocks, every event with the time since the one
// before, statuses and event types translated, agents named "Name (A012)"), in en and zh; a team
// lead gets a friendly refusal for another team's ticket; the search box opens a ticket or an agent
// (by id or name) and says "not found" clearly. Screenshots in test/e2e/artifacts/ticket-*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../warehouse/metrics/format-value.ts';
import { ARTIFACTS, settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { readOnlySite, type Site } from './support/site.ts';

type Row = Record<string, unknown>;

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;
let lead: BrowserContext;
let rated: Row;          // a resolved, rated ticket (manager's pick)
let elsewhere: Row;      // a ticket outside the lead's team
let agentLabels: Record<string, { en: string; zh: string }>;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite({ days: 10, ticketsPerDay: 40 }));
  manager = await signedIn(browser, server, 'manager');
  lead = await signedIn(browser, server, 'lead');
  const agents = (await api('/api/agents')).rows;
  const tickets = (await Promise.all(agents.slice(0, 6).map(async (a) => (await api(`/api/agents/${a.agent}/tickets?page_size=200`)).rows))).flat();
  rated = tickets.find((t) => t.rating !== null && t.resolved_at !== null && (t.transfer_count as number) === 0)!;
  elsewhere = tickets.find((t) => t.team !== 'returns')!;
  agentLabels = ((await (await manager.request.get(`${server.url}/api/labels`)).json()) as { labels: { agent: typeof agentLabels } }).labels.agent;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function api(path: string): Promise<{ rows: Row[] }> {
  const response = await manager.request.get(`${server.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as { rows: Row[] };
}

async function open(context: BrowserContext, path: string, ready = settled): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await ready(page);
  return { page, errors };
}

const timelineReady = async (page: Page) => {
  await settled(page);
  await page.locator('[data-timeline] tbody tr').first().waitFor();
  await page.locator('[data-panel="ticket-sla"] li').first().waitFor();
};

describe('7. the ticket page is its timeline', () => {
  it('shows the headline facts, the SLA clocks and every event in order with the time since the one before, in en and zh', async () => {
    const id = String(rated.ticket_id);
    const events = (await api(`/api/tickets/${id}/events`)).rows;
    const sla = (await api(`/api/tickets/${id}/sla`)).rows;
    expect(sla.map((c) => c.sla)).toEqual(['first_response', 'resolution']);
    expect(sla.every((c) => ['met', 'breached'].includes(String(c.sla_state)))).toBe(true);

    const { page, errors } = await open(manager, `/tickets/${id}`, timelineReady);
    const rows = page.locator('[data-timeline] tbody tr');
    expect(await rows.count()).toBe(events.length);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')))).toEqual(events.map((e) => e.type));
    const since = await page.locator('[data-since]').allInnerTexts();
    expect(since[0]).toBe('at creation');
    expect(since.slice(1).every((t) => /^after \d/.test(t))).toBe(true);
    expect(await rows.first().innerText()).toContain('Created');
    expect((await page.locator('[data-status]').allInnerTexts()).join('\n')).toMatch(/ → Resolved/);
    for (const c of sla) {
      expect(await page.locator(`[data-sla="${c.sla}"]`).getAttribute('data-state')).toBe(c.sla_state);
    }
    expect(await page.locator('[data-fact="rating"] dd').innerText()).toBe(`${rated.rating} / 5`);
    // times in the desk's zone, the Overview's (not the browser's), named beside them
    const desk = ((await (await manager.request.get(`${server.url}/api/overview`)).json()) as { period: { timezone: string } }).period.timezone;
    expect(desk).not.toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    const headline = (await api(`/api/tickets/${id}`)).rows[0]!;
    expect(String(headline.created_at)).toMatch(/\+08:00$/);
    expect(await page.locator('[data-fact="created_at"] dd').innerText()).toBe(`${String(headline.created_at).slice(0, 10)} ${String(headline.created_at).slice(11, 16)}`);
    expect(await page.locator('[data-zone]').innerText()).toBe(`Times in ${desk}.`);
    expect(await page.locator('[data-time-header]').innerText()).toBe(`Time (${desk})`);
    // the agent by name and id
    const agent = String(rated.current_agent);
    expect(await page.locator('[data-fact="current_agent"] dd').innerText()).toBe(`${agentLabels[agent]!.en} (${agent})`);
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-timeline.en.png'), fullPage: true });

    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('[data-since]').first().innerText()).toBe('创建时');
    expect(await rows.first().innerText()).toContain('创建');
    expect((await page.locator('[data-status]').allInnerTexts()).join('\n')).toMatch(/ → 已解决/);
    expect(await page.locator('[data-fact="current_agent"] dd').innerText()).toBe(`${agentLabels[agent]!.zh} (${agent})`);
    expect(await page.locator('[data-panel="ticket-sla"]').innerText()).toMatch(/达标|超时/);
    expect(await page.locator('[data-time-header]').innerText()).toBe('时间（中国标准时间）');
    expect(await page.locator('[data-panel="ticket-sla"]').innerText()).toMatch(/\d\d:\d\d（中国标准时间）/);
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-timeline.zh.png'), fullPage: true });
    // at phone width the timeline scrolls sideways: no header or event word broken one character a line
    await page.setViewportSize({ width: 390, height: 900 });
    // (one line of 16 px text and its padding: a header row squeezed to 2-3 lines was 50-75 px high)
    expect(await page.locator('[data-timeline] thead tr').evaluate((tr) => tr.getBoundingClientRect().height)).toBeLessThan(40);
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-timeline.zh.390.png'), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.click('[data-lang-switch]');
    // the filter bar's clock picks the headline durations' clock
    const calendar = (await api(`/api/tickets/${id}?clock=calendar`)).rows[0]!;
    await page.goto(`${server.url}/tickets/${id}?clock=calendar`);
    await timelineReady(page);
    expect(await page.locator('[data-fact="first_response_seconds"] dd').innerText()).toBe(formatDuration(calendar.first_response_seconds as number, 'en'));
    expect(errors).toEqual([]);
  });

  it('names the aspect a rating was given for (speed, quality, attitude) beside the score, in en and zh', async () => {
    // The demo rates a share of tickets by aspect too (55% of answers): the first such ticket of the agents' lists.
    const candidates = (await Promise.all((await api('/api/agents')).rows.slice(0, 6)
      .map(async (a) => (await api(`/api/agents/${a.agent}/tickets?page_size=200`)).rows))).flat().filter((t) => t.rating !== null);
    let found: { id: string; events: Row[] } | undefined;
    for (const t of candidates) {
      const events = (await api(`/api/tickets/${String(t.ticket_id)}/events`)).rows;
      if (events.some((e) => typeof e.rating_dimension === 'string')) { found = { id: String(t.ticket_id), events }; break; }
    }
    expect(found, 'a rated ticket with aspect ratings').toBeDefined();
    const rated = found!.events.filter((e) => e.type === 'rated');
    const { page, errors } = await open(manager, `/tickets/${found!.id}`, timelineReady);
    const shown = page.locator('[data-timeline] tbody tr[data-event="rated"]');
    expect(await shown.count()).toBe(rated.length);
    const en = { speed: 'Speed', quality: 'Quality', attitude: 'Attitude' } as Record<string, string>;
    const zh = { speed: '速度', quality: '质量', attitude: '态度' } as Record<string, string>;
    const expected = (names: Record<string, string>) => rated.map((e) =>
      `${String(e.rating)} / 5${typeof e.rating_dimension === 'string' ? ` (${names[e.rating_dimension] ?? e.rating_dimension})` : ''}`);
    const cells = () => shown.evaluateAll((trs) => trs.map((tr) => (tr.children[7] as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(await cells()).toEqual(expected(en));
    await page.click('[data-lang-switch]');
    await expect.poll(cells).toEqual(expected(zh));
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
  });

  it('tells a team lead, in their language, that another team\'s ticket is not theirs', async () => {
    const id = String(elsewhere.ticket_id);
    const { page } = await open(lead, `/tickets/${id}`, (p) => p.locator('[data-state="forbidden"]').waitFor());
    expect(await page.locator('[data-state="forbidden"]').innerText()).toBe(`Ticket ${id} is not in your teams (or does not exist). A manager can open every team's tickets.`);
    expect(await page.locator('[data-timeline]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-forbidden.en.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('[data-state="forbidden"]').innerText()).toBe(`工单 ${id} 不属于您的团队（或不存在）。经理可查看所有团队的工单。`);
    await page.click('[data-lang-switch]');
  });
});

describe('12. the search box', () => {
  it('opens a ticket by id and an agent by name, and says "not found" otherwise', async () => {
    const { page, errors } = await open(manager, '/agents');
    const search = async (text: string) => {
      await page.fill('[data-search] input', text);
      await page.press('[data-search] input', 'Enter');
    };
    await search(String(rated.ticket_id));
    await page.waitForURL((u) => u.pathname === `/tickets/${encodeURIComponent(String(rated.ticket_id))}`);
    await timelineReady(page);
    const agent = String(rated.current_agent);
    await search(agentLabels[agent]!.zh);
    await page.waitForURL((u) => u.pathname === `/agents/${agent}`);
    await settled(page);
    expect(await page.locator('h1').innerText()).toContain(`${agentLabels[agent]!.en} (${agent})`);
    await page.goto(`${server.url}/agents`);
    await settled(page);
    await search('no-such-ticket-42');
    await expect.poll(() => page.locator('[data-search-message]').innerText()).toBe('Not found: no ticket or agent "no-such-ticket-42".');
    await page.screenshot({ path: join(ARTIFACTS, 'ticket-search-not-found.en.png') });
    // the misses the box asked the API about (404) are the browser's own log lines, not errors of the page
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('keeps a team lead within their teams', async () => {
    const { page } = await open(lead, '/agents');
    await page.fill('[data-search] input', String(elsewhere.ticket_id));
    await page.press('[data-search] input', 'Enter');
    await expect.poll(() => page.locator('[data-search-message]').innerText()).toBe(`Not found in your teams: "${elsewhere.ticket_id}".`);
    expect(new URL(page.url()).pathname).toBe('/agents');
  });
});
