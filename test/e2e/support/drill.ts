// What the drill tests (drill-breakdown.test.ts, drill-every-chart.test.ts) ask of the API and read
// off the pages: the API as the signed-in manager, and a page's drill links and ticket list.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { settled, watchErrors, type E2eServer } from './e2e-server.ts';

type Row = Record<string, unknown>;
export type Table = { rows: Row[]; total?: number; period: { from: string; to: string } };

/** The API and pages of `server` as `context` sees them. */
export function siteOf(server: Pick<E2eServer, 'url'>, context: BrowserContext) {
  const api = async (path: string): Promise<Table> => {
    const response = await context.request.get(`${server.url}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as Table;
  };
  return {
    api,
    /** The /api/tickets answer for a /tickets page URL (its query as the page sends it, one page of 500). */
    listOf: (href: string) => api(`/api/tickets?${new URL(href, server.url).searchParams}&page_size=500`),
    async open(path: string, width = 1440): Promise<{ page: Page; errors: string[] }> {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 1000 });
      const errors = watchErrors(page);
      await page.goto(`${server.url}${path}`);
      await settled(page);
      return { page, errors };
    },
  };
}

/** The breakdown panel is asked for after the KPIs and trends: wait for its last chart. */
export async function toBreakdown(page: Page): Promise<void> {
  await page.locator('#breakdown [data-breakdown="csat"] figure[data-drawn="true"]').waitFor({ timeout: 30_000 });
  await settled(page);
}

/** The ticket list's total, once the drill has landed on /tickets. */
export async function listed(page: Page): Promise<number> {
  await page.waitForURL((u) => u.pathname === '/tickets');
  await settled(page);
  return Number(await page.locator('#ticket-list [data-total]').getAttribute('data-total'));
}

/** The drill links listed under a chart (the same URLs its marks open), as [label, href]. */
export const drillLinks = async (page: Page, chart: string): Promise<[string, string][]> => page.locator(`${chart} [data-drill-links] a`)
  .evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]));

/** The text of a column of the ticket list, by its header. */
export const column = (page: Page, header: string) => page.locator('#ticket-list table').evaluate((table, name) => {
  const at = Array.from(table.querySelectorAll('thead th')).findIndex((th) => (th.textContent ?? '').trim().startsWith(name));
  return Array.from(table.querySelectorAll('tbody tr')).map((tr) => (tr.children[at]?.textContent ?? '').trim());
}, header);
