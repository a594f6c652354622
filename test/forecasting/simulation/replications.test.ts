// Replications make the simulation's verdict one a planner can believe: one run's service level on a
// queue closed at night swings 0.45-0.71 around a plan of 0.62 with its seed, so a single run's
// "off the plan" is a coin toss. Several runs give a median and a band; the plan is flagged only
// outside the band and more than 5 points from the median.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { DispatchQueueRule } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { planScenario } from '../../../forecasting/simulation/plan-scenario.ts';
import { percentile, spreadOf } from '../../../forecasting/simulation/replications.ts';
import { planReplications } from '../../../forecasting/simulation/run-simulation.ts';
import { simulateQueues } from '../../../forecasting/simulation/simulate-queues.ts';
import { DISAGREEMENT, MIN_JUDGED } from '../../../forecasting/simulation/simulation-report.ts';
import { simulationView } from '../../../forecasting/simulation/simulation-view.ts';
import { recommendStaffing, type ForecastPoint } from '../../../forecasting/staffing/recommend.ts';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAYS = 7;
// The plan-agreement fixture (plan-agreement.test.ts): written tickets, a third of them while the office is closed.
const PROFILE = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
const PER_DAY = 400;

function forecast(): ForecastPoint[] {
  const from = DateTime.fromISO('2026-03-02', { zone: ZONE }).toMillis();
  const total = PROFILE.reduce((s, x) => s + x, 0);
  return Array.from({ length: 14 * 24 }, (_, k) => {
    const local = DateTime.fromMillis(from + k * HOUR, { zone: ZONE });
    const p50 = (PER_DAY * PROFILE[local.hour]!) / total * (local.weekday > 5 ? 0.6 : 1);
    return { start: from + k * HOUR, minutes: 60, p50, p90: p50 * 1.3, inCalendarHours: local.weekday <= 5 && local.hour >= 9 && local.hour < 18 };
  });
}

const rule: DispatchQueueRule = {
  id: 'mail', name: 'mail', names: { zh: 'mail', en: 'mail' }, match: { channel: ['email'] }, strategy: 'least_loaded', skills: ['mail'], regionAffinity: false, maxOpenPerAgent: 5,
  sla: { firstResponseSeconds: 2 * 3600, resolutionSeconds: null, clock: 'business' }, serviceLevel: null, line: 1, column: 1,
};
const plan = recommendStaffing({ queues: [rule], forecasts: [{ queueId: 'mail', zone: ZONE, model: 'm', intervals: forecast() }], options: { defaultAhtSeconds: 600 } });
const replicate = (seed: number, runs: number) => planReplications(plan, [rule], new Map(), { days: DAYS }, seed, runs);

describe('the median and band of replications', () => {
  it('takes the middle run and the p10-p90 by nearest rank, leaving out runs with nothing measured', () => {
    expect(spreadOf([0.6, 0.45, 0.71, 0.5, 0.62])).toEqual({ median: 0.6, band: [0.45, 0.71] });
    // 10 runs: p10 is the lowest, p90 the 9th of 10, the median the lower middle.
    expect(spreadOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ median: 5, band: [1, 9] });
    expect(spreadOf([null, 3, null])).toEqual({ median: 3, band: [3, 3] });
    expect(spreadOf([null, null])).toEqual({ median: null, band: null });
  });
});

describe('a plan simulated in replications', () => {
  it('holds the plan inside the runs\' band on the plan-agreement fixture, and does not flag the horizon', async () => {
    const result = (await replicate(1, 5))!;
    const { summary } = result.queues[0]!;
    const planned = plan.queues[0]!.summary.serviceLevel!;
    const [low, high] = summary.bands.serviceLevel!;
    expect(low).toBeLessThan(high);
    expect(low).toBeLessThanOrEqual(planned);
    expect(high).toBeGreaterThanOrEqual(planned);
    expect(summary.serviceLevel!).toBeGreaterThanOrEqual(low);
    expect(summary.serviceLevel!).toBeLessThanOrEqual(high);
    expect(summary.disagrees).toBe(false);
    // Every flagged interval has the plan outside its band and the median more than 5 points off.
    for (const i of result.queues[0]!.intervals.filter((iv) => iv.disagrees)) {
      const [l, h] = i.bands.serviceLevel!;
      expect(i.plannedServiceLevel! < l || i.plannedServiceLevel! > h).toBe(true);
      expect(Math.abs(i.serviceLevel! - i.plannedServiceLevel!)).toBeGreaterThan(DISAGREEMENT);
    }
  });

  it('gives the same figures for the same seed, and others for another', async () => {
    const a = simulationView((await replicate(4, 3))!);
    expect(simulationView((await replicate(4, 3))!)).toEqual(a);
    expect(a.runs).toBe(3);
    expect(simulationView((await replicate(5, 3))!).queues[0]!.summary.serviceLevel).not.toBe(a.queues[0]!.summary.serviceLevel);
  });

  it('in one run is that seed\'s run: its own figures, a band of one value, flagged by the distance alone', async () => {
    const seed = 3;
    const one = (await replicate(seed, 1))!;
    const scenario = planScenario(plan, [rule], new Map(), { days: DAYS }, seed)!;
    const tallies = simulateQueues(scenario.input).tallies[0]!;
    const { summary, intervals } = one.queues[0]!;
    const met = tallies.reduce((n, t) => n + t.metTarget, 0);
    const judged = tallies.reduce((n, t) => n + t.judged, 0);
    expect(summary.serviceLevel).toBe(met / judged);
    expect(summary.bands.serviceLevel).toEqual([met / judged, met / judged]);
    expect(summary.frtP90Seconds).toBe(percentile(tallies.flatMap((t) => t.waits), 0.9));
    expect(summary.backlogAtEnd).toBe(tallies.at(-1)!.backlogAtEnd);
    expect(one.arrivals).toBe(scenario.input.arrivals.length);
    intervals.forEach((iv, k) => {
      const t = tallies[k]!;
      const sl = t.judged > 0 ? t.metTarget / t.judged : null;
      expect(iv.serviceLevel).toBe(sl);
      expect(iv.backlog).toBe(t.backlogAtEnd);
      const off = t.judged >= MIN_JUDGED && sl !== null && iv.plannedServiceLevel !== null && Math.abs(sl - iv.plannedServiceLevel) > DISAGREEMENT;
      expect(iv.disagrees).toBe(off);
    });
  });
});
