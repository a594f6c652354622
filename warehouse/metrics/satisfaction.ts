// Customer satisfaction in depth: the rating distribution, its trend, CSAT per team/channel/type/agent
// and the low ratings with their comments, and CSAT per rating dimension (speed, quality, attitude).
// A ticket's last rating counts (per dimension: its last in that dimension), on the day it was given.
import type { DuckDBConnection } from '@duckdb/node-api';
import { FilterError, filterParams, type MetricFilter } from './filter.ts';
import { metricSql, queryRows, type Row } from './metric-sql.ts';
import { calendarBuckets, partialBucketsOf, type CalendarGrain } from './buckets.ts';
import { listedRows, pageClause, pagedRows, type ListedRows, type PageRequest } from './paged-rows.ts';
import { TREND_GRAINS } from './problems.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import type { Column, MetricTable } from './table.ts';
import { KNOWN_RATING_DIMENSIONS } from './rating-dimensions.ts';

/** Ratings at or below this are listed as low (3 is neutral; CSAT counts 4 and 5 as satisfied). */
export const LOW_RATING = 2;

function grouped(db: DuckDBConnection, filter: MetricFilter, group: 'rating' | 'bucket' | 'value', extra: { grain?: string; by?: string }) {
  return queryRows(db, metricSql('satisfaction'), { ...filterParams(filter), group, grain: extra.grain ?? 'day', by: extra.by ?? 'team' });
}

/** Ratings 1..5 (every one, zeros included) with their count and share of all ratings. */
export async function ratingDistribution(db: DuckDBConnection, filter: MetricFilter): Promise<MetricTable> {
  const found = new Map((await grouped(db, filter, 'rating', {})).map((r) => [r.rating, Number(r.ratings)]));
  const total = [...found.values()].reduce((a, b) => a + b, 0);
  const rows = [1, 2, 3, 4, 5].map((rating) => {
    const ratings = found.get(rating) ?? 0;
    return { rating, ratings, share: total === 0 ? null : ratings / total };
  });
  return peopleTable('satisfaction', filter, peopleColumns('rating', 'ratings', 'share'), rows);
}

/** Ratings, CSAT and mean rating per bucket of the range (empty buckets: 0 ratings, null rates). */
export async function satisfactionTrend(db: DuckDBConnection, filter: MetricFilter, grain: string): Promise<MetricTable> {
  if (!(TREND_GRAINS as readonly string[]).includes(grain)) {
    throw new FilterError('grain', `grain: "${grain}" is not a trend grain; use one of ${TREND_GRAINS.join(', ')}`);
  }
  const found = new Map((await grouped(db, filter, 'bucket', { grain })).map((r) => [r.bucket, r]));
  const rows = calendarBuckets(filter.from, filter.to, grain as CalendarGrain).map((bucket) =>
    found.get(bucket) ?? { bucket, ratings: 0, csat: null, rating_mean: null });
  return { ...peopleTable(`satisfaction-trend-${grain}`, filter, peopleColumns('bucket', 'ratings', 'csat', 'rating_mean'), rows),
    partial: partialBucketsOf(filter, grain as CalendarGrain) };
}

export const SATISFACTION_BY = ['team', 'channel', 'problem_type', 'agent'] as const;

/** Ratings, CSAT and mean per team, channel, problem type or agent (the ticket's now), most ratings first. */
export async function satisfactionBy(db: DuckDBConnection, filter: MetricFilter, by: string): Promise<MetricTable> {
  if (!(SATISFACTION_BY as readonly string[]).includes(by)) {
    throw new FilterError('by', `by: "${by}" is not a satisfaction breakdown; use one of ${SATISFACTION_BY.join(', ')}`);
  }
  const rows = await grouped(db, filter, 'value', { by });
  return peopleTable(`satisfaction-by-${by}`, filter, peopleColumns('value', 'ratings', 'csat', 'rating_mean'), rows);
}

export const LOW_RATING_SORTS = { rated_at: 'rated_at', rating: 'rating', ticket_id: 'ticket_id', team: 'team', agent: 'agent', problem_type: 'problem_type' } as const;

/** Tickets rated 1 or 2 in the range with the comment, newest first by default, a page at a time. */
const LOW_RATING_COLUMNS = peopleColumns('ticket_id', 'rating', 'comment', 'rated_at', 'team', 'agent', 'problem_type', 'channel');

export async function lowRatings(db: DuckDBConnection, filter: MetricFilter, request: PageRequest = {}): Promise<MetricTable> {
  const clause = pageClause(request, LOW_RATING_SORTS, 'rated_at');
  const { rows, total } = await pagedRows(db, metricSql('low-ratings'), clause, { ...filterParams(filter), low_rating: LOW_RATING }, filter.timezone);
  return peopleTable('low-ratings', filter, LOW_RATING_COLUMNS, rows, { total });
}

/** Every low rating in the range, in the list's order (exports). */
export function lowRatingRows(filter: MetricFilter, request: PageRequest = {}): ListedRows {
  return listedRows('low-ratings', metricSql('low-ratings'), LOW_RATING_COLUMNS, pageClause(request, LOW_RATING_SORTS, 'rated_at'),
    { ...filterParams(filter), low_rating: LOW_RATING });
}

const DIMENSION_COLUMNS: Column[] = [
  { key: 'dimension', label: { en: 'Rating dimension', zh: '评价维度' }, unit: 'text' },
  ...peopleColumns('ratings', 'csat', 'rating_mean'),
  // why csat and rating_mean are null: no_ratings_in_range (never 0 for "no ratings")
  { key: 'unavailable', label: { en: 'Not available because', zh: '不可用原因' }, unit: 'text' },
];

const dimensionOrder = (d: string) => {
  const known = (KNOWN_RATING_DIMENSIONS as readonly string[]).indexOf(d);
  return known >= 0 ? known : KNOWN_RATING_DIMENSIONS.length;
};

/**
 * CSAT, mean and ratings per rating dimension (sql/satisfaction-dimensions.sql): the known ones first,
 * then the others by key. A dimension without ratings in the range has null figures and the reason;
 * data without any dimension rating says so in ratingDimensions.unavailable (no rows).
 */
export async function satisfactionByDimension(db: DuckDBConnection, filter: MetricFilter): Promise<MetricTable> {
  const found = await queryRows(db, metricSql('satisfaction-dimensions'), filterParams(filter));
  const rows = found
    .map((r): Row => ({ ...r, unavailable: Number(r.ratings) === 0 ? 'no_ratings_in_range' : null }))
    .sort((a, b) => dimensionOrder(String(a.dimension)) - dimensionOrder(String(b.dimension)) || (String(a.dimension) < String(b.dimension) ? -1 : 1));
  return { ...peopleTable('satisfaction-by-dimension', filter, DIMENSION_COLUMNS, rows),
    ratingDimensions: { unavailable: rows.length === 0 ? 'no_rating_dimensions' : null } };
}
