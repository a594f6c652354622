// The period of a forecasting table: the local days its instants span in a zone, so exports get
// names like staffing_2026-11-23_2026-12-06.csv and timestamps carry the zone's offset.
import { DateTime } from 'luxon';
import type { MetricTable } from '../../warehouse/metrics/table.ts';

/** ISO 8601 with the zone's offset, seconds precision, e.g. 2026-11-23T09:00:00+08:00. */
export function isoAt(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** From the first to the last local day of `instants` in `zone` (today when there are none). */
export function periodOf(instants: readonly number[], zone: string, now = Date.now()): MetricTable['period'] {
  const first = instants.length > 0 ? Math.min(...instants) : now;
  const last = instants.length > 0 ? Math.max(...instants) : now;
  const day = (t: number) => DateTime.fromMillis(t, { zone }).toISODate()!;
  return { from: day(first), to: day(last), timezone: zone };
}
