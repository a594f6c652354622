// The step on-time rate on the Overview (issue 20 §1 `step`) in a real browser against a real server:
// a demo warehouse whose config declares step limits shows the tile with the rate /api/step-on-time
// answers, the rate per status under it, in English and Chinese.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, launchBrowser, serveWarehouse, servedFolder, signedIn, watchErrors, type E2eServer } from './support/e2e-server.ts';
import { testFolder } from '../support/test-folders.ts';

const RANGE = 'from=2026-11-01&to=2026-11-10&tz=Asia/Shanghai';
let server: E2eServer;
let browser: Browser;
let manager: BrowserContext;

beforeAll(async () => {
  const dir = testFolder('deskpulse-e2e-step-');
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  // This test's own limits in place of the shipped ones.
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^step_limits:\n(?:  .*\n)+/m, '')
    + '\nstep_limits:\n  - { status: pending, limit: 24h, clock: calendar }\n  - { status: on_hold, limit: 8h }\n');
  deskpulse(['demo', '--days', '10', '--tickets-per-day', '40', '--seed', '7', '--end', '2026-11-10'], db, config);
  const made = JSON.parse(deskpulse(['token', 'create', '--json', '--role', 'manager', '--name', 'manager'], db, config)) as { token: string };
  server = { ...(await serveWarehouse(db, ['--config', config], servedFolder(dir))), config, tokens: { manager: made.token } };
  browser = await launchBrowser();
  manager = await signedIn(browser, server, 'manager');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Overview step on-time tile', () => {
  it('shows the rate the API answers and each status\'s, in English and Chinese', async () => {
    const response = await manager.request.get(`${server.url}/api/step-on-time?${RANGE}`);
    expect(response.status()).toBe(200);
    const table = (await response.json()) as { rows: { status: string; visits: number; on_time: number; step_on_time: number | null }[] };
    const all = table.rows.find((r) => r.status === 'all')!;
    expect(all.visits).toBeGreaterThan(0);
    expect(table.rows.map((r) => r.status)).toEqual(['pending', 'on_hold', 'all']);

    const page = await manager.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/?${RANGE}`);
    // the tile is among the key figures at the top: nothing below the fold is waited for (a loaded CI
    // machine once spent the test's 90 s drawing every chart of the page)
    const tile = page.locator('[data-kpi="step_on_time"]');
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.getAttribute('data-unavailable')).toBeNull();
    expect(await tile.locator('[data-value]').textContent()).toBe(`${(all.step_on_time! * 100).toFixed(1)}%`);
    const pending = table.rows[0]!;
    // the names come with the catalog and labels, which may land after the tile's own answer
    await expect.poll(() => tile.locator('[data-note]').allTextContents(), { timeout: 30_000 })
      .toContain(`Pending (waiting on the customer): ${(pending.step_on_time! * 100).toFixed(1)}% (${pending.on_time} of ${pending.visits} within the limit)`);
    await expect.poll(() => tile.textContent(), { timeout: 30_000 }).toContain('Steps on time');

    await page.click('[data-lang-switch]');
    await expect.poll(() => tile.textContent()).toContain('环节按时率');
    expect((await tile.locator('[data-note]').allTextContents()).join('\n')).toContain(`${pending.visits} 次中 ${pending.on_time} 次在时限内`);
    expect(errors).toEqual([]);
  }, 90_000);
});
