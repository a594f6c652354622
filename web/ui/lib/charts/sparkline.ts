// The small line inside a KPI tile: the metric per bucket over the range, no axes, as one SVG path
// in a fixed box the tile stretches (no chart library: the eleven tiles' vega views, and loading
// vega for them, were most of the Overview's first screen). Each point keeps its bucket and value
// for the hover text and the summary.
import type { Cell } from '../api/types.ts';

/** The path's own box (the tile stretches it to its width; the stroke keeps its width). */
export const SPARK_BOX = { width: 100, height: 32, pad: 2 } as const;

export interface SparkPoint { at: string; value: number; x: number; y: number }
export interface Sparkline { points: SparkPoint[]; path: string }

/** Where the line runs: x by the bucket's date (a missing bucket leaves a longer step), y from the lowest to the highest value. */
export function sparkline(rows: Record<string, Cell>[], x: string, y: string): Sparkline {
  const known = rows.flatMap((row) => {
    const at = row[x];
    const value = row[y];
    const time = typeof at === 'string' ? Date.parse(at) : NaN;
    return typeof value === 'number' && Number.isFinite(value) && Number.isFinite(time) ? [{ at: at as string, value, time }] : [];
  }).sort((a, b) => a.time - b.time);
  if (known.length === 0) return { points: [], path: '' };
  const { width, height, pad } = SPARK_BOX;
  const [first, last] = [known[0]!.time, known.at(-1)!.time];
  const low = Math.min(...known.map((p) => p.value));
  const high = Math.max(...known.map((p) => p.value));
  const across = (time: number) => (last === first ? width / 2 : ((time - first) / (last - first)) * width);
  // A flat line sits in the middle.
  const up = (value: number) => (high === low ? height / 2 : pad + (1 - (value - low) / (high - low)) * (height - 2 * pad));
  const points = known.map((p) => ({ at: p.at, value: p.value, x: across(p.time), y: up(p.value) }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(2)},${p.y.toFixed(2)}`).join('');
  return { points, path };
}
