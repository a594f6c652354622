// The Pareto of problem types: tickets per type as bars (growing types highlighted) in the API's
// order, and the cumulative share as a line on a second 0..100% axis.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell } from '../api/types.ts';
import { SCHEMA } from './chart-units.ts';
import type { Drillable, DrillOf } from './drill.ts';

/** A bar is the tickets of one problem type created in the range (drill: that list). */
export interface ParetoBar extends Drillable { category: string; tickets: number; cumulative: number; growing: boolean }

export function toPareto(rows: Record<string, Cell>[], drill?: DrillOf): ParetoBar[] {
  return rows.flatMap((row) => typeof row.tickets === 'number' && typeof row.cumulative_share === 'number'
    ? [{ category: String(row.problem_type ?? '—'), tickets: row.tickets, cumulative: row.cumulative_share, growing: row.growing === true, ...drill?.(row) }]
    : []);
}

export interface ParetoInput {
  bars: ParetoBar[];
  categoryTitle: string;
  ticketsTitle: string;
  cumulativeTitle: string;
  growingTitle: string;
  /** How the legend and tooltips say growing or not, in the chosen language. */
  yesNo: { yes: string; no: string };
}

export function paretoSpec({ bars: given, categoryTitle, ticketsTitle, cumulativeTitle, growingTitle, yesNo }: ParetoInput): TopLevelSpec {
  const bars = given.map((b) => ({ ...b, growing: b.growing ? yesNo.yes : yesNo.no }));
  const x = { field: 'category', type: 'nominal' as const, title: categoryTitle, sort: null, axis: { labelAngle: -40 } };
  const tooltip = [
    { field: 'category', type: 'nominal' as const, title: categoryTitle },
    { field: 'tickets', type: 'quantitative' as const, title: ticketsTitle, format: ',d' },
    { field: 'cumulative', type: 'quantitative' as const, title: cumulativeTitle, format: '.1%' },
    { field: 'growing', type: 'nominal' as const, title: growingTitle },
  ];
  return {
    $schema: SCHEMA,
    width: 'container',
    height: 260,
    data: { values: bars },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'tickets', type: 'quantitative', title: ticketsTitle, axis: { format: ',d' } },
          color: { field: 'growing', type: 'nominal', title: growingTitle, scale: { domain: [yesNo.no, yesNo.yes], range: ['#4c78a8', '#e45756'] } },
          tooltip,
        },
      },
      {
        mark: { type: 'line', point: true, color: '#333' },
        encoding: {
          x,
          y: { field: 'cumulative', type: 'quantitative', title: cumulativeTitle, scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right' } },
          tooltip,
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
