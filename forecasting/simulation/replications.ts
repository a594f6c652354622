// Independent replications of one simulation: a single run's service level swings with its random
// draws (on a queue closed at night seeds 1-8 span 0.45-0.71 around a plan of 0.62), so a figure is
// the runs' median (nearest rank) and its band the runs' p10-p90 (nearest rank: the lowest and highest of up to 9
// runs). Run r draws with seed + r: deterministic for a seed, and one run is the seed's run.

/** Runs by default: a week of 6 queues at 3,000 tickets a day in 0.46 s on a quiet machine (`npm run bench -- simulate`); a plan at the runs' true median falls outside 5 runs' range 1 time in 16 (2 × 0.5^5). */
export const DEFAULT_RUNS = 5;
/** Runs at most (a request's time grows with each). */
export const MAX_RUNS = 25;

/** The seeds of `runs` replications from `seed`. */
export function replicationSeeds(seed: number, runs: number): number[] {
  return Array.from({ length: runs }, (_, r) => seed + r);
}

/** Lowest and highest plausible value over the runs: their p10 and p90. */
export type Band = readonly [low: number, high: number];

/** Nearest-rank percentile of unsorted values (null when empty). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The runs' median (nearest rank: a run's own value, the lower middle for an even count) and p10-p90 band; nulls (nothing to measure in a run) left out. */
export function spreadOf(values: readonly (number | null)[]): { median: number | null; band: Band | null } {
  const measured = values.filter((x): x is number => x !== null);
  if (measured.length === 0) return { median: null, band: null };
  return { median: percentile(measured, 0.5), band: [percentile(measured, 0.1)!, percentile(measured, 0.9)!] };
}
