// Constrained least-squares stacking: the weights w >= 0, sum w = 1 minimising sum_i (y_i - sum_m
// w_m f_im)^2. Exact for the handful of models compared: every subset of models is solved with the
// sum constraint alone (a small linear system), and the best subset whose weights are all
// non-negative wins (the optimum's support is one of them).

/** Relative ridge on the Gram matrix: two near-identical models (the two benchmarks) stay solvable. */
const RIDGE = 1e-9;

/** Solves a x = b in place by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-300) return null;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = b[r]!;
    for (let k = r + 1; k < n; k++) sum -= a[r]![k]! * x[k]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

/**
 * Simplex weights of the columns `forecasts[m][i]` for targets `actual[i]`; with no point (or no
 * column) an empty array.
 */
export function stackingWeights(actual: ArrayLike<number>, forecasts: readonly ArrayLike<number>[]): number[] {
  const m = forecasts.length;
  if (m === 0 || actual.length === 0) return [];
  const gram = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const cross = new Array<number>(m).fill(0);
  let yy = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    yy += y * y;
    for (let a = 0; a < m; a++) {
      const fa = forecasts[a]![i]!;
      cross[a]! += fa * y;
      for (let b = a; b < m; b++) gram[a]![b]! += fa * forecasts[b]![i]!;
    }
  }
  let trace = 0;
  for (let a = 0; a < m; a++) { for (let b = 0; b < a; b++) gram[a]![b] = gram[b]![a]!; trace += gram[a]![a]!; }
  for (let a = 0; a < m; a++) gram[a]![a]! += (RIDGE * trace) / m;
  const objective = (w: number[]) => {
    let q = yy;
    for (let a = 0; a < m; a++) { q -= 2 * w[a]! * cross[a]!; for (let b = 0; b < m; b++) q += w[a]! * gram[a]![b]! * w[b]!; }
    return q;
  };
  let best: number[] = [];
  let bestValue = Number.POSITIVE_INFINITY;
  for (let mask = 1; mask < 1 << m; mask++) {
    const support = [...Array(m).keys()].filter((k) => mask & (1 << k));
    const k = support.length;
    // KKT of min w'Gw - 2c'w with sum w = 1: [G 1; 1' 0] [w; mu] = [c; 1].
    const a = support.map((r) => [...support.map((c) => gram[r]![c]!), 1]);
    a.push([...new Array<number>(k).fill(1), 0]);
    const x = solve(a, [...support.map((r) => cross[r]!), 1]);
    if (!x || x.slice(0, k).some((v) => !(v >= -1e-12))) continue;
    const w = new Array<number>(m).fill(0);
    support.forEach((c, j) => { w[c] = Math.max(0, x[j]!); });
    const value = objective(w);
    if (value < bestValue) { bestValue = value; best = w; }
  }
  const total = best.reduce((s, v) => s + v, 0);
  return best.map((v) => v / total);
}
