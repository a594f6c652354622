// The web benchmark's Forecast & staffing page, on a server of its own (its models' first fit must
// not slow the other pages): navigation start -> every queue's forecast chart drawn and the staffing
// rows shown, the first time (forecasts fitted) and warm (forecasts reused); the part after the last
// planning answer came in (the page's own drawing); the longest main-thread task (the freeze a
// person feels); per API request when it left and how long it took; how long /api/health took,
// polled every 20 ms, while the first visit fitted and planned (the server's event loop kept free).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveWarehouse, watchErrors } from '../../e2e/support/e2e-server.ts';
import { countApiInFlight, pending, recordApi, repeatedUrls, requestMedians, spread, type ApiRequest } from './page-ready.ts';

const PLANNING = ['/api/forecast', '/api/staffing', '/api/forecast/accuracy'];
const ALL_CHARTS_IN_VIEW_PX = 6000;

export async function benchForecastPage(browser: Browser, source: string, dir: string, runs: number, targetMs: number) {
  const copy = join(dir, 'forecast.duckdb');
  copyFileSync(source, copy);
  const served = await serveWarehouse(copy, ['--open']);
  // Charts draw when scrolled into view (Chart.svelte): a viewport tall enough for every queue's chart
  // times what the issue asks, all of them drawn.
  const context = await browser.newContext({ viewport: { width: 1400, height: ALL_CHARTS_IN_VIEW_PX } });
  try {
    await countApiInFlight(context);
    const draw = async () => {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration); })
          .observe({ type: 'longtask', buffered: true });
      });
      let started = 0;
      const requests = recordApi(page, () => started);
      started = performance.now();
      await page.goto(`${served.url}/forecast`);
      // Its own rule: every queue's chart and the staffing rows; 300 s covers fitting every queue's models on a busy machine.
      await page.waitForFunction(() => {
        if (document.querySelector('main [aria-busy="true"]') !== null || document.querySelector('main figure[data-drawn="false"]') !== null) return false;
        if ((window as unknown as { __apiInFlight: number }).__apiInFlight !== 0) return false;
        const queues = document.querySelectorAll('#forecast-chart article.queue').length;
        return queues > 0 && document.querySelectorAll('#forecast-chart figure[data-drawn="true"]').length === queues
          && document.querySelector('#staffing tbody tr') !== null;
      }, undefined, { timeout: 300_000 }).catch(async (err: unknown) => {
        throw new Error(`not drawn after 300 s: ${await pending(page)}`, { cause: err });
      });
      const done = performance.now();
      const answered = Math.max(0, ...requests.filter((r) => PLANNING.some((p) => r.path.startsWith(p))).map((r) => r.sentMs + r.tookMs));
      const result = {
        ms: done - started, drawMs: done - started - answered, requests: [...requests], errors,
        charts: await page.locator('main figure[data-drawn="true"]').count(),
        rows: await page.locator('#staffing tbody tr').count(),
        longestTaskMs: await page.evaluate(() => (window as unknown as { __longest: number }).__longest),
      };
      await page.close();
      return result;
    };
    // /api/health polled every 20 ms while the first visit fits the forecasts and plans the staffing.
    let polling = true;
    const health: number[] = [];
    const polls = (async () => {
      while (polling) {
        const t = performance.now();
        await (await fetch(`${served.url}/api/health`)).arrayBuffer();
        health.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const cold = await draw().finally(() => { polling = false; });
    await polls;
    const warm: Awaited<ReturnType<typeof draw>>[] = [];
    for (let i = 0; i < runs; i++) warm.push(await draw());
    const warmMs = spread(warm.map((r) => r.ms));
    const slowest = (requests: readonly ApiRequest[]) => {
      const top = [...requests].sort((a, b) => b.tookMs - a.tookMs)[0];
      return top ? { path: top.path, sent: Math.round(top.sentMs), took: Math.round(top.tookMs) } : null;
    };
    return {
      path: '/forecast', warehouse: source, shows: 'every queue, 14 days, 60 min', viewport: `1400x${ALL_CHARTS_IN_VIEW_PX}`, charts: cold.charts, staffing_rows_drawn: cold.rows,
      target_ms: targetMs, met: warmMs.p50 <= targetMs, met_p95: warmMs.p95 <= targetMs,
      cold_ms: Math.round(cold.ms), cold_met: cold.ms <= targetMs, warm_ms: warmMs,
      drawn_after_last_answer_ms: spread([cold, ...warm].map((r) => r.drawMs)),
      health_during_cold_ms: spread(health),
      longest_main_thread_task_ms: Math.round(Math.max(cold.longestTaskMs, ...warm.map((r) => r.longestTaskMs))),
      slowest_request: { cold: slowest(cold.requests), warm_p50: requestMedians(warm.map((r) => r.requests))[0] ?? null },
      requests: { cold: requestMedians([cold.requests]), warm_p50: requestMedians(warm.map((r) => r.requests)) },
      repeated_requests: repeatedUrls(cold.requests),
      console_errors: [...new Set([cold, ...warm].flatMap((r) => r.errors))],
    };
  } finally {
    await context.close();
    await served.stop();
  }
}
