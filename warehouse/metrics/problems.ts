// Which problems keep coming: problem-type frequency as a Pareto with the previous period, reopen
// and repeat-contact rates, per type or per (type, subtype); the trend per bucket; type x region/product.
import type { DuckDBConnection } from '@duckdb/node-api';
import { comparability } from './comparability.ts';
import { addDays } from './comparison.ts';
import { rollupAnswers, rollupZone } from '../rollups/daily-rollup.ts';
import { FilterError, filterParams, periodBounds, previousPeriod, type MetricFilter } from './filter.ts';
import { metricSql, queryRows, type Row } from './metric-sql.ts';
import { localTimeParams } from './local-time.ts';
import { EXPECTED_HISTORY_DAYS, isGrowing } from './problem-growth-rule.ts';
import { calendarBuckets, partialBucketsOf, type CalendarGrain } from './buckets.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import type { MetricTable } from './table.ts';

/** How close after a ticket the same customer's next ticket of the same type makes it a repeat contact. */
export const REPEAT_CONTACT_DAYS = 7;

const PARETO = ['tickets', 'share', 'cumulative_share', 'previous', 'delta_pct', 'expected', 'vs_expected', 'growing', 'promotion_days',
  'promotion_window_days', 'reopen_rate', 'repeat_contact_rate'] as const;

/**
 * sql/problem-expected.sql per (type, subtype) key: the expected count and the promotion days of the
 * range; its history the local days from EXPECTED_HISTORY_DAYS before it, `rollup`: from the daily rollup.
 */
async function expectedCounts(db: DuckDBConnection, filter: MetricFilter, bySubtype: boolean, rollup: boolean): Promise<Map<string, Row>> {
  const { end } = periodBounds(filter);
  const historyFrom = addDays(filter.from, -EXPECTED_HISTORY_DAYS);
  const historyStart = periodBounds({ ...filter, from: historyFrom, to: historyFrom }).start;
  const params = {
    ...filterParams(filter), ...localTimeParams(filter.timezone, historyStart, end), rollup,
    history_start: historyStart.toISOString(), history_from: historyFrom, from: filter.from, to: filter.to, by_subtype: bySubtype,
  };
  const rows = await queryRows(db, metricSql('problem-expected'), params);
  return new Map(rows.map((r) => [typeKey(r), r]));
}

const typeKey = (r: Row) => JSON.stringify([r.problem_type ?? null, r.problem_subtype ?? null]);

/**
 * Tickets created in the range per problem type (or type and subtype), most frequent first.
 * - share / cumulative_share: of all tickets created in the range that match the filter.
 * - previous / delta_pct: the period compared with (comparison.ts; default the period before).
 * - expected / vs_expected / growing: what the calendar expects (sql/problem-expected.sql: same weekday,
 *   the days around promotion days), how far above it, and whether that is growth (isGrowing); the
 *   range's promotion days and days around one (-3..+13).
 * - reopen_rate: tickets first resolved in the range that were reopened at least once / those tickets.
 * - repeat_contact_rate: tickets created in the range with a customer and a type, for which the same
 *   customer created another ticket of the same type (any team or channel) later, at most 7 days after
 *   (ties by ticket id: of two at the same instant the first is the repeated one) / those tickets.
 */
export async function problems(db: DuckDBConnection, filter: MetricFilter, options: { bySubtype?: boolean; rollup?: boolean } = {}): Promise<MetricTable> {
  const bySubtype = options.bySubtype ?? false;
  const previousFilter = previousPeriod(filter);
  const previous = periodBounds(previousFilter);
  const zone = options.rollup ? await rollupZone(db) : null;
  const rollup = rollupAnswers(filter, zone) && rollupAnswers(previousFilter, zone);
  const params = { ...filterParams(filter), prev_start: previous.start.toISOString(), prev_end: previous.end.toISOString(), by_subtype: bySubtype,
    rollup, from: filter.from, to: filter.to, prev_from: previousFilter.from, prev_to: previousFilter.to };
  const rows = await queryRows(db, metricSql('problems'), params);
  const expected = await expectedCounts(db, filter, bySubtype, rollup);
  for (const row of rows) {
    const e = expected.get(typeKey(row));
    const tickets = Number(row.tickets);
    row.expected = (e?.expected as number | null | undefined) ?? null;
    row.vs_expected = row.expected === null || row.expected === 0 ? null : tickets / row.expected - 1;
    row.growing = isGrowing(tickets, row.expected);
    row.promotion_days = Number(e?.promotion_days ?? 0);
    row.promotion_window_days = Number(e?.promotion_window_days ?? 0);
  }
  // A period before the data, or only partly in it, has no counts to compare with: not 0.
  const comparison = await comparability(db, filter, rollup);
  const shown = comparison.unavailable === null ? rows : rows.filter((r) => Number(r.tickets) > 0).map((r) => ({ ...r, previous: null, delta_pct: null }));
  const columns = bySubtype ? peopleColumns('problem_type', 'problem_subtype', ...PARETO) : peopleColumns('problem_type', ...PARETO);
  return { ...peopleTable(bySubtype ? 'problem-subtypes' : 'problems', filter, columns, shown, { comparesPrevious: true }), comparison,
    source: rollup ? 'rollup' : 'facts' };
}

export const TREND_GRAINS = ['day', 'week', 'month'] as const satisfies readonly CalendarGrain[];

/** Tickets per bucket and problem type, with a zero row for every bucket of the range and every type seen. */
export async function problemTrend(db: DuckDBConnection, filter: MetricFilter, grain: string): Promise<MetricTable> {
  if (!(TREND_GRAINS as readonly string[]).includes(grain)) {
    throw new FilterError('grain', `grain: "${grain}" is not a trend grain; use one of ${TREND_GRAINS.join(', ')}`);
  }
  const found = await queryRows(db, metricSql('problem-trend'), { ...filterParams(filter), grain });
  const count = new Map(found.map((r) => [`${r.bucket}\u0000${r.problem_type}`, Number(r.tickets)]));
  const types = [...new Set(found.map((r) => r.problem_type as string | null))]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const rows: Row[] = calendarBuckets(filter.from, filter.to, grain as CalendarGrain).flatMap((bucket) =>
    types.map((type) => ({ bucket, problem_type: type, tickets: count.get(`${bucket}\u0000${type}`) ?? 0 })));
  return { ...peopleTable(`problems-trend-${grain}`, filter, peopleColumns('bucket', 'problem_type', 'tickets'), rows),
    partial: partialBucketsOf(filter, grain as CalendarGrain) };
}

export const HEATMAP_DIMENSIONS = ['region', 'product'] as const;

/** Tickets created in the range per problem type and region or product. */
export async function problemHeatmap(db: DuckDBConnection, filter: MetricFilter, by: string): Promise<MetricTable> {
  if (!(HEATMAP_DIMENSIONS as readonly string[]).includes(by)) {
    throw new FilterError('by', `by: "${by}" is not a heat map dimension; use one of ${HEATMAP_DIMENSIONS.join(', ')}`);
  }
  const rows = await queryRows(db, metricSql('problem-heatmap'), { ...filterParams(filter), by });
  return peopleTable(`problems-by-${by}`, filter, peopleColumns('problem_type', 'value', 'tickets'), rows);
}
