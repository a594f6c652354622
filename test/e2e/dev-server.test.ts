// `npm run dev` is one command: Vite serves the dashboards with hot reload and starts the API
// server beside it (the same demo-or-open rules as `npm start`), proxying /api to it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskpulse, freePort } from './support/e2e-server.ts';

describe('npm run dev', () => {
  it('serves the dashboards and proxies /api to the server it started', async () => {
    const [vitePort, apiPort] = [await freePort(), await freePort()];
    const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-dev-')), 'dev.duckdb');
    deskpulse(['demo', '--days', '7', '--tickets-per-day', '100'], db);
    const dev = spawn('npx', ['vite', 'dev', '--port', String(vitePort), '--strictPort'], {
      env: { ...process.env, PORT: String(apiPort), DESKPULSE_DB: db, DESKPULSE_PII_KEY: 'dev' }, stdio: 'ignore', detached: true,
    });
    try {
      let health: { events?: number } | null = null;
      for (let i = 0; i < 900 && !health; i++) {
        await new Promise((r) => setTimeout(r, 200));
        health = await fetch(`http://127.0.0.1:${vitePort}/api/health`).then((r) => (r.ok ? r.json() : null), () => null);
      }
      expect(health?.events).toBeGreaterThan(1000);
      const html = await (await fetch(`http://127.0.0.1:${vitePort}/`)).text();
      expect(html).toContain('__sveltekit_dev');
    } finally {
      // The whole group: npx, vite and the API server it started.
      process.kill(-(dev.pid ?? 0), 'SIGTERM');
    }
  }, 240_000);
});
