// `deskpulse staffing simulate` as a child process on a small demo warehouse: the plan simulated,
// and a replay of the last week that reproduces the week's real FRT median.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortDuration } from '../../../forecasting/simulation/simulation-text.ts';
import type { SimulationView } from '../../../forecasting/simulation/simulation-view.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

/**
 * The replayed week's simulated FRT median is within this share of the real one, over all queues and
 * in each queue with at least REPLAY_QUEUE_TICKETS real tickets (this demo's returns and logistics;
 * seed 3, 5 runs (the default): -21% and -1%, overall +10%, p90 +7%; one run: -22%, -1%, +10%, +6%; the default
 * demo's six queues are in the README).
 */
const REPLAY_TOLERANCE = 0.25;
/** Fewer tickets than this in the week: a queue's median is too noisy to hold to the tolerance. */
const REPLAY_QUEUE_TICKETS = 200;
/**
 * And its p90, over all queues, within this share: the nights' callers and calendar-clock tickets
 * wait for the opening, as the demo's do, since a closed queue routes nothing and a reply delay
 * passes in open hours (seeds 1-3: +6%, +16%, +6%; it was 45% under while agents of later-closing
 * teams answered them and the lag was added in open seconds to calendar waits).
 */
const REPLAY_P90_TOLERANCE = 0.25;

/** The demo's last day: an ordinary week to replay, long enough ago that the plan never starts now. */
const DEMO_END = '2026-09-20';

let db = '';
let config = '';

function deskpulse(args: string[]) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db, '--config', config], {
    encoding: 'utf8', env: { ...process.env, DESKPULSE_PII_KEY: 'simulate' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-simulate-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  // A fixed last day: the default (yesterday) changed the data with the run date, and the plan, which
  // starts now, is planned whole only when the forecast lies wholly before the run.
  const demo = deskpulse(['demo', '--days', '35', '--tickets-per-day', '150', '--seed', '7', '--end', DEMO_END]);
  if (demo.code !== 0) throw new Error(demo.err);
}, 120_000);

describe('deskpulse staffing simulate', () => {
  it(`replays the last week with the agents really on duty: the simulated FRT median is within ${REPLAY_TOLERANCE * 100}% of the real one, the p90 within ${REPLAY_P90_TOLERANCE * 100}%, told the same in words`, () => {
    const run = deskpulse(['staffing', 'simulate', '--replay', '--days', '7', '--seed', '3', '--json']);
    expect(run.code, run.err).toBe(0);
    const view = JSON.parse(run.out) as SimulationView;
    expect(view.mode).toBe('replay');
    expect(view.queues.map((q) => q.queue)).toEqual(['returns', 'logistics', 'quality', 'install', 'presales', 'escalations']);
    expect(view.arrivals).toBeGreaterThan(700);
    const { frtP50Seconds: simulated, realFrtP50Seconds: real } = view.overall!;
    expect(real).toBeGreaterThan(0);
    expect(Math.abs(simulated! - real!) / real!).toBeLessThan(REPLAY_TOLERANCE);
    const { frtP90Seconds: simulatedP90, realFrtP90Seconds: realP90 } = view.overall!;
    expect(Math.abs(simulatedP90! - realP90!) / realP90!).toBeLessThan(REPLAY_P90_TOLERANCE);
    for (const q of view.queues) expect(q.real!.tickets).toBeGreaterThan(0);
    const judged = view.queues.filter((q) => q.real!.tickets >= REPLAY_QUEUE_TICKETS);
    expect(judged.map((q) => q.queue)).toEqual(['returns', 'logistics']);
    for (const q of judged) {
      const shown = `${q.queue}: simulated ${q.summary.frtP50Seconds} s, real ${q.real!.frtP50Seconds} s (p90 ${q.summary.frtP90Seconds} vs ${q.real!.frtP90Seconds})`;
      expect(Math.abs(q.summary.frtP50Seconds! - q.real!.frtP50Seconds!) / q.real!.frtP50Seconds!, shown).toBeLessThan(REPLAY_TOLERANCE);
    }
    // The human summary of the same seed tells the same figures.
    const text = deskpulse(['staffing', 'simulate', '--replay', '--days', '7', '--seed', '3']).out;
    expect(text).toMatch(/^replayed .* intervals: 6 queues/);
    expect(text).toContain('\n5 runs (seeds 3-7): each figure the runs\' median');
    expect(text).toContain(`all queues: FRT p50 ${shortDuration(simulated)} `);
    expect(text).toContain(`${shortDuration(real)} / ${shortDuration(view.overall!.realFrtP90Seconds)} real`);
  }, 60_000);

  it('simulates the staffing plan beside the analytical figures, per queue and day, for the queues asked', () => {
    const run = deskpulse(['staffing', 'simulate', '--queue', 'returns', 'quality', '--days', '2', '--seed', '5', '--json']);
    expect(run.code, run.err).toBe(0);
    const view = JSON.parse(run.out) as SimulationView;
    expect(view.mode).toBe('plan');
    expect(view.queues.map((q) => q.queue)).toEqual(['returns', 'quality']);
    const returns = view.queues[0]!;
    expect(returns.method).toBe('erlang_c');
    expect(returns.strategy).toBe('least_loaded');
    // The forecast lies wholly before the run, so the plan starts with it: the day after the demo's last.
    expect(view.from).toBe('2026-09-21T00:00:00+08:00');
    expect(returns.intervals.length).toBeGreaterThanOrEqual(24);
    expect(returns.intervals.length).toBeLessThanOrEqual(48);
    expect(returns.intervals.some((i) => (i.plannedAgents ?? 0) > 0 && i.plannedServiceLevel !== null)).toBe(true);
    expect(returns.summary.serviceLevel).toBeGreaterThan(0);
    expect(view.queues[1]!.strategy).toBe('skill_match');
    expect(view.queues[1]!.method).toBe('workload');
  }, 90_000);

  it('refuses an unknown queue and a date that is not one, saying what to give', () => {
    const unknown = deskpulse(['staffing', 'simulate', '--queue', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/--queue nope: not a dispatch-rules queue; choose from returns, logistics/);
    expect(deskpulse(['staffing', 'simulate', '--replay', '--from', '2026-13-01']).err).toMatch(/--from "2026-13-01" is not a date: give YYYY-MM-DD/);
  });
});
