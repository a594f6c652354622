// Right-censoring of recent periods: the range's tickets not answered or not resolved yet, with their
// age so far, lower bounds of the first response and resolution medians that count them at that age,
// and the previous period as it stood at the same point of its life (sql/censoring.sql).
import type { DuckDBConnection } from '@duckdb/node-api';
import { periodBounds, previousPeriod, type MetricFilter } from './filter.ts';
import { metricParams } from './kpis.ts';
import { metricSql, queryRows } from './metric-sql.ts';

export interface PeriodCensoring {
  unanswered: number;
  unanswered_age_median: number | null;
  frt_median_bound: number | null;
  open_created: number;
  open_age_median: number | null;
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
  unanswered: 0, unanswered_age_median: null, frt_median_bound: null, open_created: 0, open_age_median: null, resolution_median_bound: null,
};

/** The range's tickets as they stood at `asOf` (a period is queried alone: its facts are all 'current'). */
async function censoredAt(db: DuckDBConnection, filter: MetricFilter, asOf: Date): Promise<PeriodCensoring> {
  const params = { ...metricParams(filter, { now: asOf }), previous_as_of: asOf.toISOString() };
  const row = (await queryRows(db, metricSql('censoring'), params)).find((r) => r.key === 'current') ?? {};
  return Object.fromEntries(Object.entries(EMPTY).map(([k, empty]) => [k, row[k] ?? empty])) as unknown as PeriodCensoring;
}

export async function censoring(db: DuckDBConnection, filter: MetricFilter, options: { now?: Date } = {}): Promise<Censoring> {
  const now = options.now ?? new Date();
  const previousAsOf = sameAgeInstant(filter, now);
  const current = await censoredAt(db, filter, now);
  const previous = await censoredAt(db, previousPeriod(filter), previousAsOf);
  return { current, previous, previousAsOf };
}
