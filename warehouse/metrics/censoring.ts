// Right-censoring of recent periods: the range's tickets not answered or not resolved yet, with their
// age so far, lower bounds of the first response and resolution medians that count them at that age,
// and the previous period as it stood at the same point of its life (sql/censoring.sql).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { periodBounds, previousPeriod, type MetricFilter } from './filter.ts';
import { adjoins, metricParams } from './kpis.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { LATE_AFTER_MS, rollupAnswers, rollupZone } from '../rollups/daily-rollup.ts';

export interface PeriodCensoring {
  unanswered: number;
  unanswered_age_median: number | null;
  unanswered_age_max: number | null;
  /** Business clock: unanswered tickets whose calendar has not opened since they came (0 old), and the oldest one's wall-clock age. */
  unanswered_off_hours: number;
  unanswered_off_hours_wall_age_max: number | null;
  frt_median_bound: number | null;
  open_created: number;
  open_age_median: number | null;
  open_age_max: number | null;
  open_off_hours: number;
  open_off_hours_wall_age_max: number | null;
  resolution_median_bound: number | null;
}

export interface Censoring {
  /** The range's tickets as they stand at `now`. */
  current: PeriodCensoring;
  /** The previous period's tickets as they stood at `previousAsOf`. */
  previous: PeriodCensoring;
  /** The instant the previous period is the age the current one is at `now`. */
  previousAsOf: Date;
}

/**
 * The previous period's instant of the same age: as far past its end as `now` is past the range's
 * end, or, while the range runs, as far into it as `now` is into the range.
 */
export function sameAgeInstant(filter: MetricFilter, now: Date): Date {
  const current = periodBounds(filter);
  const previous = periodBounds(previousPeriod(filter));
  return now >= current.end
    ? new Date(previous.end.getTime() + (now.getTime() - current.end.getTime()))
    : new Date(previous.start.getTime() + (now.getTime() - current.start.getTime()));
}

const EMPTY: PeriodCensoring = {
  unanswered: 0, unanswered_age_median: null, unanswered_age_max: null, unanswered_off_hours: 0, unanswered_off_hours_wall_age_max: null,
  frt_median_bound: null,
  open_created: 0, open_age_median: null, open_age_max: null, open_off_hours: 0, open_off_hours_wall_age_max: null,
  resolution_median_bound: null,
};

/**
 * Rows 'current' (at `now`) and, with `adjoining`, 'previous' (at `previousAsOf`) of sql/censoring.sql;
 * with `rollup` its bounds from the daily rollup's buckets (it answers both periods).
 */
async function censoredRows(db: DuckDBConnection, filter: MetricFilter, now: Date, previousAsOf: Date, rollup: boolean, adjoining?: MetricFilter) {
  const days = { current_from: filter.from, current_to: filter.to, previous_from: adjoining?.from ?? null, previous_to: adjoining?.to ?? null };
  const bounds = metricParams(filter, { now, adjoining });
  // with the rollup, each period's tickets from LATE_AFTER_MS before its instant (and the late ones before)
  const readFrom = (from: DuckDBValue | undefined, instant: Date) =>
    new Date(Math.max(Date.parse(String(from)), rollup ? instant.getTime() - LATE_AFTER_MS : -Infinity)).toISOString();
  const params = { ...bounds, previous_as_of: previousAsOf.toISOString(), rollup, ...days,
    current_read_from: readFrom(bounds.split, now), previous_read_from: readFrom(bounds.start, previousAsOf) };
  const rows = await queryRows(db, metricSql('censoring'), params);
  return (key: string): PeriodCensoring => {
    const row = rows.find((r) => r.key === key) ?? {};
    return Object.fromEntries(Object.entries(EMPTY).map(([k, empty]) => [k, row[k] ?? empty])) as unknown as PeriodCensoring;
  };
}

/**
 * The range's and the previous period's censored tickets. `rollup`: the median bounds from the daily
 * rollup when it answers both periods (within 1%, as the overview's quantiles then), reading only the
 * censored tickets; the counts and ages are the same either way.
 */
export async function censoring(db: DuckDBConnection, filter: MetricFilter, options: { now?: Date; rollup?: boolean } = {}): Promise<Censoring> {
  const now = options.now ?? new Date();
  const previousAsOf = sameAgeInstant(filter, now);
  const previousPeriodOf = previousPeriod(filter);
  const zone = options.rollup ? await rollupZone(db) : null;
  const rollup = rollupAnswers(filter, zone) && rollupAnswers(previousPeriodOf, zone);
  // An adjoining period in the same scan; one apart from the range on its own (as its 'current', at its instant).
  if (adjoins(previousPeriodOf, filter)) {
    const of = await censoredRows(db, filter, now, previousAsOf, rollup, previousPeriodOf);
    return { current: of('current'), previous: of('previous'), previousAsOf };
  }
  const current = (await censoredRows(db, filter, now, previousAsOf, rollup))('current');
  const previous = (await censoredRows(db, previousPeriodOf, previousAsOf, previousAsOf, rollup))('current');
  return { current, previous, previousAsOf };
}
