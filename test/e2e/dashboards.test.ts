// The dashboards in a real headless chromium against a real server on a small demo warehouse:
// filters move the numbers exactly as the API says, drill-down and exports work, and a team lead
// cannot reach other teams. Every page drawing in en and zh: dashboards-pages.test.ts.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, signedIn, watchErrors } from './support/e2e-server.ts';
import { downloadedText, readOnlySite, type Site } from './support/site.ts';

interface Table { columns: { key: string }[]; rows: Record<string, unknown>[]; total?: number }

let server: Site['server'];
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  ({ server, browser } = await readOnlySite());
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The API's answer for a path, asked with the context's session cookie. */
async function api<T = Table>(context: BrowserContext, path: string): Promise<{ status: number; body: T }> {
  const response = await context.request.get(`${server.url}${path}`);
  return { status: response.status(), body: (await response.json()) as T };
}

async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await settled(page);
  return { page, errors };
}

const tileValue = (page: Page, metric: string) => page.locator(`[data-kpi="${metric}"] [data-value]`).innerText();

describe('the filter bar', () => {
  it('moves the KPI tiles exactly as the API says, and keeps the filter in the URL', async () => {
    const { page, errors } = await open(manager, '/');
    const all = await api(manager, '/api/overview');
    const volume = (table: Table) => Number(table.rows.find((r) => r.metric === 'volume')?.value);
    expect(await tileValue(page, 'volume')).toBe(volume(all.body).toLocaleString('en-US'));

    await page.click('[data-dimension="team"] summary');
    await page.check('[data-dimension="team"] input[value="returns"]');
    await page.waitForURL((u) => u.searchParams.getAll('team').includes('returns'));
    await settled(page);
    const returns = await api(manager, '/api/overview?team=returns');
    expect(volume(returns.body)).toBeLessThan(volume(all.body));
    expect(await tileValue(page, 'volume')).toBe(volume(returns.body).toLocaleString('en-US'));

    await page.selectOption('select[name="preset"]', 'last7');
    await page.waitForURL((u) => u.searchParams.has('from'));
    await settled(page);
    const query = new URL(page.url()).search;
    const week = await api(manager, `/api/overview${query}`);
    expect(await tileValue(page, 'volume')).toBe(volume(week.body).toLocaleString('en-US'));

    // The URL is the view: opening it fresh shows the same numbers.
    const { page: shared } = await open(manager, `/${query}`);
    expect(await tileValue(shared, 'volume')).toBe(volume(week.body).toLocaleString('en-US'));
    expect(errors).toEqual([]);
    await Promise.all([page.close(), shared.close()]);
  });
});

describe('sign-in', () => {
  it('sends a visitor without a session to the sign-in page and back after it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/problems?clock=calendar`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/problems?clock=calendar');
    await page.fill('#token', 'dp_not-a-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.login [role="alert"]').count()).toBe(1);
    await page.fill('#token', server.tokens.manager ?? '');
    await page.click('button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/problems' && u.searchParams.get('clock') === 'calendar');
    await context.close();
  });
});

describe('drill-down and export', () => {
  it('marks the agents API\'s outliers on the cells of the metric they judge', async () => {
    const { page } = await open(manager, '/agents');
    const rows = (await api(manager, '/api/agents')).body.rows;
    const expected = rows.flatMap((r) => Object.entries(r).filter(([k, v]) => k.endsWith('_outlier') && v !== null).map(([, v]) => v));
    expect(await page.locator('#agents th[data-key$="_outlier"]').count()).toBe(0);
    expect((await page.locator('#agents td[data-outlier]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-outlier')))).sort())
      .toEqual(expected.sort());
    await page.close();
  });

  it('sorts the agents table from the keyboard', async () => {
    const { page } = await open(manager, '/agents');
    const header = page.locator('#agents th[data-key="resolved"]');
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const shown = await page.locator('#agents td[data-col="resolved"] .value').allInnerTexts();
    const numbers = shown.map((t) => Number(t.replace(/,/g, '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(numbers.length).toBeGreaterThan(3);
    await page.close();
  });

  it('goes from the agents table to an agent (keyboard) and on to a ticket', async () => {
    const { page, errors } = await open(manager, '/agents');
    const first = page.locator('#agents tbody tr').first();
    const agent = await first.getAttribute('data-row');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/agents/${encodeURIComponent(agent ?? '')}`);
    await settled(page);
    const link = page.locator('#agent-tickets tbody a').first();
    const ticket = await link.innerText();
    await link.click();
    await page.waitForURL((u) => u.pathname.startsWith('/tickets/'));
    await settled(page);
    expect(await page.locator('h1').innerText()).toContain(ticket);
    expect(await page.locator('[data-panel="ticket-timeline"] table tbody tr').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the agents table as CSV with a BOM and one row per agent', async () => {
    const { page } = await open(manager, '/agents');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#agents [data-export="csv"]')]);
    expect(download.suggestedFilename()).toMatch(/^agents.*\.csv$/);
    const text = await downloadedText(download);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const agents = await api(manager, '/api/agents');
    // The header and one row per agent, then (after an empty row) the filter the file holds and its row count.
    const lines = text.trim().split(/\r?\n/);
    expect(lines.indexOf('')).toBe(agents.body.rows.length + 1);
    expect(lines.at(-1)).toBe(`Rows: ${agents.body.rows.length} (complete)`);
    await page.close();
  });
});

describe('a team lead', () => {
  it('sees only their teams and is refused another team\'s agent and ticket', async () => {
    const lead = await signedIn(browser, server, 'lead');
    const { page, errors } = await open(lead, '/');
    await page.click('[data-dimension="team"] summary');
    await expect.poll(() => page.locator('[data-dimension="team"] input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)))
      .toEqual(['returns']);
    const own = await api(lead, '/api/overview');
    const managerView = await api(manager, '/api/overview?team=returns');
    expect(own.body.rows.find((r) => r.metric === 'volume')?.value).toBe(managerView.body.rows.find((r) => r.metric === 'volume')?.value);

    const visible = new Set((await api(lead, '/api/agents')).body.rows.map((r) => r.agent));
    const stranger = String((await api(manager, '/api/agents')).body.rows.map((r) => r.agent).find((a) => !visible.has(a)));
    const { page: agentPage } = await open(lead, `/agents/${encodeURIComponent(stranger)}`);
    expect(await agentPage.locator('[data-state="error"]').first().innerText()).toContain('does not belong to your teams');
    expect((await api(lead, `/api/agents/${encodeURIComponent(stranger)}/tickets`)).status).toBe(403);
    const theirTicket = String((await api(manager, `/api/agents/${encodeURIComponent(stranger)}/tickets`)).body.rows[0]?.ticket_id);
    const { page: ticketPage } = await open(lead, `/tickets/${encodeURIComponent(theirTicket)}`);
    expect(await ticketPage.locator('[data-state="forbidden"]').innerText()).toContain('is not in your teams');
    expect(errors).toEqual([]);
    await lead.close();
  });
});
