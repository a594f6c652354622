// About how tall vega will draw a spec: the height a chart's place keeps while it waits to be drawn
// (below the fold until scrolled into view, or while its library loads), so the page does not jump
// when it is: the plot's own height (a number, or a step per category) plus the axis under it and a
// legend under that, as vega lays them out (test/web/ui/lib/charts/expected-height.test.ts).
import type { TopLevelSpec } from 'vega-lite';

/** The x axis's labels and title, and vega's padding. */
const AXIS_PX = 42;
/** A legend placed under the plot (its title and one row). */
const BOTTOM_LEGEND_PX = 53;

interface Channel { field?: string; type?: string; legend?: { orient?: string } | null }
interface Node { height?: unknown; data?: { values?: Record<string, unknown>[] }; encoding?: Record<string, Channel | undefined>; layer?: Node[] }

const nodes = (node: Node): Node[] => [node, ...(node.layer ?? []).flatMap(nodes)];

/** Distinct values of the first discrete y field found (its categories, each a step tall). */
function categories(spec: Node): number {
  for (const node of nodes(spec)) {
    const y = node.encoding?.y;
    if (!y?.field || (y.type !== 'nominal' && y.type !== 'ordinal')) continue;
    const values = node.data?.values ?? spec.data?.values ?? [];
    return new Set(values.map((row) => row[y.field!])).size;
  }
  return 0;
}

const bottomLegend = (spec: Node) => nodes(spec).some((node) => ['color', 'fill', 'stroke']
  .some((channel) => node.encoding?.[channel]?.legend?.orient === 'bottom'));

/** The expected drawn height in px, or null when the spec's height is not fixed (e.g. 'container'). */
export function expectedHeight(spec: TopLevelSpec): number | null {
  const root = spec as Node;
  const height = root.height;
  const step = typeof height === 'object' && height !== null && typeof (height as { step?: unknown }).step === 'number'
    ? (height as { step: number }).step : null;
  const plot = typeof height === 'number' ? height : step !== null ? step * categories(root) : null;
  if (plot === null) return null;
  return plot + AXIS_PX + (bottomLegend(root) ? BOTTOM_LEGEND_PX : 0);
}
