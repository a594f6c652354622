// Issue 15, defect 8 on a real server: security headers on the UI and the API (and pages that run
// under them without a CSP violation), server-side sessions that sign-out ends, anonymous health
// without server paths, owner-only warehouse files, and 429 after repeated failed authentication.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, settled, signedIn, startServer, watchErrors, type E2eServer } from '../../../e2e/support/e2e-server.ts';

let server: E2eServer;
let browser: Browser;
/** The server's own TMPDIR: other test files make and delete `deskpulse-http-*` folders in the shared one. */
let serverTmp: string;

const bearer = (who: string) => ({ authorization: `Bearer ${server.tokens[who]}` });

/** GET `path` sent from the loopback address `from` (127.0.0.x), as another client on the network would. */
function getFrom(from: string, path: string, authorization: string): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((done, fail) => {
    request(`${server.url}${path}`, { localAddress: from, headers: { authorization } }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
    }).on('error', fail).end();
  });
}

beforeAll(async () => {
  serverTmp = mkdtempSync(join(tmpdir(), 'deskpulse-tmpdir-'));
  server = await startServer({ admin: { role: 'admin' }, manager: { role: 'manager' }, planner: { role: 'planner' } },
    { days: 10, ticketsPerDay: 40 }, { TMPDIR: serverTmp });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (serverTmp) rmSync(serverTmp, { recursive: true, force: true });
});

describe('security headers', () => {
  it('are on the dashboards, the API, the docs and refusals', async () => {
    for (const [path, headers] of [['/', {}], ['/api/overview', bearer('manager')], ['/api/docs', {}], ['/api/me', {}]] as const) {
      const res = await fetch(`${server.url}${path}`, { headers });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(csp, path).not.toMatch(/unsafe-eval/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
    // The page's boot script runs by its nonce, not by 'unsafe-inline'.
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('let the dashboards, their charts and the API docs run without a CSP violation or console error', async () => {
    const context = await signedIn(browser, server, 'manager');
    try {
      for (const path of ['/', '/forecast', '/api/docs']) {
        const page = await context.newPage();
        const errors = watchErrors(page);
        const violations: string[] = [];
        await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
        await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
          (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
        await page.goto(`${server.url}${path}`);
        if (path === '/api/docs') await page.waitForSelector('.swagger-ui .opblock', { timeout: 30_000 });
        else {
          await settled(page);
          await page.waitForSelector('main figure[data-drawn="true"]', { timeout: 30_000 });
        }
        expect(violations, path).toEqual([]);
        expect(errors, path).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it('offer planners no per-agent page they would be refused', async () => {
    const context = await signedIn(browser, { ...server, tokens: server.tokens }, 'planner');
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('nav[aria-label="main"] a');
      const links = await page.locator('nav[aria-label="main"] a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(links).toContain('/problems');
      expect(links).not.toContain('/agents');
    } finally {
      await context.close();
    }
  });
});

describe('sessions', () => {
  it('hold a session id, not the token, and sign-out ends them on the server: the old cookie answers 401', async () => {
    const signIn = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.tokens.manager }) });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^deskpulse_session=ds_/);
    // The token's secret is everything after its id; base64url, so it may itself hold '_'.
    const secret = server.tokens.manager!.split('_').slice(2).join('_');
    expect(secret.length).toBeGreaterThan(20);
    expect(setCookie).not.toContain(secret);
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    const reused = await fetch(`${server.url}/api/overview`, { headers: { cookie } });
    expect(reused.status).toBe(401);
  });
});

describe('health', () => {
  it('shows no server path without a token, and the warehouse file to an admin', async () => {
    const anonymous = await (await fetch(`${server.url}/api/health`)).text();
    expect(JSON.parse(anonymous)).toMatchObject({ status: 'ok', schemaVersion: expect.any(Number), events: expect.any(Number) });
    expect(anonymous).not.toContain(server.db);
    expect(anonymous).not.toMatch(/"db"|"source"|\/tmp\//);
    const manager = await (await fetch(`${server.url}/api/health`, { headers: bearer('manager') })).text();
    expect(manager).not.toContain(server.db);
    const admin = await (await fetch(`${server.url}/api/health`, { headers: bearer('admin') })).json() as { db: string };
    expect(admin.db).toBe(server.db);
  });
});

describe('warehouse files', () => {
  it('are readable by their owner only: the warehouse, its WAL and the server note', () => {
    const files = [server.db, `${server.db}.server.json`, `${server.db}.wal`].filter((f) => existsSync(f));
    expect(files).toContain(`${server.db}.server.json`);
    for (const file of files) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
  });

  it('ingest uploads are spooled in a folder only the server\'s user can enter (0700), whatever its umask', async () => {
    const before = new Set(readdirSync(serverTmp).filter((d) => d.startsWith('deskpulse-http-')));
    const upload = new AbortController();
    let sendRest!: () => void;
    const body = new ReadableStream<Uint8Array>({
      async start(stream) {
        stream.enqueue(new TextEncoder().encode('event_id,ticket_id,type,occurred_at\n'));
        await new Promise<void>((go) => { sendRest = go; });
        stream.close();
      },
    });
    const posting = fetch(`${server.url}/api/events`, { method: 'POST', body, duplex: 'half', signal: upload.signal,
      headers: { ...bearer('admin'), 'content-type': 'text/csv' } } as RequestInit).catch(() => undefined);
    let spool: string | undefined;
    for (let i = 0; i < 200 && !spool; i++) {
      spool = readdirSync(serverTmp).find((d) => d.startsWith('deskpulse-http-') && !before.has(d));
      if (!spool) await new Promise((r) => setTimeout(r, 25));
    }
    expect(spool).toBeDefined();
    expect((statSync(join(serverTmp, spool!)).mode & 0o777).toString(8)).toBe('700');
    upload.abort(); // nothing is ingested: the batch never ends
    sendRest();
    await posting;
  });
});

describe('failed authentication', () => {
  it('answers 429 with Retry-After after 10 guesses a minute from one address, checking no credential from it meanwhile; other addresses still work', async () => {
    const bad = `Bearer dp_000000000000_${'a'.repeat(43)}`;
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await getFrom('127.0.0.2', '/api/overview', bad));
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(401), 429]);
    expect(Number(answers[10]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(answers[10]!.retryAfter)).toBeLessThanOrEqual(60);
    // While limited, not even a right token is checked: a guesser learns nothing until the window ends.
    expect((await getFrom('127.0.0.2', '/api/overview', `Bearer ${server.tokens.manager}`)).status).toBe(429);
    expect((await getFrom('127.0.0.3', '/api/overview', bad)).status).toBe(401);
    expect((await getFrom('127.0.0.3', '/api/overview', `Bearer ${server.tokens.manager}`)).status).toBe(200);
  });

  it('does not count ended sessions as guesses: their 401 clears the cookie, and 11 of them are no 429', async () => {
    const signIn = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.tokens.manager }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${server.url}/api/overview`, { headers: { cookie } });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toMatch(/deskpulse_session=;.*Max-Age=0/);
    }
  });
});
