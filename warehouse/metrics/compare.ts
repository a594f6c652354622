// Comparison of a value with the previous period's: the absolute change and the relative one
// (null when either value is missing, or the previous one is zero: no honest percentage exists).
export interface Comparison { value: number | null; previous: number | null; delta: number | null; delta_pct: number | null }

export function compare(value: number | null, previous: number | null): Comparison {
  const delta = value === null || previous === null ? null : value - previous;
  const delta_pct = delta === null || previous === 0 ? null : delta / Math.abs(previous!);
  return { value, previous, delta, delta_pct };
}
