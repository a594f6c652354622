// Backlog: tickets created and not finally resolved/closed at the end of each local day (see
// sql/backlog.sql and doneAt in metric-sql.ts), as a day series, and at a period's end per dimension.
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Dimension, type MetricFilter } from './filter.ts';
import { localDays } from './buckets.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { metricParams } from './kpis.ts';
import { COLUMNS } from './columns.ts';
import { metricColumn } from './catalog.ts';
import type { MetricTable } from './table.ts';
import { rollupBacklogMoves } from '../rollups/rollup-backlog.ts';

export interface BacklogMove { dim_value: string | null; day: string | null; created: number; done: number }
export interface BacklogDay { day: string; backlog: number; created: number; resolved: number }

/**
 * Created and done counts per dimension value and local day of the range (day null: before it).
 * `rollup`: without a dimension, from the daily rollup when it answers the filter (the same counts).
 */
export async function backlogMoves(db: DuckDBConnection, filter: MetricFilter,
  options: { dimension?: Dimension; rollup?: boolean } = {}): Promise<BacklogMove[]> {
  return (await sourcedMoves(db, filter, options)).moves;
}

/** backlogMoves with which source answered them. */
async function sourcedMoves(db: DuckDBConnection, filter: MetricFilter,
  options: { dimension?: Dimension; rollup?: boolean }): Promise<{ moves: BacklogMove[]; source: 'rollup' | 'facts' }> {
  const fromRollup = options.rollup && !options.dimension ? await rollupBacklogMoves(db, filter) : null;
  if (fromRollup) return { moves: fromRollup, source: 'rollup' };
  const sql = metricSql('backlog', { dimension: options.dimension ?? null });
  return { moves: (await queryRows(db, sql, metricParams(filter))) as unknown as BacklogMove[], source: 'facts' };
}

/** The day series over `days` (every day, in order) from the moves of one dimension value. */
export function backlogSeries(moves: BacklogMove[], days: string[]): BacklogDay[] {
  const byDay = new Map<string | null, BacklogMove>();
  for (const m of moves) byDay.set(m.day, m);
  const before = byDay.get(null);
  let open = before ? before.created - before.done : 0;
  return days.map((day) => {
    const m = byDay.get(day);
    open += (m?.created ?? 0) - (m?.done ?? 0);
    return { day, backlog: open, created: m?.created ?? 0, resolved: m?.done ?? 0 };
  });
}

/** Backlog at the end of local day `last` (moves of one dimension value): created - done up to then. */
export function backlogAt(moves: BacklogMove[], last: string): number {
  return moves.filter((m) => m.day === null || m.day <= last).reduce((n, m) => n + m.created - m.done, 0);
}

/** The day series of `filter`'s range; `rollup`: from the daily rollup when it answers (source says which). */
export async function backlogTable(db: DuckDBConnection, filter: MetricFilter, options: { rollup?: boolean } = {}): Promise<MetricTable> {
  const { moves, source } = await sourcedMoves(db, filter, options);
  const rows = backlogSeries(moves, localDays(filter.from, filter.to));
  return {
    name: 'backlog', source, period: { from: filter.from, to: filter.to, timezone: filter.timezone }, previous: null,
    clock: filter.clock ?? 'business',
    columns: [COLUMNS.day, metricColumn('backlog'), COLUMNS.created, COLUMNS.resolved],
    rows: rows.map((r) => ({ ...r })),
  };
}
