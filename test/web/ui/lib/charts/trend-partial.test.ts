// Issue 18, item 2: a partial first or last bucket is drawn dashed and hollow, says "partial: 2 of
// 31 days" in its tooltip, and the axis has one label per bucket (the spec compiles with vega-lite).
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { partialBuckets } from '../../../../../warehouse/metrics/buckets.ts';
import { trendSpec, type Point } from '../../../../../web/ui/lib/charts/trend.ts';

const coverage = { title: 'Coverage', complete: 'complete', partial: (b: { days_covered: number; days_in_bucket: number }) => `partial: ${b.days_covered} of ${b.days_in_bucket} days` };

describe('partialBuckets', () => {
  it('marks the first and last buckets the range or today cuts short', () => {
    expect(partialBuckets('2026-09-15', '2026-12-31', 'month', '2026-12-02')).toEqual({
      '2026-09-01': { days_covered: 16, days_in_bucket: 30 },
      '2026-12-01': { days_covered: 2, days_in_bucket: 31 },
    });
    // 2026-11-11 is a Wednesday: its week has 5 days in the range; the range's end cuts the last week too.
    expect(partialBuckets('2026-11-11', '2026-11-20', 'week', '2026-12-03')).toEqual({
      '2026-11-09': { days_covered: 5, days_in_bucket: 7 },
      '2026-11-16': { days_covered: 5, days_in_bucket: 7 },
    });
    expect(partialBuckets('2026-11-01', '2026-11-30', 'month', '2026-12-03')).toEqual({});
    expect(partialBuckets('2026-11-11', '2026-11-20', 'day', '2026-11-15')).toEqual({});
  });
});

describe('trendSpec with partial buckets', () => {
  const months = ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'];
  const points: Point[] = months.flatMap((x, i) => [{ x, series: 'created', value: [40_000, 81_000, 80_000, 3_000][i]! },
    { x, series: 'resolved', value: [39_000, 80_000, 79_000, 2_500][i]! }]);
  const spec = trendSpec({
    points, unit: 'count', grain: 'month', xTitle: 'Date', yTitle: 'Tickets', seriesTitle: 'Series',
    partial: partialBuckets('2026-09-15', '2026-12-31', 'month', '2026-12-02'), coverage,
  }) as unknown as { layer: { data?: { values: Record<string, unknown>[] }; mark: { strokeDash?: number[] }; encoding?: { tooltip?: { field: string }[] } }[]; data: { values: Record<string, unknown>[] }; encoding: { x: { axis: { values: unknown[] } } } };

  it('draws the stretches into partial buckets dashed, per series, and the partial points hollow with their coverage', () => {
    const dashed = spec.layer.find((l) => l.mark.strokeDash)!;
    expect(dashed.data!.values.map((p) => `${p.series} ${p.x} ${p.segment}`)).toEqual([
      'created 2026-10-01 2026-09-01', 'created 2026-09-01 2026-09-01', 'created 2026-11-01 2026-12-01', 'created 2026-12-01 2026-12-01',
      'resolved 2026-10-01 2026-09-01', 'resolved 2026-09-01 2026-09-01', 'resolved 2026-11-01 2026-12-01', 'resolved 2026-12-01 2026-12-01',
    ]);
    const december = spec.data.values.find((p) => p.x === '2026-12-01' && p.series === 'created');
    expect(december).toMatchObject({ partial: true, coverage: 'partial: 2 of 31 days' });
    expect(spec.data.values.find((p) => p.x === '2026-11-01')).toMatchObject({ partial: false, coverage: 'complete' });
    expect(spec.layer.at(-1)!.encoding!.tooltip!.map((t) => t.field)).toContain('coverage');
  });

  it('puts one axis label per month bucket and compiles', () => {
    expect(spec.encoding.x.axis.values).toEqual([9, 10, 11, 12].map((month) => ({ year: 2026, month, date: 1, utc: true })));
    expect(() => compile(spec as never)).not.toThrow();
  });
});
