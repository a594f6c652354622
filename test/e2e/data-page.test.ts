// Issue 18 item 18 on a real server over a small demo, in headless chromium: the Data page names
// sources by name ("HTTP upload by <token>"), marks a mostly quarantined run, draws the quarantine
// rate, lists the top reasons and shows customer ids hashed, in en and zh. Screenshots in
// test/e2e/artifacts/data-page.*.png.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zh } from '../../web/ui/lib/i18n/zh.ts';
import { ARTIFACTS, launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';

let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;
const PHONE = '13912345678';

beforeAll(async () => {
  // The roles of views-and-data.test.ts: the same demo warehouse, built once a run.
  server = await startServer({ manager: { role: 'manager' }, lead: { role: 'team_lead', teams: ['returns'] }, 'nightly-feed': { role: 'ingest' } },
    { days: 10, ticketsPerDay: 40 });
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
  // A batch over HTTP that is mostly refused: two times that are not times (one with a customer's phone), one good event.
  const rows = [
    { event_id: 'bad-1', ticket_id: 'X1', type: 'created', occurred_at: 'soon', customer_id: PHONE, channel: 'web', problem_type: 'logistics' },
    { event_id: 'bad-2', ticket_id: 'X2', type: 'created', occurred_at: 'later', channel: 'web', problem_type: 'logistics' },
    { event_id: 'good-1', ticket_id: 'X3', type: 'created', occurred_at: new Date().toISOString(), channel: 'web', problem_type: 'logistics' },
  ];
  const posted = await fetch(`${server.url}/api/events`, { method: 'POST',
    headers: { authorization: `Bearer ${server.tokens['nightly-feed']}`, 'content-type': 'application/x-ndjson' }, body: rows.map((r) => JSON.stringify(r)).join('\n') });
  expect(posted.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await settled(page);
  return { page, errors };
}

describe('18. the Data page', () => {
  it('names the HTTP batch by its token, marks it mostly quarantined, draws the rate, lists the reasons and hashes the phone, in en and zh', async () => {
    const { page, errors } = await open(manager, '/data');
    const run = page.locator('[data-panel="runs"] tbody tr').first();
    await expect.poll(() => run.innerText()).toContain('HTTP upload by nightly-feed');
    expect(await run.innerText()).not.toContain('127.0.0.1');
    // the mostly quarantined mark: 2 of 3 rows refused
    const runs = (await (await manager.request.get(`${server.url}/api/ingest-runs`)).json()) as { rows: Record<string, unknown>[] };
    expect(runs.rows[0]).toMatchObject({ uploaded_by: 'nightly-feed', rows_read: 3, quarantined: 2, mostly_quarantined: true });
    // times as the date-time formatter shows them (wall time of the viewer's zone), not ISO with milliseconds
    expect(await run.locator('td[data-col="started_at"]').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.locator('[data-panel="quarantine-rate"] figure').count()).toBe(1);
    const reasons = page.locator('[data-panel="quarantine-reasons"] tbody tr').first();
    expect(await reasons.innerText()).toContain('occurred_at "…" is not an ISO 8601 timestamp');
    const quarantine = await page.locator('[data-panel="quarantine"]').innerText();
    expect(quarantine).not.toContain(PHONE);
    expect(quarantine).toContain(`p_${createHash('sha256').update(`e2e:${PHONE}`).digest('hex').slice(0, 32)}`);
    await page.screenshot({ path: join(ARTIFACTS, 'data-page.en.png'), fullPage: true });

    await page.click('[data-lang-switch]');
    await expect.poll(() => run.innerText()).toContain('HTTP 上传（令牌 nightly-feed）');
    expect(await page.locator('[data-panel="quarantine-reasons"] h2').innerText()).toBe(zh['data.reasons']);
    expect(await page.locator('[data-panel="quarantine-rate"] h2').innerText()).toBe(zh['data.rate']);
    expect(await page.locator('[data-panel="quarantine"] tbody tr').first().innerText()).toContain(zh['data.requestBody']);
    await page.screenshot({ path: join(ARTIFACTS, 'data-page.zh.png'), fullPage: true });
    await page.click('[data-lang-switch]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
