// A heat map of one count over two categories (problem type x region or product), darker for more.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, ColumnUnit } from '../api/types.ts';
import { SCHEMA, chartFormat, chartNumber } from './chart-units.ts';
import type { Drillable, DrillOf } from './drill.ts';

/** drill: the tickets the cell counts. */
export interface HeatCell extends Drillable { x: string; y: string; value: number }

export function toHeatCells(rows: Record<string, Cell>[], x: string, y: string, value: string, unit: ColumnUnit, drill?: DrillOf): HeatCell[] {
  return rows.flatMap((row) => {
    const v = chartNumber(row[value], unit);
    return v === null ? [] : [{ x: String(row[x] ?? '—'), y: String(row[y] ?? '—'), value: v, ...drill?.(row) }];
  });
}

export interface HeatmapInput {
  cells: HeatCell[];
  unit: ColumnUnit;
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  /** The categories in their own order (weekdays, hours); default: sorted by name. */
  xOrder?: string[];
  yOrder?: string[];
}

export function heatmapSpec({ cells, unit, xTitle, yTitle, valueTitle, xOrder, yOrder }: HeatmapInput): TopLevelSpec {
  return {
    $schema: SCHEMA,
    width: 'container',
    height: { step: 22 },
    data: { values: cells },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'x', type: 'nominal', title: xTitle, axis: { labelAngle: -40 }, ...(xOrder ? { sort: xOrder } : {}) },
      y: { field: 'y', type: 'nominal', title: yTitle, ...(yOrder ? { sort: yOrder } : {}) },
      color: { field: 'value', type: 'quantitative', title: valueTitle, scale: { scheme: 'blues' } },
      tooltip: [
        { field: 'y', type: 'nominal', title: yTitle },
        { field: 'x', type: 'nominal', title: xTitle },
        { field: 'value', type: 'quantitative', title: valueTitle, format: chartFormat(unit) },
      ],
    },
    config: { view: { stroke: null } },
  };
}
