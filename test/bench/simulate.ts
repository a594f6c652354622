// Simulation benchmark (`npm run bench -- simulate [--tickets-per-day N] [--days N] [--seed N] [--runs N]`):
// a week of the dispatch rules' 6 queues at 3,000 tickets a day in all (over the hours like a contact
// centre's, agents per interval as the load needs at 80% occupancy), simulated through the routing
// rules in `staffing simulate`'s default number of replications (each its own arrivals); prints the
// time of all runs against the 5 s target as JSON.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readDispatchRules } from '../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { poissonArrivals } from '../../forecasting/simulation/poisson-arrivals.ts';
import { queueSkills, shiftsOf, simQueueFor } from '../../forecasting/simulation/queue-rules.ts';
import { DEFAULT_RUNS, replicationSeeds } from '../../forecasting/simulation/replications.ts';
import { simulateQueues } from '../../forecasting/simulation/simulate-queues.ts';
import type { SimAgent } from '../../forecasting/simulation/simulation-model.ts';

const { values: args } = parseArgs({
  options: {
    'tickets-per-day': { type: 'string', default: '3000' },
    days: { type: 'string', default: '7' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: String(DEFAULT_RUNS) },
    rules: { type: 'string', default: 'config/dispatch-rules.yaml' },
  },
});
const TARGET_SECONDS = 5;
const AHT_SECONDS = 420;
const REOPEN_RATE = 0.08;
const perDay = Number(args['tickets-per-day']);
const days = Number(args.days);
const seed = Number(args.seed);
const runs = Number(args.runs);
const rules = readDispatchRules(readFileSync(args.rules, 'utf8'), args.rules).queues;

// Share of a day's tickets per hour: nothing before 8, a morning and an afternoon peak.
const HOURLY = [0, 0, 0, 0, 0, 0, 0, 0, 5, 9, 10, 9, 7, 7, 8, 8, 7, 6, 5, 5, 5, 5, 4, 0];
const hourlyTotal = HOURLY.reduce((s, x) => s + x, 0);
const grid = { start: Date.UTC(2026, 10, 2, 16), intervalMs: 3_600_000, count: days * 24 };
const means = rules.map(() => Array.from({ length: grid.count }, (_, k) => (perDay / rules.length) * HOURLY[k % 24]! / hourlyTotal));
const agents: SimAgent[] = [];
const queues = rules.map((rule, q) => {
  const needed = (k: number) => (means[q]![k]! > 0 ? Math.ceil((means[q]![k]! * AHT_SECONDS) / 3600 / 0.8) + 1 : 0);
  const most = Math.max(...means[q]!.map((_, k) => needed(k)));
  for (let n = 0; n < most; n++) agents.push({ id: `${rule.id}#${n + 1}`, skills: queueSkills(rule), queues: [rule.id], region: null, shifts: shiftsOf((k) => needed(k) > n, grid) });
  // Exponential handle times around the AHT (no history here), and the demo's reopen rate.
  return { ...simQueueFor(rule, undefined, AHT_SECONDS, Array.from({ length: grid.count }, (_, k) => HOURLY[k % 24]! > 0)), reopenRate: REOPEN_RATE };
});
const started = performance.now();
const perRun = replicationSeeds(seed, runs).map((s) => {
  const arrivals = poissonArrivals(grid, means, s);
  const result = simulateQueues({ grid, queues, agents, arrivals, seed: s });
  return { arrivals: arrivals.length, reopens: result.reopens, handled: result.handled.reduce((n, perAgent) => n + perAgent.reduce((a, b) => a + b, 0), 0) };
});
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({
  bench: 'simulate', queues: rules.length, days, ticketsPerDay: perDay, runs, agents: agents.length, perRun,
  seconds: Math.round(seconds * 1000) / 1000, secondsPerRun: Math.round((seconds / runs) * 1000) / 1000,
  targetSeconds: TARGET_SECONDS, withinTarget: seconds < TARGET_SECONDS,
}, null, 2));
