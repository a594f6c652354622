// The real thing for browser tests: a small demo warehouse in a temp folder, tokens made by the
// CLI, `deskpulse serve` as a child process on a free port, and Debian's headless chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_CACHE_ENV } from '../../support/demo-cache.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';
import { testFolder } from '../../support/test-folders.ts';

export const ARTIFACTS = resolve('test/e2e/artifacts');
const EXIT_WITH_PARENT = pathToFileURL(resolve('test/support/exit-with-parent.mjs')).href;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Served {
  url: string;
  db: string;
  pid: number;
  /** What the server wrote to stderr so far: its notes, and a crash's last words. */
  stderr(): string;
  /** What the server wrote to stdout so far: its request log (pino JSON lines: stdout is a pipe). */
  stdout(): string;
  stop(): Promise<void>;
}

export interface E2eServer extends Served {
  /** The server's own copy of the config (and its dispatch rules). */
  config: string;
  tokens: Record<string, string>;
}

export function deskpulse(args: string[], db: string, config?: string): string {
  assertFreshServerBuild();
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db, ...(config ? ['--config', config] : [])], {
    encoding: 'utf8', env: { ...process.env, DESKPULSE_PII_KEY: 'e2e' },
  });
  if (run.status !== 0) throw new Error(`deskpulse ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * Builds a demo warehouse (`days` of history ending yesterday), makes one token per entry of
 * `roles` (name -> role and teams) and serves it (with `env`). The UI build must exist (`npm run build`).
 */
export async function startServer(roles: Roles, demo = DEFAULT_DEMO, env: Record<string, string> = {}): Promise<E2eServer> {
  const { dir, db, config, tokens } = demoFolder(roles, demo, testFolder('deskpulse-e2e-'));
  return { ...(await serveWarehouse(db, ['--config', config], { ...env, ...servedFolder(dir) })), config, tokens };
}

/**
 * The environment that has a server remove `dir` as it exits (test/support/exit-with-parent.mjs): when
 * the process that started it went first, or always when the server `owns` it (nothing reads it after).
 */
export const servedFolder = (dir: string, owns = false): Record<string, string> =>
  ({ DESKPULSE_TEST_FOLDER: dir, ...(owns ? { DESKPULSE_TEST_FOLDER_OWNED: '1' } : {}) });

type Roles = Record<string, { role: string; teams?: string[] }>;
export const DEFAULT_DEMO = { days: 40, ticketsPerDay: 150 };

/** A demo warehouse (see startServer) and its own copy of the config in `dir`, a new temp folder, removed if this fails. */
export function demoFolder(roles: Roles, demo: typeof DEFAULT_DEMO, dir: string): { dir: string; db: string; config: string; tokens: Record<string, string> } {
  try {
    if (!existsSync('build/handler.js')) throw new Error('no UI build in ./build: run `npm run build` first (npm test does)');
    // A copy of the config: applying staffing rewrites the dispatch rules, never the repository's.
    cpSync('config', join(dir, 'config'), { recursive: true });
    const [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
    const tokens = demoWarehouse(db, config, ['--days', String(demo.days), '--tickets-per-day', String(demo.ticketsPerDay), '--seed', '7'], roles);
    return { dir, db, config, tokens };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Writes the demo warehouse of `demoArgs` (the options of `deskpulse demo`) with a token per entry of
 * `roles` to `db`, and answers the tokens. Within a test run (test/support/demo-cache.ts) each demo is
 * built once (building took 3-10 s a file), and each set of roles' tokens made once on a copy of it;
 * test files copy the result. The keys are everything the files depend on: the options, the roles,
 * the config's files, the build, and the quarter hour (the demo ends yesterday, and every time
 * zone's day begins on a quarter hour).
 */
export function demoWarehouse(db: string, config: string, demoArgs: string[], roles: Roles = {}): Record<string, string> {
  const cache = process.env[DEMO_CACHE_ENV];
  const direct = () => {
    deskpulse(['demo', ...demoArgs], db, config);
    return makeTokens(db, config, roles);
  };
  if (!cache || !existsSync(cache)) return direct();
  const quarterHour = () => Math.floor(Date.now() / 900_000);
  const began = quarterHour();
  const keyOf = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
  const demoKey = keyOf([demoArgs, began, digestOf(dirname(config)), digestOf('dist')]);
  const demo = kept(cache, demoKey, (into) => {
    deskpulse(['demo', ...demoArgs], join(into, KEPT_DB), config);
    return {};
  });
  // Sorted, so the same roles written in another order are the same tokens.
  const sortedRoles = Object.entries(roles).sort(([a], [b]) => a.localeCompare(b));
  const withTokens = kept(cache, keyOf([demoKey, sortedRoles]), (into) => {
    copyWarehouse(demo, join(into, KEPT_DB));
    return makeTokens(join(into, KEPT_DB), config, roles);
  });
  if (quarterHour() !== began) return direct();
  copyWarehouse(withTokens, db);
  return JSON.parse(readFileSync(join(withTokens, 'tokens.json'), 'utf8')) as Record<string, string>;
}

const KEPT_DB = 'demo.duckdb';

function makeTokens(db: string, config: string, roles: Roles): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const [name, { role, teams = [] }] of Object.entries(roles)) {
    const made = JSON.parse(deskpulse(['token', 'create', '--json', '--role', role, '--name', name,
      ...teams.flatMap((t) => ['--team', t])], db, config)) as { token: string };
    tokens[name] = made.token;
  }
  return tokens;
}

/** Copies the warehouse kept in the folder `from` (its file and WAL) to `db`. */
function copyWarehouse(from: string, db: string): void {
  for (const file of readdirSync(from)) {
    if (file.startsWith(KEPT_DB)) cpSync(join(from, file), join(dirname(db), file.replace(KEPT_DB, basename(db))));
  }
}

/**
 * The folder `key` in the run's cache, made by `make` (which writes its warehouse into the folder it is
 * given, and answers the tokens for tokens.json) unless there already.
 */
function kept(cache: string, key: string, make: (into: string) => Record<string, string>): string {
  const folder = join(cache, key);
  const lock = `${folder}.building`;
  // Another test file building the same one: wait for it (up to 3 minutes) rather than build it twice.
  for (const until = Date.now() + 180_000; !existsSync(join(folder, 'tokens.json')) && existsSync(lock) && Date.now() < until;) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  if (existsSync(join(folder, 'tokens.json'))) return folder;
  // Built aside and renamed into place, so a file never copies a half-built one.
  try { mkdirSync(lock); } catch { /* another builder's lock, outwaited: build one too */ }
  const aside = mkdtempSync(join(cache, `${key}-`));
  try {
    writeFileSync(join(aside, 'tokens.json'), JSON.stringify(make(aside)));
    try { renameSync(aside, folder); } catch { /* another builder's is in place */ }
  } finally {
    rmSync(aside, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
  return folder;
}

/** A digest of the files under `dir` (their paths below it and contents): what a kept warehouse was built from. */
function digestOf(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(relative(dir, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * `deskpulse serve` on `db` (plus `args`, e.g. --open, and `env`) on a free port, answered once healthy.
 * It stops when this process goes, whatever ends it (EXIT_WITH_PARENT).
 */
export async function serveWarehouse(db: string, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  assertFreshServerBuild();
  const port = await freePort();
  const child: ChildProcess = spawn('node', ['--import', EXIT_WITH_PARENT, 'bin/deskpulse.js', 'serve', '--port', String(port), '--db', db, ...args], {
    env: { ...process.env, DESKPULSE_PII_KEY: 'e2e', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  // The request log's last 4 MB: benches send many thousand requests.
  child.stdout?.on('data', (chunk: Buffer) => { stdout = (stdout + chunk.toString()).slice(-4_000_000); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`deskpulse serve exited (${child.exitCode}):\n${stderr}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 600) throw new Error(`deskpulse serve did not answer on ${url} within 60 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, db, pid: child.pid ?? 0,
    stderr: () => stderr,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Why chromium cannot start, if it cannot. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`;
}

export async function launchBrowser(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A signed-in browser context: the token goes through the real sign-in page. */
export async function signedIn(browser: Browser, server: Pick<E2eServer, 'url' | 'tokens'>, tokenName: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('#token', server.tokens[tokenName] ?? '');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/');
  await page.close();
  return context;
}

/** Collects console errors and uncaught exceptions of a page, to assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Waits until no panel is loading and every chart has drawn (see Chart.svelte's data-drawn). What
 * waits to be scrolled into view (charts below the fold: data-drawn="later"; panels: data-later,
 * in-view.svelte.ts) is scrolled into view one by one, as a reader would, and the page scrolled back.
 */
export async function settled(page: Page): Promise<void> {
  const quiet = () => page.waitForFunction(() => document.querySelector('main [aria-busy="true"]') === null
    && document.querySelector('main figure[data-drawn="false"]') === null
    && document.querySelector('main section.panel') !== null, undefined, { timeout: 30_000 });
  await quiet();
  const top = await page.evaluate(() => window.scrollY);
  let scrolled = false;
  // Each element once (one that cannot come into view, e.g. in a closed <details>, is left waiting).
  for (let round = 0; round < 200; round++) {
    const found = await page.evaluate(() => {
      const w = window as unknown as { __scrolledTo?: WeakSet<Element> };
      const tried = (w.__scrolledTo ??= new WeakSet());
      const next = Array.from(document.querySelectorAll('main figure[data-drawn="later"], main [data-later]')).find((e) => !tried.has(e));
      if (!next) return false;
      tried.add(next);
      next.scrollIntoView({ block: 'center' });
      return true;
    });
    if (!found) break;
    scrolled = true;
    // Two frames (a page not rendered gets none: at most a second then).
    await page.evaluate(() => new Promise((done) => { requestAnimationFrame(() => requestAnimationFrame(done)); setTimeout(done, 1000); }));
    await quiet();
  }
  if (scrolled) await page.evaluate((y) => window.scrollTo(0, y), top);
}

/** How long Chromium gets to print a page: a few seconds are usual, a loaded machine takes longer. */
const PRINT_DEADLINE_MS = 60_000;

class NoAnswer extends Error {}

/**
 * page.pdf() (Ctrl+P's paper), within a deadline: Chromium's print now and then never answers (known
 * of Page.printToPDF; once in CI, a page that prints in 4 s held its test for 180 s). A print that
 * does not answer is tried once more on the page reloaded and settled; a second silence fails, said.
 */
export async function printPdf(page: Page, options: Parameters<Page['pdf']>[0]): Promise<Buffer> {
  const within = <T>(what: string, step: Promise<T>) => Promise.race([step, new Promise<never>((_, fail) => {
    setTimeout(() => fail(new NoAnswer(`${what}: no answer in ${PRINT_DEADLINE_MS / 1000} s (${page.url()})`)), PRINT_DEADLINE_MS).unref();
  })]);
  try {
    return await within('page.pdf()', page.pdf(options));
  } catch (err) {
    if (!(err instanceof NoAnswer)) throw err;
    console.warn(`${err.message}: reloading the page and printing once more`);
    await within('page.reload()', page.reload().then(() => settled(page)));
    return within('page.pdf() again, the page reloaded', page.pdf(options));
  }
}
