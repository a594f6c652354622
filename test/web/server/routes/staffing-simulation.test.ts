// GET /api/staffing/simulation on a real `deskpulse serve` of a small demo: the plan simulated beside
// the analytical figures for planners and admins only, the same for a seed, bounded inputs refused
// with the field named, and a replay of the last week beside its real FRT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationView } from '../../../../forecasting/simulation/simulation-view.ts';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';

let server: E2eServer;

beforeAll(async () => {
  server = await startServer({ planner: { role: 'planner' }, admin: { role: 'admin' }, lead: { role: 'team_lead', teams: ['returns'] } },
    { days: 14, ticketsPerDay: 40 });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const get = (path: string, who = 'planner') => fetch(`${server.url}/api/staffing/simulation${path}`, {
  headers: who === 'none' ? {} : { authorization: `Bearer ${server.tokens[who]}` },
});

describe('GET /api/staffing/simulation', () => {
  it('simulates the plan beside its analytical figures, per queue, day and interval, the same for a seed', async () => {
    // One run: its days' arrivals add up to the horizon's (medians of several runs need not).
    const res = await get('?days=2&seed=4&runs=1');
    expect(res.status).toBe(200);
    const view = await res.json() as SimulationView;
    expect(view).toMatchObject({ mode: 'plan', seed: 4, runs: 1, intervalMinutes: 60, flagRule: { points: 5 } });
    expect(view.queues.map((q) => q.queue)).toEqual(['returns', 'logistics', 'quality', 'install', 'presales', 'escalations']);
    const logistics = view.queues.find((q) => q.queue === 'logistics')!;
    expect(logistics.method).toBe('erlang_a');
    expect(logistics.summary.abandonment).not.toBeNull();
    for (const q of view.queues) {
      expect(q.days.length).toBeGreaterThanOrEqual(2);
      // The plan's intervals inside the 2 days from its start: at most 48, fewer where it starts or ends on
      // closed hours (how many depends on the hour now).
      expect(q.intervals.length).toBe((Date.parse(view.to) - Date.parse(view.from)) / 3_600_000);
      expect(q.intervals.length).toBeGreaterThanOrEqual(24);
      expect(q.intervals.length).toBeLessThanOrEqual(48);
      expect(q.summary.arrivals).toBe(q.days.reduce((s, d) => s + d.arrivals, 0));
      expect(typeof q.summary.disagrees).toBe('boolean');
    }
    expect(view.queues.some((q) => q.summary.plannedServiceLevel !== null && q.summary.serviceLevel !== null)).toBe(true);
    const again = await (await get('?days=2&seed=4&runs=1', 'admin')).json() as SimulationView;
    expect(again).toEqual(view);
  }, 90_000);

  it('runs 5 replications by default: each figure their median, inside their p10-p90 band', async () => {
    const view = await (await get('?days=1&seed=4')).json() as SimulationView;
    expect(view.runs).toBe(5);
    expect(view.flagRule.rule).toMatch(/outside the runs' p10-p90 band/);
    const measured = view.queues.filter((q) => q.summary.serviceLevel !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const q of measured) {
      const [low, high] = q.summary.bands.serviceLevel!;
      expect(low).toBeLessThanOrEqual(q.summary.serviceLevel!);
      expect(high).toBeGreaterThanOrEqual(q.summary.serviceLevel!);
    }
  }, 90_000);

  it('is for planners and admins: a team lead and no token are refused', async () => {
    expect((await get('?days=1', 'lead')).status).toBe(403);
    expect((await get('?days=1', 'none')).status).toBe(401);
  });

  it('refuses inputs out of bounds, naming the field', async () => {
    for (const [query, field] of [['?days=15', 'days'], ['?seed=-1', 'seed'], ['?runs=0', 'runs'], ['?runs=26', 'runs'], ['?from=2026-13-01', 'from'], ['?from=yesterday', 'from'], ['?interval=daily', 'interval']]) {
      const res = await get(query!);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(await res.json()), query).toContain(field!);
    }
    const unknown = await get('?replay=true&queue=nope');
    expect(unknown.status).toBe(400);
    expect((await unknown.json() as { message: string }).message).toMatch(/nope: a replay takes dispatch-rules queues: returns, logistics/);
  });

  it('replays the last week of a queue with its real arrivals, beside the real FRT', async () => {
    const res = await get('?replay=true&queue=returns&days=7&seed=2');
    expect(res.status).toBe(200);
    const view = await res.json() as SimulationView;
    expect(view.mode).toBe('replay');
    expect(view.queues.map((q) => q.queue)).toEqual(['returns']);
    expect(view.queues[0]!.real!.tickets).toBeGreaterThan(0);
    expect(view.overall!.realFrtP50Seconds).toBeGreaterThan(0);
    expect(view.queues[0]!.intervals).toHaveLength(7 * 24);
  }, 60_000);
});
