// Fast UTC-offset look-ups for one IANA zone: luxon/Intl cost microseconds per call, so offsets
// are sampled once per day and resolved to the minute only on the days where they change.
import { IANAZone, FixedOffsetZone, type Zone } from 'luxon';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A zone name luxon understands (IANA, 'UTC', 'UTC+8'), or an Error saying what to pass instead. */
export function zoneFor(name: string): Zone {
  const zone = /^UTC[+-]/i.test(name) ? FixedOffsetZone.parseSpecifier(name) : IANAZone.create(name);
  if (!zone || !zone.isValid) {
    throw new Error(`unknown time zone "${name}": use an IANA name such as Asia/Shanghai or Europe/Berlin, or UTC+8`);
  }
  return zone;
}

/** Returns offset(ms) -> minutes east of UTC at instant ms, memoised per UTC day. */
export function offsetLookup(zoneName: string): (ms: number) => number {
  const zone = zoneFor(zoneName);
  const byDay = new Map<number, { start: number; change: number; before: number; after: number }>();
  return (ms: number) => {
    const day = Math.floor(ms / DAY);
    let entry = byDay.get(day);
    if (!entry) {
      const start = day * DAY;
      const before = zone.offset(start);
      const after = zone.offset(start + DAY);
      let change = start + DAY;
      if (before !== after) {
        // Binary search for the first minute that has the new offset (one change per day at most).
        let lo = start;
        let hi = start + DAY;
        while (hi - lo > MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
          if (zone.offset(mid) === before) lo = mid; else hi = mid;
        }
        change = hi;
      }
      entry = { start, change, before, after };
      byDay.set(day, entry);
    }
    return ms < entry.change ? entry.before : entry.after;
  };
}

/**
 * The instants whose local wall clock is `wallMs` (wall time written as if UTC): none inside a
 * spring-forward gap, two inside a fall-back overlap (earlier first), else one.
 */
export function instantsOfWallTime(wallMs: number, offset: (ms: number) => number): number[] {
  const found: number[] = [];
  for (const probe of [wallMs - DAY / 2, wallMs + DAY / 2]) {
    const candidate = wallMs - offset(probe) * MINUTE;
    if (candidate + offset(candidate) * MINUTE === wallMs && !found.includes(candidate)) found.push(candidate);
  }
  return found.sort((a, b) => a - b);
}

/** The first instant of local day `day` (days since 1970-01-01): midnight, or the end of a DST gap that swallows it. */
export function localMidnight(day: number, offset: (ms: number) => number): number {
  const wall = day * DAY;
  return instantsOfWallTime(wall, offset)[0] ?? wall - offset(wall + DAY / 2) * MINUTE;
}
