// The breakdown panel's charts (/api/breakdown): a few headline KPIs per value of one dimension, each
// bar drilling to the tickets behind that bar's number (the value's filter plus the KPI's own mark,
// as a trend point of the same KPI does: seriesMark).
import type { Cell, ColumnUnit, MetricTable } from '../api/types.ts';
import { toBars, type Bar } from './bar.ts';
import { seriesMark, ticketsHref } from './drill.ts';

/** The dimensions a manager breaks the desk down by, first the default. */
export const BREAKDOWN_DIMENSIONS = ['channel', 'team', 'product', 'region'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** The KPIs drawn, each a chart: volume, first response median, SLA attainment (first response), CSAT. */
export const BREAKDOWN_MEASURES = ['volume', 'frt_median', 'sla_frt', 'csat'] as const;

/** The tickets behind one bar: the page's filter, the table's range, the KPI's mark and the value (replacing the page's values of that dimension). */
export function breakdownHref(params: URLSearchParams, period: MetricTable['period'], dimension: BreakdownDimension, value: string,
  measure: string): string | null {
  const mark = seriesMark(measure);
  return mark ? ticketsHref(params, period, { ...mark, [dimension]: value }) : null;
}

/**
 * One measure's bars over the breakdown's rows (values shown by name); `idOf` finds a shown value's id
 * (null for '—', which no filter can ask for: that bar has no drill) and `label` says what a bar is.
 */
export function breakdownBars(table: MetricTable, measure: string, unit: ColumnUnit, drill: null | {
  params: URLSearchParams; dimension: BreakdownDimension; idOf: (shown: Cell | undefined) => string | null;
  label: (row: Record<string, Cell>) => string;
}): Bar[] {
  return toBars(table.rows, 'value', measure, unit, undefined, (row) => {
    const id = drill ? drill.idOf(row.value) : null;
    const href = drill && id ? breakdownHref(drill.params, table.period, drill.dimension, id, measure) : null;
    return href && drill ? { drill: href, drillLabel: drill.label(row) } : null;
  });
}
