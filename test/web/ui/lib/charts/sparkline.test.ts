// A KPI tile's sparkline is one SVG path: its points run left to right by date (a missing day
// leaves a longer step) and from the lowest value at the bottom to the highest at the top.
import { describe, expect, it } from 'vitest';
import { SPARK_BOX, sparkline } from '../../../../../web/ui/lib/charts/sparkline.ts';

describe('sparkline', () => {
  it('places each bucket by its date and value, lowest at the bottom, and leaves out missing values', () => {
    const rows = [
      { bucket: '2026-11-03', created: 30 }, { bucket: '2026-11-01', created: 10 },
      { bucket: '2026-11-02', created: null }, { bucket: '2026-11-05', created: 20 },
    ];
    const { points, path } = sparkline(rows, 'bucket', 'created');
    expect(points.map((p) => [p.at, p.value])).toEqual([['2026-11-01', 10], ['2026-11-03', 30], ['2026-11-05', 20]]);
    expect(points.map((p) => p.x)).toEqual([0, SPARK_BOX.width / 2, SPARK_BOX.width]);
    const [low, high, middle] = points.map((p) => p.y) as [number, number, number];
    expect(low).toBe(SPARK_BOX.height - SPARK_BOX.pad);
    expect(high).toBe(SPARK_BOX.pad);
    expect(middle).toBe(SPARK_BOX.height / 2);
    expect(path).toBe('M0.00,30.00L50.00,2.00L100.00,16.00');
  });

  it('draws a flat line in the middle, and nothing without values', () => {
    expect(sparkline([{ b: '2026-11-01', v: 5 }, { b: '2026-11-02', v: 5 }], 'b', 'v').path).toBe('M0.00,16.00L100.00,16.00');
    expect(sparkline([{ b: '2026-11-01', v: null }], 'b', 'v')).toEqual({ points: [], path: '' });
  });
});
