// The period of a forecasting table: the local days its instants span in a zone, so exports get
// names like staffing_2026-11-23_2026-12-06.csv (timestamps: warehouse/calendar/zoned-iso.ts).
import { DateTime } from 'luxon';
import type { MetricTable } from '../../warehouse/metrics/table.ts';

/** From the first to the last local day of `instants` in `zone` (today when there are none). */
export function periodOf(instants: readonly number[], zone: string, now = Date.now()): MetricTable['period'] {
  const first = instants.length > 0 ? Math.min(...instants) : now;
  const last = instants.length > 0 ? Math.max(...instants) : now;
  const day = (t: number) => DateTime.fromMillis(t, { zone }).toISODate()!;
  return { from: day(first), to: day(last), timezone: zone };
}
