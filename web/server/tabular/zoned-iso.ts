// Instants as ISO-8601 with the offset of a zone, as isoInZone (warehouse/metrics/zoned-rows.ts)
// writes them, fast enough for exports of millions of cells: luxon takes ~25 µs an instant, so the
// zone's offset is asked once per quarter hour (offsets change on quarter hours) and the rest is
// arithmetic (~1 µs).
import { DateTime } from 'luxon';

const QUARTER_HOUR_MS = 15 * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');

export function zonedIsoFormatter(zone: string): (at: Date) => string {
  const offsets = new Map<number, number>();
  return (at) => {
    const ms = at.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = DateTime.fromMillis(ms, { zone }).offset;
      offsets.set(quarter, offset);
    }
    const local = new Date(ms + offset * 60_000).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, shifted
    const seconds = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    return offset === 0 && zone === 'UTC' ? `${seconds}Z` : `${seconds}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  };
}
