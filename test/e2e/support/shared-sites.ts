// Vitest's global setup: one chromium and one `deskpulse serve` per demo for the run's browser test
// files that only read (site.ts), kept by the main process, started at the first file's request and
// stopped when the run ends (or when the run's process goes, serveWarehouse). Starting a server, a demo copy and chromium was half of each such file.
// The files talk to it over HTTP on 127.0.0.1 (their processes inherit the address): a file builds
// the warehouse (demoWarehouse, as ever), the first one to ask for a demo has it served.
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROMIUM, chromiumMissing, servedFolder, serveWarehouse, type Served } from './e2e-server.ts';

/** The environment variable holding the address of the run's shared sites. */
export const SHARED_SITES_ENV = 'DESKPULSE_TEST_SHARED_SITES';

/** What a file asks: the demo's key and the warehouse it built, with its tokens. */
export interface SiteRequest { key: string; dir: string; db: string; config: string; tokens: Record<string, string> }
/** What it is answered: the server serving the first such warehouse, and chromium's endpoint. */
export interface SharedSite { url: string; tokens: Record<string, string>; browserEndpoint: string }

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Once a run: each project of vitest.config.ts runs this setup.
  if (process.env[SHARED_SITES_ENV]) return undefined;
  const sites = new Map<string, Promise<{ served: Served; site: SharedSite }>>();
  let browser: Promise<BrowserServer> | undefined;

  // The first warehouse asked for a demo is served (its server removes its folder as it stops, even
  // when the run is interrupted: vitest then exits without this teardown); the others' are not needed.
  const serve = async (asked: SiteRequest) => {
    const already = sites.get(asked.key);
    if (already) {
      rmSync(asked.dir, { recursive: true, force: true });
      return (await already).site;
    }
    const started = (async () => {
      const missing = chromiumMissing();
      if (missing) throw new Error(missing);
      browser ??= chromium.launchServer({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      const server = await serveWarehouse(asked.db, ['--config', asked.config], servedFolder(asked.dir, true)).catch((err: unknown) => {
        rmSync(asked.dir, { recursive: true, force: true });
        throw err;
      });
      return { served: server, site: { url: server.url, tokens: asked.tokens, browserEndpoint: (await browser).wsEndpoint() } };
    })();
    sites.set(asked.key, started);
    return (await started).site;
  };

  const broker = createServer((request, response) => {
    bodyOf(request).then((body) => serve(JSON.parse(body) as SiteRequest)).then(
      (site) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(site)),
      (error: unknown) => response.writeHead(500).end(String(error instanceof Error ? error.stack : error)));
  });
  await new Promise<void>((done) => broker.listen(0, '127.0.0.1', done));
  process.env[SHARED_SITES_ENV] = `http://127.0.0.1:${(broker.address() as AddressInfo).port}`;

  return async () => {
    broker.close();
    for (const started of sites.values()) await (await started.catch(() => undefined))?.served.stop();
    await (await browser?.catch(() => undefined))?.close();
  };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}
