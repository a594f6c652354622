// The place a chart holds until it is drawn (below the fold, until scrolled into view) is as tall
// as vega then draws it: each chart kind laid out by vega itself (headless) within a few pixels.
import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expectedHeight } from '../../../../../web/ui/lib/charts/expected-height.ts';
import { barSpec } from '../../../../../web/ui/lib/charts/bar.ts';
import { heatmapSpec } from '../../../../../web/ui/lib/charts/heatmap.ts';
import { trendSpec } from '../../../../../web/ui/lib/charts/trend.ts';

/** The height of the SVG vega draws for `spec` at 600 px wide. */
async function drawnHeight(spec: TopLevelSpec): Promise<number> {
  const view = new View(parse(compile({ ...spec, width: 600 } as TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.runAsync().then(() => view.toSVG());
  view.finalize();
  return Number(/height="([\d.]+)"/.exec(svg)?.[1]);
}

const days = Array.from({ length: 28 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const trend = (series: string[]) => trendSpec({
  points: days.flatMap((x, i) => series.map((s) => ({ x, series: s, value: 1000 + ((i * 37) % 300) }))),
  unit: 'count', grain: 'day', xTitle: 'Date', yTitle: 'Tickets', seriesTitle: 'Series',
});
const bars = (n: number) => barSpec({ bars: Array.from({ length: n }, (_, i) => ({ category: `c${i}`, value: 100 * (i + 1) })),
  unit: 'count', categoryTitle: 'Channel', valueTitle: 'Tickets' });
const weekHours = heatmapSpec({
  cells: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].flatMap((y) => Array.from({ length: 24 }, (_, h) => ({ x: String(h), y, value: h }))),
  unit: 'count', xTitle: 'Hour', yTitle: 'Day', valueTitle: 'Tickets',
});

describe('expectedHeight', () => {
  it.each([
    ['a trend of two series', trend(['Created', 'Resolved'])],
    ['a trend of one series', trend(['CSAT'])],
    ['5 bars', bars(5)],
    ['12 bars', bars(12)],
    ['a weekday x hour heat map', weekHours],
  ])('holds as much room as vega draws for %s', async (_name, spec) => {
    const expected = expectedHeight(spec);
    expect(expected).not.toBeNull();
    expect(Math.abs(expected! - await drawnHeight(spec))).toBeLessThanOrEqual(10);
  });

  it('has no guess for a chart whose height follows its container', () => {
    expect(expectedHeight({ ...bars(3), height: 'container' } as TopLevelSpec)).toBeNull();
  });
});
