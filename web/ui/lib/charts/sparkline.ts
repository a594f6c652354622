// The small line inside a KPI tile: the metric per day over the range, no axes, with tooltips.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, ColumnUnit } from '../api/types.ts';
import { SCHEMA, chartFormat, chartNumber } from './chart-units.ts';

export interface SparkInput {
  rows: Record<string, Cell>[];
  x: string;
  y: string;
  unit: ColumnUnit;
}

export function sparklineSpec({ rows, x, y, unit }: SparkInput): TopLevelSpec {
  const values = rows
    .map((row) => ({ x: row[x], y: chartNumber(row[y], unit) }))
    .filter((p): p is { x: string; y: number } => typeof p.x === 'string' && p.y !== null);
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 32,
    padding: 2,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5, interpolate: 'monotone', point: false },
    encoding: {
      x: { field: 'x', type: 'temporal', axis: null, scale: { type: 'utc' } },
      y: { field: 'y', type: 'quantitative', axis: null, scale: { zero: false } },
      tooltip: [
        { field: 'x', type: 'nominal' },
        { field: 'y', type: 'quantitative', format: chartFormat(unit) },
      ],
    },
    config: { view: { stroke: null } },
  };
}
