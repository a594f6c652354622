// Dashboard benchmark: `npm run bench -- web [--db FILE] [--runs 10] [--range 28]`.
// Serves a copy of a demo warehouse (default: the 10M-event one the ingest bench leaves in
// /tmp/bench/w10m.duckdb; build it with `deskpulse demo --days 400 --tickets-per-day 2650 --db ...`)
// in open mode, opens the Overview in headless chromium once cold, then `runs` times warm, and
// times navigation start -> every panel loaded and every chart drawn. Then the same for the Forecast
// & staffing page (`--forecast-db`, default the same warehouse; e.g. the default `deskpulse demo`):
// every queue's chart drawn and the staffing rows shown, the first time (forecasts fitted) and warm
// (forecasts reused), the part after the last API answer came in (the page's own drawing), when
// each API request was sent and how long it took (warm medians), and the longest the page's main
// thread was blocked. Also the JavaScript the
// Overview page ships (raw and gzip KB). Needs `npm run build`. Prints JSON.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, serveWarehouse, settled, watchErrors } from '../e2e/support/e2e-server.ts';
import { quantile } from './support/measure.ts';

const { values } = parseArgs({ options: {
  db: { type: 'string', default: '/tmp/bench/w10m.duckdb' }, runs: { type: 'string', default: '10' },
  'forecast-db': { type: 'string' }, 'forecast-runs': { type: 'string', default: '5' },
} });
if (!existsSync(values.db)) throw new Error(`no warehouse at ${values.db}; pass --db or build the 10M demo (see the header of this file)`);
if (!existsSync('build/handler.js')) throw new Error('no UI build in ./build: run `npm run build` first');

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-web-bench-'));
const db = join(dir, 'bench.duckdb');
copyFileSync(values.db, db);
const server = await serveWarehouse(db, ['--open']);
const browser = await launchBrowser();

/** Milliseconds from navigation start until the Overview is fully drawn, in a fresh page. */
async function drawOverview(page: Page): Promise<number> {
  const started = performance.now();
  await page.goto(server.url + '/');
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll('main figure[data-drawn="true"]').length >= 6);
  return performance.now() - started;
}

try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const first = await context.newPage();
  const errors = watchErrors(first);
  const scripts = new Map<string, Buffer>();
  first.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
  });
  const coldMs = await drawOverview(first);
  await first.waitForLoadState('networkidle');
  const charts = await first.locator('main figure[data-drawn="true"]').count();
  await first.close();

  const warm: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const page = await context.newPage();
    warm.push(await drawOverview(page));
    await page.close();
  }
  warm.sort((a, b) => a - b);
  const raw = [...scripts.values()].reduce((sum, body) => sum + body.length, 0);
  const gzip = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
  const forecast = await benchForecastPage(values['forecast-db'] ?? values.db, Number(values['forecast-runs']));
  const health = await (await fetch(`${server.url}/api/health`)).json();
  console.log(JSON.stringify({
    bench: 'web', warehouse: values.db, health, page: 'overview (last 28 days)', charts,
    cold_drawn_ms: Math.round(coldMs),
    warm_drawn_ms: { runs: warm.length, p50: Math.round(quantile(warm, 0.5)), p95: Math.round(quantile(warm, 0.95)), max: Math.round(warm.at(-1) ?? NaN) },
    javascript: { files: scripts.size, raw_kb: Math.round(raw / 1024), gzip_kb: Math.round(gzip / 1024) },
    forecast_page: forecast,
    console_errors: errors,
  }, null, 2));
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The Forecast & staffing page on its own server (a copy of `source`): navigation start -> every
 * queue's forecast chart drawn and the staffing rows shown; the longest main-thread task says
 * whether the page froze while drawing.
 */
async function benchForecastPage(source: string, runs: number) {
  const copy = join(dir, 'forecast.duckdb');
  copyFileSync(source, copy);
  const served = await serveWarehouse(copy, ['--open']);
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const draw = async () => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      // Long tasks from the start of the page: the freeze a person feels.
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration); })
          .observe({ type: 'longtask', buffered: true });
      });
      // When the slowest answer the page waits for came in: the rest is the page's own drawing.
      let answered = 0;
      // Every API request: when it left (from navigation start) and how long its answer took.
      const requests: { path: string; startMs: number; tookMs: number }[] = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (!path.startsWith('/api/')) return;
        const sent = performance.now();
        r.response().then((res) => res?.finished()).then(
          () => requests.push({ path, startMs: sent - started, tookMs: performance.now() - sent }), () => undefined);
      });
      page.on('response', (r) => {
        if (['/api/forecast', '/api/staffing', '/api/forecast/accuracy'].includes(new URL(r.url()).pathname)) {
          r.finished().then(() => { answered = Math.max(answered, performance.now()); }, () => undefined);
        }
      });
      const started = performance.now();
      await page.goto(`${served.url}/forecast`);
      // Not settled(): its 30 s may not cover fitting every queue's models on a busy machine.
      await page.waitForFunction(() => {
        if (document.querySelector('main [aria-busy="true"]') !== null || document.querySelector('main figure[data-drawn="false"]') !== null) return false;
        const queues = document.querySelectorAll('#forecast-chart article.queue').length;
        return queues > 0 && document.querySelectorAll('#forecast-chart figure[data-drawn="true"]').length === queues
          && document.querySelector('#staffing tbody tr') !== null;
      }, undefined, { timeout: 300_000 });
      const done = performance.now();
      const ms = done - started;
      const drawMs = done - answered;
      const charts = await page.locator('main figure[data-drawn="true"]').count();
      const rows = await page.locator('#staffing tbody tr').count();
      const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      await page.close();
      return { ms, drawMs, charts, rows, longestTaskMs, errors, requests };
    };
    const cold = await draw();
    const warm: number[] = [];
    const drawing: number[] = [cold.drawMs];
    let longest = cold.longestTaskMs;
    const warmRequests: { path: string; startMs: number; tookMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await draw();
      warmRequests.push(...r.requests);
      warm.push(r.ms);
      drawing.push(r.drawMs);
      longest = Math.max(longest, r.longestTaskMs);
    }
    warm.sort((a, b) => a - b);
    drawing.sort((a, b) => a - b);
    await context.close();
    return {
      warehouse: source, page: 'forecast (default: every queue, 14 days, 60 min)', charts: cold.charts, staffing_rows_drawn: cold.rows,
      cold_drawn_ms: Math.round(cold.ms),
      warm_drawn_ms: { runs: warm.length, p50: Math.round(quantile(warm, 0.5)), p95: Math.round(quantile(warm, 0.95)), max: Math.round(warm.at(-1) ?? NaN) },
      drawn_after_last_answer_ms: { p50: Math.round(quantile(drawing, 0.5)), max: Math.round(drawing.at(-1) ?? NaN) },
      longest_main_thread_task_ms: Math.round(longest), warm_requests_p50_ms: requestTimes(warmRequests), console_errors: cold.errors,
    };
  } finally {
    await served.stop();
  }
}

/** Per API path: the median time it was sent (from navigation start) and the median time its answer took. */
function requestTimes(requests: readonly { path: string; startMs: number; tookMs: number }[]) {
  const paths = [...new Set(requests.map((r) => r.path))].sort();
  const median = (xs: number[]) => Math.round(quantile(xs.sort((a, b) => a - b), 0.5));
  return Object.fromEntries(paths.map((path) => {
    const of = requests.filter((r) => r.path === path);
    return [path, { sent: median(of.map((r) => r.startMs)), took: median(of.map((r) => r.tookMs)) }];
  }));
}
