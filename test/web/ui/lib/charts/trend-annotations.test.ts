// A trend's compared period (dashed, aligned bucket by bucket), promotion and holiday rules and target
// lines, as vega-lite data: checked without a browser, and compiled by vega-lite to the named marks.
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { foldSeries, trendSpec } from '../../../../../web/ui/lib/charts/trend.ts';
import { alignPrevious, annotateTrend, markersOf, type TrendAnnotations } from '../../../../../web/ui/lib/charts/trend-annotations.ts';

const SERIES = [{ key: 'csat', label: 'CSAT' }];
const current = foldSeries([{ bucket: '2026-12-01', csat: 0.8 }, { bucket: '2026-12-02', csat: 0.7 }, { bucket: '2026-12-03', csat: null }], 'bucket', SERIES, 'ratio');
const before = foldSeries([{ bucket: '2026-11-01', csat: 0.6 }, { bucket: '2026-11-02', csat: 0.65 }, { bucket: '2026-11-03', csat: 0.9 }], 'bucket', SERIES, 'ratio');
const spec = trendSpec({ points: current, unit: 'ratio', grain: 'day', xTitle: 'Date', yTitle: 'Value', seriesTitle: 'Series' });
const [NOVEMBER, DECEMBER] = [['2026-11-01', '2026-11-02', '2026-11-03'], ['2026-12-01', '2026-12-02', '2026-12-03']];
const TITLES: TrendAnnotations['titles'] = { marker: 'Marked day', target: 'Target', date: 'Date', value: 'Value', series: 'Series' };

type Layer = { name?: string; data?: { values: Record<string, unknown>[] }; mark?: { type: string; strokeDash?: number[]; baseline?: string }; layer?: Layer[] };

describe('trend annotations', () => {
  it('puts the compared period\'s i-th bucket over the current i-th, keeping its own date', () => {
    expect(alignPrevious(before, NOVEMBER, DECEMBER)).toEqual([
      { x: '2026-12-01', series: 'CSAT', value: 0.6, bucket: '2026-11-01' },
      { x: '2026-12-02', series: 'CSAT', value: 0.65, bucket: '2026-11-02' },
      // by the tables' buckets, not by the points: the current 3rd has no value, the compared one is drawn
      { x: '2026-12-03', series: 'CSAT', value: 0.9, bucket: '2026-11-03' },
    ]);
    // a longer compared period: its buckets past the range's are left out
    expect(alignPrevious(before, NOVEMBER, DECEMBER.slice(0, 2)).map((p) => p.bucket)).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('leaves a gap, not 0, for the compared period\'s days before the data starts', () => {
    // the warehouse's first ticket on 2 November: the 1st holds no data (its count would read 0)
    const counts = foldSeries([{ bucket: '2026-11-01', created: 0 }, { bucket: '2026-11-02', created: 5 }, { bucket: '2026-11-03', created: 7 }], 'bucket', [{ key: 'created', label: 'Created' }], 'count');
    expect(alignPrevious(counts, NOVEMBER, DECEMBER, '2026-11-02').map((p) => [p.x, p.value])).toEqual([['2026-12-02', 5], ['2026-12-03', 7]]);
    const drawn = annotateTrend(spec, { unit: 'count', titles: TITLES, previous: { points: counts, title: 'Previous period', buckets: NOVEMBER, onto: DECEMBER, from: '2026-11-02' } }) as { layer: Layer[] };
    expect(drawn.layer.find((l) => l.name === 'previous_period')!.data!.values.map((v) => v.bucket)).toEqual(['2026-11-02', '2026-11-03']);
  });

  it('leaves the trend as it is when there is nothing to add', () => {
    expect(annotateTrend(spec, { unit: 'ratio', titles: TITLES })).toBe(spec);
  });

  it('layers the trend first, then the dashed compared line, the promotion and holiday rules and the targets', () => {
    const drawn = annotateTrend(spec, {
      unit: 'ratio', titles: TITLES,
      previous: { points: before, title: 'Same period last month', buckets: NOVEMBER, onto: DECEMBER },
      markers: [{ date: '2026-12-02', kind: 'promotion', label: 'Promotion: 12.2' }, { date: '2026-12-01', kind: 'holiday', label: 'Holiday' }],
      targets: [{ value: 0.8, label: 'Target CSAT 80%' }],
    }) as unknown as { layer: Layer[]; width: unknown; $schema: string };
    const [trend, ...added] = drawn.layer;
    expect(trend!.data!.values).toHaveLength(2);
    expect(added.map((l) => l.name)).toEqual(['previous_period', 'promotion_markers', 'holiday_markers', 'targets']);
    expect(added[0]!.mark).toMatchObject({ type: 'line', strokeDash: [4, 3] });
    expect(added[0]!.data!.values[0]).toMatchObject({ x: '2026-12-01', bucket: '2026-11-01', compared: 'Same period last month' });
    expect(added[1]!.data!.values).toEqual([{ x: '2026-12-02', bucket: '2026-12-02', marker: 'Promotion: 12.2' }]);
    expect(added[3]!.data!.values).toEqual([{ value: 0.8, target: 'Target CSAT 80%' }]);
    expect(drawn.width).toBe('container');
    // vega-lite compiles it, with one axis per channel and the named marks the browser test finds
    const compiled = JSON.stringify(compile(drawn as never).spec);
    for (const name of ['previous_period_marks', 'promotion_markers_marks', 'holiday_markers_marks', 'targets_layer_0_marks']) expect(compiled).toContain(`"name":"${name}"`);
  });

  it('labels the highest target above its line and the others below theirs, so close targets do not overlap', () => {
    const drawn = annotateTrend(spec, { unit: 'ratio', titles: TITLES, targets: [{ value: 0.85, label: 'Target SLA resolution 85%' }, { value: 0.9, label: 'Target SLA first response 90%' }] }) as unknown as { layer: Layer[] };
    const [, labelAbove, labelBelow] = drawn.layer[1]!.layer!;
    expect(labelAbove!.data!.values).toEqual([{ value: 0.9, target: 'Target SLA first response 90%' }]);
    expect(labelAbove!.mark).toMatchObject({ type: 'text', baseline: 'bottom' });
    expect(labelBelow!.data!.values).toEqual([{ value: 0.85, target: 'Target SLA resolution 85%' }]);
    expect(labelBelow!.mark).toMatchObject({ type: 'text', baseline: 'top' });
    expect(JSON.stringify(compile(drawn as never).spec)).toContain('"name":"targets_layer_2_marks"');
  });

  it('draws duration targets in hours, as the chart plots durations', () => {
    const drawn = annotateTrend(spec, { unit: 'seconds', titles: TITLES, targets: [{ value: 7200, label: 'Target 2h' }] }) as unknown as { layer: Layer[] };
    expect(drawn.layer[1]!.data!.values).toEqual([{ value: 2, target: 'Target 2h' }]);
  });

  it('names promotions by their config name and holidays plainly, in the page\'s words', () => {
    const found = { markers: [
      { date: '2026-11-11', kind: 'promotion' as const, name: '双十一', calendars: [] },
      { date: '2026-11-14', kind: 'promotion' as const, name: null, calendars: [] },
      { date: '2026-11-12', kind: 'holiday' as const, name: null, calendars: ['office'] },
    ], targets: [] };
    expect(markersOf(found, { promotion: '促销日', holiday: '节假日' })).toEqual([
      { date: '2026-11-11', kind: 'promotion', label: '促销日: 双十一' },
      { date: '2026-11-14', kind: 'promotion', label: '促销日' },
      { date: '2026-11-12', kind: 'holiday', label: '节假日' },
    ]);
    expect(markersOf(null, { promotion: 'Promotion', holiday: 'Holiday' })).toEqual([]);
  });
});
