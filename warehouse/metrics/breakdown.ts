// The overview KPIs of the range per value of one dimension (team, channel, ...), most tickets first;
// the backlog is each value's at the end of the range.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DIMENSION_COLUMNS, FilterError, type Dimension, type MetricFilter } from './filter.ts';
import { OVERVIEW_KPIS, metricColumn, metricDefinition } from './catalog.ts';
import { DIMENSION_LABELS } from './columns.ts';
import { queryKpis } from './kpis.ts';
import { backlogAt, backlogMoves } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import type { Cell, MetricTable } from './table.ts';

export async function breakdown(db: DuckDBConnection, filter: MetricFilter, by: Dimension, options: { now?: Date } = {}): Promise<MetricTable> {
  if (!Object.hasOwn(DIMENSION_COLUMNS, by)) {
    throw new FilterError('by', `by: "${by}" is not a dimension; use one of ${Object.keys(DIMENSION_COLUMNS).join(', ')}`);
  }
  const rows = await queryKpis(db, filter, { key: 'dimension', dimension: by, now: options.now });
  const moves = await backlogMoves(db, filter, { dimension: by });
  const values = new Map<string | null, Record<string, Cell>>();
  const rowOf = (value: string | null) => {
    let row = values.get(value);
    if (!row) {
      row = { value };
      for (const k of OVERVIEW_KPIS) row[k] = metricDefinition(k).unit === 'count' ? 0 : null;
      values.set(value, row);
    }
    return row;
  };
  for (const r of rows) {
    const row = rowOf(r.key as string | null);
    // every asked KPI is in r: counts 0 when no facts, first response KPIs null when not measured
    for (const k of OVERVIEW_KPIS) if (k !== 'backlog' && k in r) row[k] = r[k]!;
  }
  const movesByValue = new Map<string | null, typeof moves>();
  for (const m of moves) {
    const list = movesByValue.get(m.dim_value);
    if (list) list.push(m); else movesByValue.set(m.dim_value, [m]);
  }
  for (const [value, list] of movesByValue) {
    const backlog = backlogAt(list, filter.to);
    if (backlog !== 0 || values.has(value)) rowOf(value).backlog = backlog;
  }
  const sorted = [...values.values()].sort((a, b) => (b.volume as number) - (a.volume as number)
    || String(a.value ?? '\uffff').localeCompare(String(b.value ?? '\uffff')));
  return {
    name: `breakdown-${by}`,
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: null,
    clock: filter.clock ?? 'business',
    columns: [{ key: 'value', label: DIMENSION_LABELS[by], unit: 'text' }, ...OVERVIEW_KPIS.map((k) => metricColumn(k))],
    rows: sorted,
    firstResponse: (await firstResponseCoverage(db, filter)).current,
  };
}
