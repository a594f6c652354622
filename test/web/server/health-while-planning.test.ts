// The server stays responsive while it forecasts and plans: on a real `deskpulse serve`, a forecast
// fit (every queue's models backtested) and a staffing plan (Erlang C / A and the workload model per
// interval) run on the compute pool's worker threads, so /api/health, polled every 20 ms meanwhile,
// answers each time in under 100 ms (on the event loop, the fit held it for seconds at a time).
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type E2eServer } from '../../e2e/support/e2e-server.ts';

let server: E2eServer;

beforeAll(async () => {
  server = await startServer({ planner: { role: 'planner' } }, { days: 42, ticketsPerDay: 60 });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/**
 * Issue 17's bound on every poll. On a machine run well past its cores by others (load average above
 * twice the cores, as on a shared CI box) the operating system alone delays a waking thread by tens
 * of ms, so the bound there is the one that still tells a free event loop from a held one: held by
 * the fit, polls waited 0.6-0.8 s (p95 823 ms at load 18 on 2 cores), free they wait about 0.2 s.
 */
function limits(): { p95: number; max: number; why: string } {
  const perCore = loadavg()[0]! / availableParallelism();
  return perCore > 2
    ? { p95: 300, max: 600, why: `machine overloaded (load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)` }
    : { p95: 100, max: 100, why: 'issue 17' };
}

describe('/api/health while the server forecasts and plans', () => {
  it('answers every poll in under 100 ms (p95 and max) while a forecast is fitted and staffing planned', async () => {
    const headers = { authorization: `Bearer ${server.tokens.planner}` };
    let started = performance.now();
    const timed = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers });
      await res.arrayBuffer();
      return { path, status: res.status, ms: performance.now() - started, cache: res.headers.get('x-forecast-cache'), plan: res.headers.get('x-staffing-cache') };
    };
    // Not measured: the dashboards' default views serve computes after it starts.
    await expect.poll(() => server.stdout().includes('default dashboard views computed'), { timeout: 60_000, interval: 200 }).toBe(true);
    // Each route's first answer compiles its response serializer (once per server start): a short
    // forecast and plan first, then the page's own (14 days, 60 minutes), fitted and planned anew.
    for (const path of ['/api/forecast?horizon=1d', '/api/staffing?horizon=1d&rows=days']) expect((await timed(path)).status).toBe(200);
    started = performance.now();
    const work = Promise.all([
      timed('/api/forecast?horizon=14d'),
      timed('/api/staffing?horizon=14d&rows=days&volume_factor=1.3'),
    ]);
    let done = false;
    void work.finally(() => { done = true; });
    const polls: number[] = [];
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/health`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      polls.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answers = await work;
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const sorted = [...polls].sort((a, b) => a - b);
    const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1]!;
    const max = sorted[sorted.length - 1]!;
    const limit = limits();
    const shown = `${polls.length} polls over ${Math.round(answers[1]!.ms)} ms; p95 ${Math.round(p95)} ms, max ${Math.round(max)} ms ` +
      `(limits ${limit.p95}/${limit.max} ms: ${limit.why}): ${polls.map((ms) => Math.round(ms)).join(' ')}`;
    console.log(shown);
    // The work was real: a fit (the first of the two requests fits, the other shares it, never a kept
    // forecast) that took at least 10 polls (a forecast kept from before answers in tens of ms).
    expect(['miss', 'hit']).toContain(answers[0]!.cache);
    expect(answers[1]!.plan).toBe('miss');
    expect(polls.length).toBeGreaterThanOrEqual(10);
    expect(p95, shown).toBeLessThan(limit.p95);
    expect(max, shown).toBeLessThan(limit.max);
  }, 120_000);
});
