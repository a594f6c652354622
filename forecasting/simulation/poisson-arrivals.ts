// Arrivals drawn from a forecast: a Poisson count per interval with the forecast's mean, at uniform
// times within it (a Poisson process of piecewise-constant rate). Merged over queues in time order.
import { RandomStream } from './random-stream.ts';
import type { SimArrival, SimGrid } from './simulation-model.ts';

/** `means[q][k]`: expected arrivals of queue q in grid interval k. */
export function poissonArrivals(grid: SimGrid, means: readonly (readonly number[])[], seed: number): SimArrival[] {
  const rng = new RandomStream(seed, 0);
  const arrivals: SimArrival[] = [];
  for (let k = 0; k < grid.count; k++) {
    const from = grid.start + k * grid.intervalMs;
    const first = arrivals.length;
    means.forEach((perInterval, queue) => {
      const n = rng.poisson(perInterval[k] ?? 0);
      for (let i = 0; i < n; i++) arrivals.push({ at: from + rng.uniform() * grid.intervalMs, queue, region: null });
    });
    // Sorting within the interval keeps the whole list in time order.
    const slice = arrivals.splice(first).sort((a, b) => a.at - b.at);
    for (const a of slice) arrivals.push(a);
  }
  return arrivals;
}
