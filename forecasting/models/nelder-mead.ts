// Nelder-Mead simplex minimisation (standard coefficients, deterministic start simplex): enough
// for the few smoothing parameters of Holt-Winters without a numerical library.

export interface NelderMeadOptions {
  /** Size of the start simplex along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the spread of the simplex's values falls below this (relative to the best). */
  tolerance?: number;
}

export interface Minimum { x: number[]; value: number; evaluations: number }

export function nelderMead(f: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): Minimum {
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 400;
  const tolerance = options.tolerance ?? 1e-7;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const x = start.slice();
    x[i] = x[i]! + step;
    simplex.push(x);
  }
  let values = simplex.map(evaluate);
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));

  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const best = values[0]!;
    const worst = values[n]!;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + 1e-12)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + simplex[i]![j]! / n;

    const reflected = combine(centroid, simplex[n]!, -1);
    const fr = evaluate(reflected);
    if (fr < best) {
      const expanded = combine(centroid, simplex[n]!, -2);
      const fe = evaluate(expanded);
      if (fe < fr) { simplex[n] = expanded; values[n] = fe; } else { simplex[n] = reflected; values[n] = fr; }
    } else if (fr < values[n - 1]!) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const outside = fr < worst;
      const contracted = combine(centroid, simplex[n]!, outside ? -0.5 : 0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : worst)) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = combine(simplex[0]!, simplex[i]!, 0.5);
          values[i] = evaluate(simplex[i]!);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: simplex[bestIndex]!, value: values[bestIndex]!, evaluations };
}
