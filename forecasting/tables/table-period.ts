// The period of a forecasting table: the local days its instants span in a zone, so exports get
// names like staffing_2026-11-23_2026-12-06.csv and timestamps carry the zone's offset.
import { DateTime } from 'luxon';
import type { MetricTable } from '../../warehouse/metrics/table.ts';
import { offsetLookup } from '../../warehouse/calendar/zone-offsets.ts';

function luxonIso(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

interface ZoneFormat { offset: (ms: number) => number; zeroAsZ: boolean }
const zoneFormats = new Map<string, ZoneFormat | null>();

/** The zone's offsets (memoised per day), and whether luxon writes its zero offset as Z (UTC, UTC+0); null: not one offsetLookup knows. */
function zoneFormat(zone: string): ZoneFormat | null {
  let format = zoneFormats.get(zone);
  if (format === undefined) {
    try {
      const luxonZone = DateTime.fromMillis(0, { zone }).zone;
      format = luxonZone.isValid ? { offset: offsetLookup(zone), zeroAsZ: luxonZone.isUniversal } : null;
    } catch {
      format = null;
    }
    zoneFormats.set(zone, format);
  }
  return format;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ISO 8601 with the zone's offset, seconds precision, e.g. 2026-11-23T09:00:00+08:00 (milliseconds
 * only when there are some), as luxon writes it. Written from the zone's memoised offsets: luxon
 * took 16 µs a call, 0.4 s for the tables of a 15-minute forecast page, on the server's event loop.
 */
export function isoAt(instant: number, zone: string): string {
  const format = zoneFormat(zone);
  if (!format || !Number.isFinite(instant)) return luxonIso(instant, zone);
  const minutes = format.offset(instant);
  const local = new Date(instant + minutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) return luxonIso(instant, zone);
  const ms = local.getUTCMilliseconds();
  const abs = Math.abs(minutes);
  const suffix = minutes === 0 && format.zeroAsZ ? 'Z' : `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${year}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:` +
    `${pad(local.getUTCSeconds())}${ms === 0 ? '' : `.${pad(ms, 3)}`}${suffix}`;
}

/** From the first to the last local day of `instants` in `zone` (today when there are none). */
export function periodOf(instants: readonly number[], zone: string, now = Date.now()): MetricTable['period'] {
  const first = instants.length > 0 ? Math.min(...instants) : now;
  const last = instants.length > 0 ? Math.max(...instants) : now;
  const day = (t: number) => DateTime.fromMillis(t, { zone }).toISODate()!;
  return { from: day(first), to: day(last), timezone: zone };
}
