// Issue 20 §4 on a real server over a small demo: the complaint review's terms per problem type, a
// team lead's review holding their teams' comments only, a term's drill listing exactly the tickets
// behind it (API and a clicked bar), and the panel in en and zh (screenshots in test/e2e/artifacts/complaint-review.*.png).
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

type Row = Record<string, unknown>;
interface Table { rows: Row[]; period: { from: string; to: string }; total?: number }

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

const get = async (token: string, path: string) => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.tokens[token]}` } });
  return { status: response.status, body: (await response.json()) as Table };
};
const idsOf = (rows: Row[]) => new Set(rows.flatMap((r) => (typeof r.ticket_ids === 'string' ? r.ticket_ids.split(' ') : [])));

beforeAll(async () => {
  server = await startServer({ manager: { role: 'manager' }, lead: { role: 'team_lead', teams: ['escalations'] }, planner: { role: 'planner' } },
    { days: 14, ticketsPerDay: 80 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('complaint review API', () => {
  it('gives each problem type its top terms with weekly counts that add up, for the roles that read comments', async () => {
    const { status, body } = await get('manager', '/api/problems/complaint-review');
    expect(status).toBe(200);
    const complaint = body.rows.filter((r) => r.problem_type === 'complaint');
    expect(complaint.length).toBeGreaterThan(0);
    for (const row of body.rows.filter((r) => r.term !== null)) {
      const weeks = Object.entries(row).filter(([k]) => k.startsWith('week_')).reduce((sum, [, v]) => sum + (v as number), 0);
      expect(weeks).toBe(row.tickets);
      expect((row.ticket_ids as string).split(' ')).toHaveLength(row.tickets as number);
    }
    expect((await get('planner', '/api/problems/complaint-review')).status).toBe(403);
    const csv = await fetch(`${server.url}/api/problems/complaint-review?format=csv`, { headers: { authorization: `Bearer ${server.tokens.manager}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(String(complaint[0]!.term));
  });

  it('shows a team lead the comments of their teams only', async () => {
    const lead = await get('lead', '/api/problems/complaint-review');
    expect(lead.status).toBe(200);
    expect(lead.body.rows.length).toBeGreaterThan(0);
    // Exactly what a manager sees for that team, and nothing of another team.
    expect(lead.body.rows).toEqual((await get('manager', '/api/problems/complaint-review?team=escalations')).body.rows);
    const others = idsOf((await get('manager', '/api/problems/complaint-review?team=returns&team=logistics&team=quality&team=install&team=presales')).body.rows);
    expect([...idsOf(lead.body.rows)].filter((id) => others.has(id))).toEqual([]);
    expect((await get('lead', '/api/problems/complaint-review?team=returns')).status).toBe(403);
  });

  it('drills a term to exactly the tickets behind it', async () => {
    const { body } = await get('manager', '/api/problems/complaint-review');
    const rows = body.rows.filter((r) => r.term !== null && (r.tickets as number) >= 2).slice(0, 3);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const query = new URLSearchParams({ on: 'rated', problem_type: String(row.problem_type), term: String(row.term), page_size: '500',
        from: body.period.from, to: body.period.to });
      const list = await get('manager', `/api/tickets?${query}`);
      expect(list.status).toBe(200);
      expect(list.body.rows.map((r) => r.ticket_id).sort()).toEqual((row.ticket_ids as string).split(' '));
    }
  });
});

describe('complaint review panel', () => {
  /** Resizes the page and waits until the review's first chart has been drawn at the new width. */
  const resize = async (page: Page, width: number) => {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForFunction((w) => {
      const svg = document.querySelector('#complaint-review figure svg');
      return svg !== null && svg.getBoundingClientRect().width <= w / 2 + 400 && svg.getBoundingClientRect().width < w;
    }, width);
    await settled(page);
  };

  it('draws the terms per problem type in en and zh, and a clicked term lists its tickets', async () => {
    const { body } = await get('manager', '/api/problems/complaint-review');
    const first = body.rows.find((r) => r.problem_type === 'complaint')!;
    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${server.url}/problems`);
    await page.locator('#complaint-review [data-review-group]').first().waitFor();
    await settled(page);
    const group = page.locator('#complaint-review [data-review-group]').first();
    const counts = group.locator('[data-review-counts]');
    expect(await page.locator('#complaint-review h2').innerText()).toBe('Complaint review');
    expect(await group.locator('h3').innerText()).toBe('Complaint');
    expect(await counts.innerText()).toContain(`Comments: ${first.comments} (`);
    await page.locator('#complaint-review').screenshot({ path: join(ARTIFACTS, 'complaint-review.en.1440.png') });
    await resize(page, 390);
    await page.locator('#complaint-review').screenshot({ path: join(ARTIFACTS, 'complaint-review.en.390.png') });

    await page.click('[data-lang-switch]');
    await expect.poll(() => page.locator('#complaint-review h2').innerText()).toBe('投诉复盘');
    await settled(page);
    expect(await group.locator('h3').innerText()).toBe('投诉');
    expect(await counts.innerText()).toContain(`${first.comments} 条评论`);
    await page.locator('#complaint-review').screenshot({ path: join(ARTIFACTS, 'complaint-review.zh.390.png') });
    await resize(page, 1440);
    await page.locator('#complaint-review').screenshot({ path: join(ARTIFACTS, 'complaint-review.zh.1440.png') });

    // The first bar of the first group is its top term.
    await group.locator('.mark-rect path').first().click();
    await page.waitForURL((u) => u.pathname === '/tickets');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('term')).toBe(first.term);
    expect(Number(await page.locator('#ticket-list [data-total]').getAttribute('data-total'))).toBe(first.tickets);
    expect(await page.locator('#ticket-list h2').innerText()).toContain(`评论含词语“${first.term}”`);
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
