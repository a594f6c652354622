// The set-up of a browser test file that only reads: the run's server for its demo and the run's
// chromium (shared-sites.ts), each file with contexts of its own (signedIn). What a file wrote there
// the others would see: files that write (alerts, views, data, staffing) start their own (startServer).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Download } from 'playwright-core';
import { ARTIFACTS, DEFAULT_DEMO, demoFolder, type E2eServer } from './e2e-server.ts';
import { SHARED_SITES_ENV, type SharedSite, type SiteRequest } from './shared-sites.ts';

/** The tokens of every shared site, by name. */
const ROLES = { manager: { role: 'manager' }, planner: { role: 'planner' }, lead: { role: 'team_lead', teams: ['returns'] } };

/** The shared server, and chromium connected to: closing it closes this file's contexts and lets go of it. */
export interface Site { server: Pick<E2eServer, 'url' | 'tokens'>; browser: Browser }

/** The run's read-only server for `demo` (the options of startServer) and its chromium. */
export async function readOnlySite(demo = DEFAULT_DEMO): Promise<Site> {
  const broker = process.env[SHARED_SITES_ENV];
  if (!broker) throw new Error('no shared sites: run browser tests through vitest (the globalSetup of vitest.config.ts)');
  // Keyed by the quarter hour as demoWarehouse is: the demo ends yesterday in every time zone.
  const key = JSON.stringify([demo, Math.floor(Date.now() / 900_000)]);
  // The run's folder, not this file's: the run's server may serve it after this file ends (shared-sites.ts removes it).
  const asked: SiteRequest = { key, ...demoFolder(ROLES, demo, mkdtempSync(join(tmpdir(), 'deskpulse-e2e-'))) };
  const response = await fetch(broker, { method: 'POST', body: JSON.stringify(asked) });
  if (!response.ok) throw new Error(`the shared site of ${JSON.stringify(demo)} did not start:\n${await response.text()}`);
  const site = (await response.json()) as SharedSite;
  mkdirSync(ARTIFACTS, { recursive: true });
  return { server: { url: site.url, tokens: site.tokens }, browser: await chromium.connect(site.browserEndpoint) };
}

/** A finished download's text: saved aside, as a connected chromium's downloads have no path here. */
export async function downloadedText(download: Download): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-download-')), download.suggestedFilename());
  await download.saveAs(file);
  return readFileSync(file, 'utf8');
}
