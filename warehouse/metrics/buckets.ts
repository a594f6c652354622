// The time buckets of a range: every local day, ISO week (from Monday) or month touching it, so that
// series have a row for every bucket, also the empty ones. Pure date arithmetic on YYYY-MM-DD.
import { DateTime } from 'luxon';

export type CalendarGrain = 'day' | 'week' | 'month';
export const GRAINS = ['day', 'week', 'month', 'hour', 'weekday'] as const;
export type Grain = (typeof GRAINS)[number];

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });

/** The start (YYYY-MM-DD) of the bucket holding local day `iso`; matches DuckDB date_trunc. */
export function bucketOf(iso: string, grain: CalendarGrain): string {
  return day(iso).startOf(grain === 'week' ? 'week' : grain).toISODate()!;
}

/** Every local day from `from` to `to`, both included. */
export function localDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = day(from); d <= day(to); d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

/** The bucket starts of the range, in order, each once. */
export function calendarBuckets(from: string, to: string, grain: CalendarGrain): string[] {
  return [...new Set(localDays(from, to).map((d) => bucketOf(d, grain)))];
}

/** How much of a bucket a series' row covers: a first or last bucket cut by the range, or by today. */
export interface PartialBucket { days_covered: number; days_in_bucket: number }

/**
 * The week and month buckets of the range that the range does not cover whole (a range starting
 * mid-month, ending on Dec 2) or that lie partly after `today` (the zone's local day: no data yet),
 * keyed by bucket start; a day is covered from its first hour. Day buckets are never partial.
 */
export function partialBuckets(from: string, to: string, grain: CalendarGrain, today: string): Record<string, PartialBucket> {
  const partial: Record<string, PartialBucket> = {};
  if (grain === 'day') return partial;
  const last = to < today ? to : today;
  for (const bucket of calendarBuckets(from, to, grain)) {
    const start = day(bucket);
    const end = start.plus(grain === 'week' ? { weeks: 1 } : { months: 1 }).minus({ days: 1 });
    const daysInBucket = Math.round(end.diff(start, 'days').days) + 1;
    const first = from > bucket ? from : bucket;
    const until = last < end.toISODate()! ? last : end.toISODate()!;
    const covered = until < first ? 0 : Math.round(day(until).diff(day(first), 'days').days) + 1;
    if (covered < daysInBucket) partial[bucket] = { days_covered: covered, days_in_bucket: daysInBucket };
  }
  return partial;
}

/** The partial buckets of `filter`'s range as of `now` (default: the clock) in the range's zone. */
export function partialBucketsOf(filter: { from: string; to: string; timezone: string }, grain: CalendarGrain, now: Date = new Date()): Record<string, PartialBucket> {
  return partialBuckets(filter.from, filter.to, grain, DateTime.fromJSDate(now).setZone(filter.timezone).toISODate()!);
}
