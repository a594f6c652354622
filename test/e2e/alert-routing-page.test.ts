// "Propose routing" on the Alerts page in a real chromium (issue 20 §1): a complaint spike for one
// product fires the risk warning; an admin (en) picks a team, reads the preview, applies it and follows
// the link to the dispatch rules' history, which names the route; a manager (zh) previews another team
// in Chinese only and is told planners and admins apply. Screenshots of the dialog in both languages.
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../alerts/notify/receiver.ts';
import { ARTIFACTS, launchBrowser, signedIn, startServer, watchErrors, type E2eServer } from './support/e2e-server.ts';
import { latinWords } from './support/latin-words.ts';

let server: E2eServer;
let receiver: Receiver;
let browser: Browser;
let rulesPath: string;
let original: string;

const SPIKE = 'complaint-spike:product=laptop';

async function api(path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.tokens.admin}`, ...(init.headers ?? {}) } });
  return response.json();
}

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({ admin: { role: 'admin' }, manager: { role: 'manager' } }, { days: 10, ticketsPerDay: 40 }, { DESKPULSE_ALERT_INTERVAL_MS: '1500' });
  rulesPath = join(dirname(server.config), 'dispatch-rules.yaml');
  original = readFileSync(rulesPath, 'utf8');
  appendFileSync(server.config, `
notify:
  ops: { type: webhook, url: ${receiver.url}/ops }
alerts:
  - id: complaint-spike
    kind: anomaly
    metric: volume
    filter: { problem_type: [complaint] }
    by: [product]
    window: 2h
    notify: [ops]
`);
  const now = Date.now();
  const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ event_id: `spike-${i}`, ticket_id: `SPIKE-${i}`, type: 'created',
    occurred_at: new Date(now - (40 - i * 3) * 60_000).toISOString(), channel: 'phone', problem_type: 'complaint', product: 'laptop', team_id: 'escalations', priority: 'normal' }));
  expect((await api('/api/events', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') })).accepted).toBe(12);
  for (const until = Date.now() + 60_000; !(await api('/api/alerts')).alerts.some((a: any) => a.alert_id === SPIKE);) {
    if (Date.now() > until) throw new Error(`no ${SPIKE} alert within 60 s\n${server.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

describe('Propose routing on the Alerts page', () => {
  it('en, an admin: pick a team, read the preview, apply it; the dispatch rules history names the route', async () => {
    const context = await signedIn(browser, server, 'admin');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/alerts`);
    const card = page.locator(`article[data-alert="${SPIKE}"]`);
    await card.locator('[data-action=propose-route]').click();
    await card.locator('select[name=team]').selectOption('quality');
    await card.locator('[data-action=route-preview]').click();
    const preview = card.locator('[data-route-preview]');
    await preview.waitFor();
    const lines = await preview.locator('li').allInnerTexts();
    expect(lines[0]).toMatch(/^New queue Product quality: routed products \(quality-products\) at line \d+, ahead of Complaints & escalations \(escalations\): matches problem type .+, product Laptop\.$/);
    expect(lines.join('\n')).toContain('after: Product quality: routed products (quality-products), team Product quality (quality)');
    expect(await preview.locator('.by').innerText()).toBe('Previewed by admin (Administrator) · dispatch-rules.yaml');
    expect(readFileSync(rulesPath, 'utf8')).toBe(original);
    await card.screenshot({ path: `${ARTIFACTS}/alert-routing.en.png` });

    await card.locator('[data-action=route-apply]').click();
    const done = card.locator('[data-route-applied]');
    await done.waitFor();
    const version = Number(await done.getAttribute('data-route-applied'));
    expect(await done.innerText()).toBe(`Applied as dispatch rules version ${version}; to undo it, roll back to version ${version - 1}. Dispatch rules history →`);
    expect(readFileSync(rulesPath, 'utf8')).toContain('  - id: quality-products\n');
    await done.locator('[data-action=rules-history]').click();
    await page.waitForURL((u) => u.pathname === '/forecast' && u.hash === '#history');
    const row = page.locator(`#history tr[data-version="${version}"] [data-what]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toBe('Routing from an alert: Laptop to team Product quality, queue quality-products');
    expect(await page.locator(`#history tr[data-version="${version - 1}"] [data-what]`).innerText()).toBe('The file as found (kept so a routing change can be rolled back)');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('zh, a manager: the preview in Chinese only; planners and admins apply', async () => {
    const context = await signedIn(browser, server, 'manager');
    await context.addInitScript(() => localStorage.setItem('deskpulse.lang', 'zh'));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/alerts`);
    const card = page.locator(`article[data-alert="${SPIKE}"]`);
    await card.locator('[data-action=propose-route]').click();
    expect(await card.locator('[data-action=propose-route]').innerText()).toBe('提出分派调整');
    await card.locator('select[name=team]').selectOption('install');
    await card.locator('[data-action=route-preview]').click();
    const preview = card.locator('[data-route-preview]');
    await preview.waitFor();
    const lines = await preview.locator('li').allInnerTexts();
    expect(lines[0]).toMatch(/^新增队列 安装维修：专项产品，第 \d+ 行，排在 质量问题：专项产品 之前：匹配 问题类型 .+，产品 笔记本电脑。$/);
    expect(await card.locator('[data-route-view-only]').innerText()).toBe('您可以预览；分派规则由计划员或管理员应用。');
    expect(await card.locator('[data-action=route-apply]').count()).toBe(0);
    const words = await card.locator('[data-route-proposal]').evaluate((root) => {
      const out: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (el && !el.closest('[translate="no"]') && el.checkVisibility() && n.textContent?.trim()) out.push(n.textContent.trim());
      }
      return out;
    });
    expect(words.flatMap((w) => latinWords(w).map((l) => `${l} in "${w}"`))).toEqual([]);
    expect(errors).toEqual([]);
    await card.screenshot({ path: `${ARTIFACTS}/alert-routing.zh.png` });
    await context.close();
  }, 60_000);
});
