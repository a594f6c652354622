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
 * The replayed week's simulated FRT median is within this share of the real one. The demo's reply
 * delays follow the day's load, not its head count, while the simulation queues on the agents on
 * duty: with the roster sized to the work (150 tickets/day: 2 agents a team) seed 3 is 24% over
 * (5% under with the old fixed 40 agents, who idled). See ingest/demo/README.md.
 */
const REPLAY_TOLERANCE = 0.25;
/**
 * And its p90 within this share, under it: the demo answers calendar-clock queues (escalations) and
 * callbacks of calls left outside open hours across nights, and misrouted tickets only after a
 * transfer; the simulation draws a written ticket's reply lag in open time and has no transfers
 * (seed 3: 45% under; 69% under while the lag kept only tickets answered before a closing).
 */
const REPLAY_P90_TOLERANCE = 0.5;

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
  const demo = deskpulse(['demo', '--days', '35', '--tickets-per-day', '150', '--seed', '7']);
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
    // The human summary of the same seed tells the same figures.
    const text = deskpulse(['staffing', 'simulate', '--replay', '--days', '7', '--seed', '3']).out;
    expect(text).toMatch(/^replayed .* seed 3: 6 queues/);
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
    // From the plan's first open interval to its last inside the 2 days: how many depends on the hour now.
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
