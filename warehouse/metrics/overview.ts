// The overview: every KPI of the catalog's overview list for the range and for the period it is
// compared with (comparison.ts), with the change. The KPI query and the backlog moves per period; the
// recent tickets not answered or resolved yet (censoring.ts) ride on the unanswered, first response
// and resolution rows, and unanswered compares with the previous period as it stood at the same age.
import type { DuckDBConnection } from '@duckdb/node-api';
import { previousPeriod, type MetricFilter } from './filter.ts';
import { FIRST_RESPONSE_KPIS, OVERVIEW_KPIS, metricDefinition, type MetricKey } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { compare } from './compare.ts';
import { adjoins, queryKpis } from './kpis.ts';
import { APPROXIMATE_KPIS, rollupAnswers, rollupPeriods, rollupZone } from '../rollups/daily-rollup.ts';
import { backlogAt, backlogMoves } from './backlog.ts';
import { firstResponseCoverage } from './first-response.ts';
import { censoring, type Censoring } from './censoring.ts';
import type { Cell, FirstResponseCoverage, MetricTable, TableComparison } from './table.ts';
import { comparability } from './comparability.ts';

/** The cells a row carries about its period's censored tickets (catalog keys), beside value and previous. */
function censoredCells(metric: MetricKey, c: Censoring, previousFinal: number | null): Record<string, Cell> {
  const previous_as_of = c.previousAsOf.toISOString();
  switch (metric) {
    case 'unanswered': return { previous_final: previousFinal, previous_as_of };
    case 'frt_median': return {
      unanswered: c.current.unanswered, unanswered_age_median: c.current.unanswered_age_median, unanswered_age_max: c.current.unanswered_age_max,
      unanswered_off_hours: c.current.unanswered_off_hours, unanswered_off_hours_wall_age_max: c.current.unanswered_off_hours_wall_age_max,
      frt_median_bound: c.current.frt_median_bound, frt_median_bound_previous: c.previous.frt_median_bound, previous_as_of,
    };
    case 'resolution_median': return {
      open_created: c.current.open_created, open_age_median: c.current.open_age_median, open_age_max: c.current.open_age_max,
      open_off_hours: c.current.open_off_hours, open_off_hours_wall_age_max: c.current.open_off_hours_wall_age_max,
      resolution_median_bound: c.current.resolution_median_bound,
    };
    default: return {};
  }
}

/** Everything of the overview but its censored counts: a function of the data (and the SLA clocks' `now`). */
export interface OverviewKpis {
  filter: MetricFilter;
  previous: MetricFilter;
  current: Record<string, unknown> | undefined;
  before: Record<string, unknown> | undefined;
  backlog: { current: number | null; previous: number | null };
  coverage: { current: FirstResponseCoverage; previous: FirstResponseCoverage };
  comparison: TableComparison;
  /** Where the KPIs came from: the daily rollup (quantiles approximate) or the tickets. */
  source: 'rollup' | 'facts';
}

/**
 * `rollup`: the KPIs and backlog come from the daily rollup when it answers both periods (whole local
 * days of its zone, no filter), as /api/overview (and so its export) and the digest ask, which then
 * agree to the digit; without it all come from the tickets (exact: `?exact=true`, the metric tests).
 */
export async function overviewKpis(db: DuckDBConnection, filter: MetricFilter, options: { now?: Date; rollup?: boolean } = {}): Promise<OverviewKpis> {
  const previous = previousPeriod(filter);
  const zone = options.rollup ? await rollupZone(db) : null;
  const source = rollupAnswers(filter, zone) && rollupAnswers(previous, zone) ? 'rollup' : 'facts';
  // No data then, or only part of the period in the data: "not available", never 0, +inf% or growth.
  const comparison = await comparability(db, filter, source === 'rollup');
  const comparable = comparison.unavailable === null;
  if (source === 'rollup') {
    const of = await rollupPeriods(db, filter, previous, options);
    return { filter, previous, current: of.current.kpis, before: of.previous.kpis, source, comparison,
      backlog: { current: of.current.backlog, previous: comparable ? of.previous.backlog : null },
      coverage: { current: of.current.coverage, previous: of.previous.coverage } };
  }
  // The KPIs of a comparison period that adjoins the range come from the same scan; one apart from it
  // (a year ago, last month to date) is queried as a range of its own.
  const adjoining = adjoins(previous, filter);
  const rows = await queryKpis(db, filter, { key: 'period', now: options.now, ...(adjoining ? { adjoining: previous } : {}) });
  const current = rows.find((r) => r.key === 'current');
  const before = adjoining ? rows.find((r) => r.key === 'previous')
    : (await queryKpis(db, previous, { key: 'period', now: options.now })).find((r) => r.key === 'current');
  const coverage = { current: (await firstResponseCoverage(db, filter)).current, previous: (await firstResponseCoverage(db, previous)).current };
  const backlogOf = async (period: MetricFilter) => backlogAt(await backlogMoves(db, period), period.to);
  const backlog = { current: await backlogOf(filter), previous: comparable ? await backlogOf(previous) : null };
  return { filter, previous, current, before, backlog, coverage, comparison, source };
}

/** The overview table of `kpis` with the range's censored tickets (`censored`, which depends on the time it was counted). */
export function overviewTable(kpis: OverviewKpis, censored: Censoring): MetricTable {
  const { filter, previous, current, before, coverage, comparison } = kpis;
  // a quantile summed from the rollup's buckets is within 1% of the exact one: marked so
  const approximate = (metric: MetricKey) => (kpis.source === 'rollup' && APPROXIMATE_KPIS.includes(metric) ? { approximate: true } : {});
  const comparable = comparison.unavailable === null;
  // No facts at all still means zero tickets (counts), but an unknown median or rate (null); a
  // first response KPI of a period without a measured ticket is not available (null), not 0.
  const value = (row: Record<string, unknown> | undefined, key: MetricKey, unavailable: boolean): number | null =>
    typeof row?.[key] === 'number' ? row[key] : (metricDefinition(key).unit === 'count' && !unavailable ? 0 : null);
  const notMeasured = (key: MetricKey, period: keyof typeof coverage) => FIRST_RESPONSE_KPIS.includes(key) && coverage[period].unavailable !== null;
  return {
    name: 'overview',
    period: { from: filter.from, to: filter.to, timezone: filter.timezone },
    previous: { from: previous.from, to: previous.to },
    comparison,
    clock: filter.clock ?? 'business',
    columns: [COLUMNS.metric, COLUMNS.value, COLUMNS.previous, COLUMNS.delta, COLUMNS.delta_pct],
    rows: OVERVIEW_KPIS.map((metric) => {
      if (metric === 'backlog') return { metric, ...compare(kpis.backlog.current, kpis.backlog.previous) };
      const previousFinal = comparable ? value(before, metric, notMeasured(metric, 'previous')) : null;
      if (notMeasured(metric, 'current')) return { metric, ...compare(null, previousFinal), unavailable: coverage.current.unavailable };
      // the previous period's unanswered as it stood at the current one's age, not its final count
      const previousSameAge = metric === 'unanswered' && comparable && !notMeasured(metric, 'previous') ? censored.previous.unanswered : previousFinal;
      return { metric, ...compare(value(current, metric, false), previousSameAge), ...censoredCells(metric, censored, previousFinal), ...approximate(metric) };
    }),
    firstResponse: coverage.current,
  };
}

export async function overview(db: DuckDBConnection, filter: MetricFilter, options: { now?: Date; rollup?: boolean } = {}): Promise<MetricTable> {
  return overviewTable(await overviewKpis(db, filter, options), await censoring(db, filter, options));
}
