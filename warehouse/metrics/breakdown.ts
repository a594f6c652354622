// The overview KPIs of the range per value of one dimension (team, channel, ...), most tickets first;
// the backlog is each value's at the end of the range. An unfiltered range in the daily rollup's zone
// by one of its dimensions (ROLLUP_DIMENSIONS) sums the rollup per value (source says which).
import type { DuckDBConnection } from '@duckdb/node-api';
import { DIMENSION_COLUMNS, FilterError, type Dimension, type MetricFilter } from './filter.ts';
import { OVERVIEW_KPIS, metricColumn, metricDefinition } from './catalog.ts';
import { DIMENSION_LABELS } from './columns.ts';
import { queryKpis } from './kpis.ts';
import { backlogAt, backlogMoves } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import type { Cell, FirstResponseCoverage, MetricTable } from './table.ts';
import { ROLLUP_DIMENSIONS, rollupAnswers, rollupFigures, rollupZone, type RollupDimension } from '../rollups/daily-rollup.ts';

/** A breakdown's rows before sorting: its KPIs per value, its backlog at the range's end. */
interface ValueFigures { values: Map<string | null, Record<string, Cell>>; firstResponse: FirstResponseCoverage }

function emptyRow(value: string | null): Record<string, Cell> {
  const row: Record<string, Cell> = { value };
  for (const k of OVERVIEW_KPIS) row[k] = metricDefinition(k).unit === 'count' ? 0 : null;
  return row;
}

/** `rollup`: from the daily rollup when it answers the filter and keeps `by` (source says which). */
export async function breakdown(db: DuckDBConnection, filter: MetricFilter, by: Dimension, options: { now?: Date; rollup?: boolean } = {}): Promise<MetricTable> {
  if (!Object.hasOwn(DIMENSION_COLUMNS, by)) {
    throw new FilterError('by', `by: "${by}" is not a dimension; use one of ${Object.keys(DIMENSION_COLUMNS).join(', ')}`);
  }
  const source = options.rollup && (ROLLUP_DIMENSIONS as readonly string[]).includes(by) && rollupAnswers(filter, await rollupZone(db)) ? 'rollup' : 'facts';
  const { values, firstResponse } = source === 'rollup' ? await rollupValues(db, filter, by as RollupDimension, options.now)
    : await factValues(db, filter, by, options.now);
  const sorted = [...values.values()].sort((a, b) => (b.volume as number) - (a.volume as number)
    || String(a.value ?? '\uffff').localeCompare(String(b.value ?? '\uffff')));
  return {
    name: `breakdown-${by}`,
    source,
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: null,
    clock: filter.clock ?? 'business',
    columns: [{ key: 'value', label: DIMENSION_LABELS[by], unit: 'text' }, ...OVERVIEW_KPIS.map((k) => metricColumn(k))],
    rows: sorted,
    firstResponse,
  };
}

/** The values with a fact in the range (the KPI query's rows) or a backlog at its end, from the rollup. */
async function rollupValues(db: DuckDBConnection, filter: MetricFilter, by: RollupDimension, now: Date | undefined): Promise<ValueFigures> {
  const figures = await rollupFigures(db, filter.timezone, [{ key: 'current', from: filter.from, to: filter.to }], { now, clock: filter.clock, dimension: by });
  const values = new Map<string | null, Record<string, Cell>>();
  for (const { value, period, facts } of figures) {
    if (facts === 0 && period.backlog === 0) continue;
    const row = emptyRow(value);
    if (facts > 0) for (const k of OVERVIEW_KPIS) if (k !== 'backlog' && k in period.kpis) row[k] = period.kpis[k]!;
    row.backlog = period.backlog;
    values.set(value, row);
  }
  return { values, firstResponse: figures[0]!.period.coverage };
}

async function factValues(db: DuckDBConnection, filter: MetricFilter, by: Dimension, now: Date | undefined): Promise<ValueFigures> {
  const rows = await queryKpis(db, filter, { key: 'dimension', dimension: by, now });
  const moves = await backlogMoves(db, filter, { dimension: by });
  const values = new Map<string | null, Record<string, Cell>>();
  const rowOf = (value: string | null) => {
    let row = values.get(value);
    if (!row) {
      row = emptyRow(value);
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
  return { values, firstResponse: (await firstResponseCoverage(db, filter)).current };
}
