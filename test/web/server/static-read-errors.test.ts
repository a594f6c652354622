// A UI file listed when the server started but gone since (build/ rebuilt while serving) is
// answered 404, not an unhandled ReadStream error that ends the process. Served from a copy of the
// build, so the shared build/ is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';

let dir: string;
let w: Warehouse;
let app: FastifyInstance;
let url: string;
const assets = () => join(dir, 'build', 'client', '_app', 'immutable', 'assets');

beforeAll(async () => {
  if (!existsSync('build/handler.js')) throw new Error('no UI build in ./build: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-static-'));
  cpSync('build', join(dir, 'build'), { recursive: true });
  // The copied handler imports its packages from the project's node_modules.
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  w = await Warehouse.open(':memory:');
  app = await buildApp({ warehouse: w, open: true, uiBuild: join(dir, 'build') });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files removed while serving', () => {
  it('answers 404 for a vanished file, precompressed or not, and keeps serving', async () => {
    const css = readdirSync(assets()).filter((name) => name.endsWith('.css') && readdirSync(assets()).includes(`${name}.br`));
    expect(css.length).toBeGreaterThan(1);
    const [brGone, plainGone, kept] = [css[0]!, css[1]!, css[css.length - 1]!];
    rmSync(join(assets(), `${brGone}.br`));
    rmSync(join(assets(), plainGone));

    const asset = (name: string, encoding: string) => fetch(`${url}/_app/immutable/assets/${name}`, {
      headers: { 'accept-encoding': encoding }, signal: AbortSignal.timeout(10_000) });
    for (const [name, encoding] of [[brGone, 'br'], [plainGone, 'identity']] as const) {
      const gone = await asset(name, encoding);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toBe('not found');
    }
    const present = await asset(kept, 'identity');
    expect(present.status).toBe(200);
    expect(await present.text()).toBe(readFileSync(join(assets(), kept), 'utf8'));
    // Pages (written, not piped) still get their head.
    const page = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<html/i);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
  });
});
