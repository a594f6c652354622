// The forecast chart drawn as the page draws it (vega-lite compiled, patched, vega with the
// expression interpreter) has no per-item expression left in its marks, and every hovered period
// still shows its tooltip: the values the chart's data table lists, formatted as before.
import { parse, View, type Spec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartTable } from '../../../../../web/ui/lib/charts/chart-table.ts';
import { forecastSpec, type ForecastLabels } from '../../../../../web/ui/lib/charts/forecast.ts';
import { precomputedPatch } from '../../../../../web/ui/lib/charts/precomputed.ts';

const labels: ForecastLabels = {
  time: 'Time', arrivals: 'Arrivals', history: 'Actual', p50: 'Forecast (p50)', band: 'p10-p90', peak: 'Peak', p10: 'p10', p90: 'p90', series: 'Series',
};
const spec = forecastSpec({
  daily: false, labels,
  rows: [
    { kind: 'history', start: '2026-12-03T09:00:00+08:00', actual: 1234 },
    { kind: 'history', start: '2026-12-03T10:00:00+08:00', actual: 0 },
    { kind: 'forecast', start: '2026-12-04T09:00:00+08:00', p10: 8, p50: 10.25, p90: 1300.04 },
    { kind: 'forecast', start: '2026-12-04T10:00:00+08:00', p10: 9, p50: 12, p90: 16 },
  ],
  peaks: [{ start: '2026-12-04T09:00:00+08:00', p10: 8, p50: 10.25, p90: 1300.04 }],
});

interface VgMark { type: string; encode?: Record<string, Record<string, unknown>>; marks?: VgMark[] }
const marksOf = (marks: VgMark[] = []): VgMark[] => marks.flatMap((m) => [m, ...marksOf(m.marks)]);
// As Chart.svelte draws it: vega's English ARIA descriptions off (one more expression per item otherwise).
const drawn = { ...spec, config: { ...(spec as { config?: object }).config, aria: false } } as TopLevelSpec;
const patched = () => precomputedPatch(drawn)!(compile(drawn).spec as Spec) as Spec & { marks: VgMark[] };

describe('precomputedPatch', () => {
  it('leaves the forecast chart\'s marks without an expression per item: no validity test, tooltips read from a field', () => {
    const marks = marksOf(patched().marks);
    expect(marks.length).toBeGreaterThan(4);
    for (const mark of marks) {
      const text = JSON.stringify(mark.encode ?? {});
      // A group's own size signals are evaluated once, not per item.
      if (mark.type !== 'group') expect(text, mark.type).not.toMatch(/"(signal|test)"/);
    }
    const tooltips = marks.flatMap((m) => Object.values(m.encode ?? {}).map((set) => set.tooltip).filter(Boolean));
    expect(tooltips.length).toBe(3);
    for (const t of tooltips) expect(t).toEqual({ field: 'tip' });
  });

  it('draws with vega\'s interpreter, each hovered period\'s tooltip being what the data table lists', async () => {
    const view = new View(parse(patched(), {}, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
    await view.runAsync();
    const scene = (view.scenegraph() as unknown as { root: unknown }).root as { items: { items: { marktype: string; items: { tooltip?: unknown; datum: { series: string } }[] }[] }[] };
    const points = scene.items[0]!.items.filter((m) => m.marktype === 'symbol').flatMap((m) => m.items);
    const hovered = points.filter((p) => p.datum.series !== labels.peak).map((p) => p.tooltip);
    expect(hovered).toEqual([
      { Time: '2026-12-03 09:00', Actual: '1,234' },
      { Time: '2026-12-03 10:00', Actual: '0' },
      { Time: '2026-12-04 09:00', p10: '8.0', 'Forecast (p50)': '10.3', p90: '1,300.0' },
      { Time: '2026-12-04 10:00', p10: '9.0', 'Forecast (p50)': '12.0', p90: '16.0' },
    ]);
    expect(points.find((p) => p.datum.series === labels.peak)?.tooltip).toEqual(hovered[2]);
    // The same periods and values as the chart's data table (which reads the spec's tooltip fields).
    const table = chartTable(spec, 'en');
    expect(table.columns).toEqual(['Time', 'Actual', 'p10', 'Forecast (p50)', 'p90']);
    expect(table.rows.map((r) => r[0])).toEqual(hovered.map((t) => (t as { Time: string }).Time));
    view.finalize();
  });

  it('patches nothing for a chart that did not precompute, and keeps a test that is not vega-lite\'s validity test', () => {
    expect(precomputedPatch({ ...spec, usermeta: {} } as TopLevelSpec)).toBeUndefined();
    const kept = { test: 'datum.value > 3', value: 'red' };
    const compiled = { marks: [{ type: 'symbol', encode: { update: { fill: [kept, { value: 'grey' }] } } }] } as unknown as Spec;
    expect((precomputedPatch(spec)!(compiled) as unknown as { marks: VgMark[] }).marks[0]!.encode!.update!.fill).toEqual([kept, { value: 'grey' }]);
  });
});
