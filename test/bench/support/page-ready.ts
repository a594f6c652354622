// When a dashboard page is "ready" for the web benchmark, and what it asked the API on the way.
// Ready = the e2e rule of settled() (no panel loading, no chart still drawing, a panel shown) at one
// instant together with: no /api/ request in flight (a query chained behind another's answer has
// not started yet while the first's panel already looks done) and at least `minCharts` charts drawn
// (what the page drew when it was left to finish: a rule firing early would be caught here; a chart
// waiting below the fold counts, as which charts a load leaves below the fold may vary), held
// for QUIET_MS: between one request's answer and the request chained behind it (the layout's
// /api/views after /api/me) the page can look done for a moment (Problems did, with none of its
// charts yet). The time reported is when it last became ready, not QUIET_MS later.
import type { BrowserContext, Page } from 'playwright-core';
import { quantile } from './measure.ts';

/** One API request of a visit: path (with ` (2)`... for repeats), when it left after navigation start, how long its answer took. */
export interface ApiRequest { path: string; url: string; sentMs: number; tookMs: number }

/** later: charts and panels waiting below the fold to be scrolled into view. */
export interface Visit { ms: number; charts: number; panels: number; later: number; requests: ApiRequest[]; errors: string[] }

/** Counts the page's /api/ fetches still waiting for an answer (window.__apiInFlight), from the first script on. */
export async function countApiInFlight(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __apiInFlight: number };
    w.__apiInFlight = 0;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!new URL(url, location.href).pathname.startsWith('/api/')) return original(input, init);
      w.__apiInFlight += 1;
      return original(input, init).finally(() => { w.__apiInFlight -= 1; });
    };
  });
}

/** How long the page must stay ready before it counts as ready. */
export const QUIET_MS = 250;

/**
 * Waits until the page is ready (see the header) with `minCharts` drawn charts at least and has stayed
 * so for QUIET_MS; resolves to how many ms ago it became ready (to take off the time measured).
 */
export async function isReady(page: Page, minCharts: number, timeout: number): Promise<number> {
  try {
    await page.evaluate(() => { (window as unknown as { __readySince: number | null }).__readySince = null; });
    const held = await page.waitForFunction(({ min, quiet }) => {
      const w = window as unknown as { __apiInFlight: number; __readySince: number | null };
      const ready = document.querySelector('main [aria-busy="true"]') === null
        && document.querySelector('main figure[data-drawn="false"]') === null
        && document.querySelector('main section.panel') !== null
        && w.__apiInFlight === 0
        && document.querySelectorAll('main figure:not([data-drawn="false"])').length >= min;
      if (!ready) w.__readySince = null;
      else w.__readySince ??= performance.now();
      const since = w.__readySince === null ? 0 : performance.now() - w.__readySince;
      return ready && since >= quiet ? since : false;
    }, { min: minCharts, quiet: QUIET_MS }, { timeout });
    return (await held.jsonValue()) as number;
  } catch (err) {
    throw new Error(`not ready after ${timeout / 1000} s: ${await pending(page)}`, { cause: err });
  }
}

/** What a page still waits for (after a timeout): panels loading, charts not drawn, API requests pending. */
export function pending(page: Page): Promise<string> {
  return page.evaluate(() => {
    const busy = Array.from(document.querySelectorAll('main [aria-busy="true"]')).map((e) => e.closest('section')?.getAttribute('aria-label') ?? '?');
    return `${location.pathname}: panels loading: [${busy.join(', ')}], charts drawing: ${document.querySelectorAll('main figure[data-drawn="false"]').length}, `
      + `charts drawn: ${document.querySelectorAll('main figure[data-drawn="true"]').length}, panels: ${document.querySelectorAll('main section.panel').length}, `
      + `API requests pending: ${(window as unknown as { __apiInFlight: number }).__apiInFlight}`;
  }).catch((err: unknown) => `(page not readable: ${(err as Error).message})`);
}

/** Records every /api/ request of `page` from now on, timed against `navigationStart()`. */
export function recordApi(page: Page, navigationStart: () => number): ApiRequest[] {
  const requests: ApiRequest[] = [];
  const seen = new Map<string, number>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    const sent = performance.now();
    const n = (seen.get(url.pathname) ?? 0) + 1;
    seen.set(url.pathname, n);
    const path = n === 1 ? url.pathname : `${url.pathname} (${n})`;
    request.response().then((response) => response?.finished()).then(
      () => requests.push({ path, url: url.pathname + url.search, sentMs: sent - navigationStart(), tookMs: performance.now() - sent }),
      () => undefined);
  });
  return requests;
}

/** Rounded ms statistics of `values`. */
export function spread(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { runs: sorted.length, p50: Math.round(quantile(sorted, 0.5)), p95: Math.round(quantile(sorted, 0.95)), max: Math.round(sorted.at(-1) ?? NaN) };
}

/** Per request path over visits: median sent and took, slowest first. */
export function requestMedians(visits: readonly ApiRequest[][]): { path: string; sent: number; took: number }[] {
  const all = visits.flat();
  const median = (xs: number[]) => Math.round(quantile(xs.sort((a, b) => a - b), 0.5));
  return [...new Set(all.map((r) => r.path))]
    .map((path) => {
      const of = all.filter((r) => r.path === path);
      return { path, sent: median(of.map((r) => r.sentMs)), took: median(of.map((r) => r.tookMs)) };
    })
    .sort((a, b) => b.took - a.took);
}

/** URLs a single visit fetched more than once (the same answer asked for twice). */
export function repeatedUrls(requests: readonly ApiRequest[]): string[] {
  const count = new Map<string, number>();
  for (const r of requests) count.set(r.url, (count.get(r.url) ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([url, n]) => `${url} ×${n}`);
}
