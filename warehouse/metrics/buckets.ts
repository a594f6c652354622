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
