// Horizontal bars per category (CSAT by team, tickets per subtype, ratings 1..5), longest first
// unless the categories have an order of their own; optional colour by group.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, ColumnUnit } from '../api/types.ts';
import { SCHEMA, axisFormat, chartFormat, chartNumber } from './chart-units.ts';
import type { Drillable, DrillOf } from './drill.ts';

/** drill: the tickets the bar counts (when it counts tickets). */
export interface Bar extends Drillable { category: string; value: number; group?: string }

export function toBars(rows: Record<string, Cell>[], category: string, value: string, unit: ColumnUnit, group?: string, drill?: DrillOf): Bar[] {
  return rows.flatMap((row) => {
    const v = chartNumber(row[value], unit);
    if (v === null) return [];
    const bar: Bar = { category: String(row[category] ?? '—'), value: v };
    if (group) bar.group = String(row[group] ?? '—');
    return [{ ...bar, ...drill?.(row) }];
  });
}

export interface BarInput {
  bars: Bar[];
  unit: ColumnUnit;
  categoryTitle: string;
  valueTitle: string;
  groupTitle?: string;
  /** 'value': longest bar first; 'given': the order of `bars` (e.g. ratings 1..5). */
  sort?: 'value' | 'given';
}

export function barSpec({ bars, unit, categoryTitle, valueTitle, groupTitle, sort = 'value' }: BarInput): TopLevelSpec {
  const grouped = bars.some((b) => b.group !== undefined);
  return {
    $schema: SCHEMA,
    width: 'container',
    height: { step: 18 },
    data: { values: bars },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'category', type: 'nominal', title: categoryTitle, sort: sort === 'value' ? '-x' : null },
      x: { field: 'value', type: 'quantitative', title: valueTitle, axis: { format: axisFormat(unit, bars.map((b) => b.value)) } },
      ...(grouped ? { color: { field: 'group', type: 'nominal' as const, title: groupTitle ?? '', legend: { orient: 'bottom' as const } } } : {}),
      tooltip: [
        { field: 'category', type: 'nominal', title: categoryTitle },
        ...(grouped ? [{ field: 'group', type: 'nominal' as const, title: groupTitle ?? '' }] : []),
        { field: 'value', type: 'quantitative', title: valueTitle, format: chartFormat(unit) },
      ],
    },
  };
}
