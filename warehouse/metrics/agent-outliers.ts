// Marks agents whose value lies far from their peers: beyond the median +- 2 x IQR of the agents in
// the same table (linear-interpolated quartiles, like DuckDB quantile_cont). Pure, so tested alone.

export type OutlierSide = 'high' | 'low' | null;

/** The agents table's outlier columns and the metric each judges. */
export const OUTLIER_OF = {
  assigned_outlier: 'assigned',
  handle_outlier: 'handle_seconds',
  frt_outlier: 'frt_median',
  resolution_outlier: 'resolution_median',
  csat_outlier: 'csat',
  reopen_outlier: 'reopen_rate',
} as const;

/** How many interquartile ranges from the median a value must lie to be marked. */
export const OUTLIER_IQR_FACTOR = 2;
/** Fewer agents with a value than this: nobody is marked (quartiles of 3 values mean little). */
export const OUTLIER_MIN_AGENTS = 4;

function quantileSorted(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** 'high' / 'low' for each value beyond median +- 2 x IQR of the non-null values; null otherwise. */
export function outlierSides(values: readonly (number | null)[]): OutlierSide[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (present.length < OUTLIER_MIN_AGENTS) return values.map(() => null);
  const median = quantileSorted(present, 0.5);
  const reach = OUTLIER_IQR_FACTOR * (quantileSorted(present, 0.75) - quantileSorted(present, 0.25));
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    if (v > median + reach) return 'high';
    if (v < median - reach) return 'low';
    return null;
  });
}
