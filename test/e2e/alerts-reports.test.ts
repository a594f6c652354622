// The Alerts page's scheduled reports and who acknowledged, against a real server (issue 20 §2, §5):
// two reports run once at start (missed runs), one target down; an admin sees both with each
// delivery (day, target, sent or failed, attempts, why) in English and Chinese, a team lead only the
// report written for their team, without its targets and deliveries; an alert acknowledged by a team lead reads as their token's name
// (`token create --name`) on the page, in the API and in `deskpulse alerts history`, never its id.
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../alerts/notify/receiver.ts';
import { ARTIFACTS, deskpulse, launchBrowser, serveWarehouse, servedFolder, signedIn, watchErrors, type E2eServer } from './support/e2e-server.ts';
import { testFolder } from '../support/test-folders.ts';

let server: E2eServer;
let receiver: Receiver;
let browser: Browser;
const ids: Record<string, string> = {};
const LEAD_NAME = 'Zhang Wei (returns lead)';
const ALERT = 'complaint-volume:team=returns';

async function api(path: string, token: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs / 1000} s for ${what}\n${server.stderr().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  receiver = await startReceiver();
  receiver.answer.set('/dead', { status: 500, body: 'down for maintenance' });
  const dir = testFolder('deskpulse-e2e-reports-');
  cpSync('config', join(dir, 'config'), { recursive: true });
  const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  // Reports in the config before the first start: each runs once for its latest scheduled time.
  appendFileSync(config, `
notify:
  ops:  { type: webhook, url: ${receiver.url}/ops }
  dead: { type: webhook, url: ${receiver.url}/dead }
reports:
  - id: morning
    schedule: "30 8 * * *"
    notify: [ops, dead]
  - id: returns-morning
    schedule: "0 9 * * *"
    scope: { role: team_lead, teams: [returns] }
    language: zh
    notify: [ops]
alerts:
  - id: complaint-volume
    kind: threshold
    metric: volume
    above: 3
    window: 1h
    by: [team]
    filter: { problem_type: [complaint] }
    notify: [ops]
`);
  deskpulse(['demo', '--days', '7', '--tickets-per-day', '30', '--seed', '7'], db, config);
  const tokens: Record<string, string> = {};
  for (const [name, role, teams, label] of [['admin', 'admin', [], 'Li Na (admin)'], ['lead', 'team_lead', ['returns'], LEAD_NAME]] as const) {
    const made = JSON.parse(deskpulse(['token', 'create', '--json', '--role', role, '--name', label, ...teams.flatMap((t) => ['--team', t])], db, config)) as { token: string; tokenId: string };
    [tokens[name], ids[name]] = [made.token, made.tokenId];
  }
  server = { ...(await serveWarehouse(db, ['--config', config], { DESKPULSE_ALERT_INTERVAL_MS: '1500', ...servedFolder(dir) })), config, tokens };
  await waitFor('both reports run, the dead target given up', async () => {
    const { reports } = await api('/api/alerts/reports', server.tokens.admin!);
    const morning = reports.find((r: any) => r.id === 'morning');
    const returns = reports.find((r: any) => r.id === 'returns-morning');
    return morning?.deliveries.length === 2 && returns?.deliveries.length === 1 ? true : undefined;
  });
  const now = Date.now();
  const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify({ event_id: `rv-${i}`, ticket_id: `T9300${i}`, type: 'created', team_id: 'returns',
    problem_type: 'complaint', occurred_at: new Date(now - (30 - i) * 60_000).toISOString(), channel: 'web', product: 'laptop', priority: 'normal' }));
  await api('/api/events', server.tokens.admin!, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
  await waitFor('the alert', async () => ((await api('/api/alerts', server.tokens.admin!)).alerts.some((a: any) => a.alert_id === ALERT) ? true : undefined));
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

describe('scheduled reports on the Alerts page', () => {
  it('the API lists each report\'s deliveries; a team lead sees only the report written for their team', async () => {
    const { reports } = await api('/api/alerts/reports', server.tokens.admin!);
    expect(reports.map((r: any) => r.id)).toEqual(['morning', 'returns-morning']);
    const morning = reports[0];
    expect(morning).toMatchObject({ schedule: '30 8 * * *', timezone: 'Asia/Shanghai', scope: { role: 'manager', teams: [] }, language: 'en',
      last_run: { outcome: 'failed' } });
    expect(morning.last_run.why).toContain('dead: HTTP 500: down for maintenance');
    const byTarget = Object.fromEntries(morning.deliveries.map((d: any) => [d.target, d]));
    expect(byTarget.ops).toMatchObject({ outcome: 'sent', attempts: 1, why: null });
    expect(byTarget.dead).toMatchObject({ outcome: 'failed', attempts: 3, why: 'HTTP 500: down for maintenance' });
    expect(byTarget.ops.day).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(receiver.received.filter((r) => r.path === '/ops').length).toBeGreaterThanOrEqual(2); // both digests

    expect((await api('/api/alerts/reports', server.tokens.lead!)).reports.map((r: any) => r.id)).toEqual(['returns-morning']);
  });

  it('en, the team lead: their report, not where it went; acknowledging shows their name, not the token id', async () => {
    const context = await signedIn(browser, server, 'lead');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/alerts`);
    const row = page.locator('[data-panel=reports] tr[data-report="returns-morning"]');
    await row.waitFor();
    expect(await page.locator('[data-panel=reports] tr[data-report]').count()).toBe(1);
    expect(await row.locator('.scope').innerText()).toBe('Team lead of Returns & exchanges · in Chinese');
    // Where the digest goes and went is the desk's, not a lead's: no such columns.
    expect(await page.locator('[data-panel=reports] th').allInnerTexts()).toEqual(['Report', 'Schedule', 'Written for', 'Next run']);
    expect(await row.locator('[data-delivery]').count()).toBe(0);

    const card = page.locator(`article[data-alert="${ALERT}"]`);
    await card.locator('[data-action=ack]').click();
    await page.locator(`article[data-alert="${ALERT}"][data-state=acknowledged]`).waitFor();
    expect(await card.locator('[data-acked-by]').innerText()).toBe(`(${LEAD_NAME})`);
    const by = page.locator(`[data-panel=history] tr[data-event=acknowledged][data-alert="${ALERT}"] td:nth-child(4)`);
    await by.waitFor();
    expect(await by.innerText()).toBe(LEAD_NAME);
    const [alert] = (await api('/api/alerts', server.tokens.admin!)).alerts.filter((a: any) => a.alert_id === ALERT);
    expect(alert.acknowledged_by).toBe(LEAD_NAME);
    const history = (await api(`/api/alerts/history?alert=${encodeURIComponent(ALERT)}`, server.tokens.admin!)).history;
    expect(history.find((h: any) => h.event === 'acknowledged').by_whom).toBe(LEAD_NAME);
    expect(JSON.stringify({ alert, history })).not.toContain(ids.lead);
    expect(errors).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.locator('[data-panel=reports]').screenshot({ path: `${ARTIFACTS}/alerts-reports.en.1440.png` });
    await context.close();
  }, 90_000);

  it('zh, an admin: every report, the failed delivery with its attempts and why', async () => {
    const context = await signedIn(browser, server, 'admin');
    await context.addInitScript(() => localStorage.setItem('deskpulse.lang', 'zh'));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/alerts`);
    const morning = page.locator('[data-panel=reports] tr[data-report=morning]');
    await morning.waitFor();
    expect(await page.locator('[data-panel=reports] h2').innerText()).toBe('定时报告');
    expect(await morning.locator('.scope').innerText()).toBe('经理（全部团队） · 英文');
    const dead = morning.locator('[data-delivery=dead]');
    expect(await dead.getAttribute('data-outcome')).toBe('failed');
    expect(await dead.innerText()).toMatch(/日报 · dead：3 次均失败：HTTP 500: down for maintenance$/);
    expect(await page.locator('[data-panel=reports] tr[data-report="returns-morning"] .scope').innerText()).toBe('售后退换货 组长 · 中文');
    expect(errors).toEqual([]);
    await page.locator('[data-panel=reports]').screenshot({ path: `${ARTIFACTS}/alerts-reports.zh.1440.png` });
    await context.close();
  }, 90_000);

  it('`deskpulse alerts history` names who acknowledged as the page does', async () => {
    await server.stop(); // the CLI opens the warehouse itself
    const out = deskpulse(['alerts', 'history', '--limit', '20'], server.db, server.config);
    expect(out).toContain(`acknowledged ${ALERT} by ${LEAD_NAME}:`);
    expect(out).not.toContain(ids.lead!);
  }, 60_000);
});
