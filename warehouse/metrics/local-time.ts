// Local wall-clock time of many instants without asking ICU once per row (timezone() costs about
// 0.3 µs a row, most of a cold one-year query). A zone's UTC offset is constant between its
// switches (DST, law changes), so within a query's span the switches (found here once per zone and
// year) make the local time integer arithmetic in SQL. Outside the span timezone() still answers.
import { DateTime } from 'luxon';

/** Switches a span may hold (four years of a DST zone); a span with more ends at the next one. */
const MAX_SWITCHES = 8;
const DAY_MS = 86_400_000;

/** SQL for the local TIMESTAMP (no zone) of the instant `expr` in $tz; needs localTimeParams. */
export function localTimeSql(expr: string): string {
  const us = `epoch_us(${expr})`;
  // Bound bigints arrive as HUGEINT: cast, so that the arithmetic stays in BIGINT.
  const param = (name: string) => `$${name}::BIGINT`;
  const segments = Array.from({ length: MAX_SWITCHES }, (_, i) => `WHEN ${us} < ${param(`tz_switch${i + 1}`)} THEN ${param(`tz_offset${i}`)}`).join(' ');
  // One line: slots are filled in SQL comments too.
  return `(CASE WHEN ${us} >= ${param('tz_since')} AND ${us} < ${param('tz_until')} `
    + `THEN make_timestamp(${us} + CASE ${segments} ELSE ${param(`tz_offset${MAX_SWITCHES}`)} END) `
    + `ELSE timezone($tz, ${expr}) END)`;
}

const offsetMs = (zone: string, ms: number) => DateTime.fromMillis(ms, { zone }).offset * 60_000;

/** The first instant (ms) in (lo, hi] with the offset at hi, when lo and hi differ. */
function switchBetween(zone: string, lo: number, hi: number): number {
  const after = offsetMs(zone, hi);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMs(zone, mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

const switchesByZoneYear = new Map<string, number[]>();

/** The instants (ms) of UTC year `year` at which `zone` changes its offset; found once per zone and year. */
function switchesIn(zone: string, year: number): number[] {
  const key = `${zone} ${year}`;
  let found = switchesByZoneYear.get(key);
  if (!found) {
    found = [];
    // Switches are months apart: a day's step finds each, a binary search its second.
    const end = Date.UTC(year + 1, 0, 1);
    let offset = offsetMs(zone, Date.UTC(year, 0, 1));
    for (let day = Date.UTC(year, 0, 1); day < end; day += DAY_MS) {
      const next = offsetMs(zone, day + DAY_MS);
      if (next !== offset) found.push(switchBetween(zone, day, day + DAY_MS));
      offset = next;
    }
    switchesByZoneYear.set(key, found);
  }
  return found;
}

/** Parameters of localTimeSql for instants in [since, until); instants outside take timezone(). */
export function localTimeParams(zone: string, since: Date, until: Date): Record<string, bigint> {
  let end = until.getTime();
  const switches: number[] = [];
  for (let year = since.getUTCFullYear(); year <= until.getUTCFullYear() && switches.length <= MAX_SWITCHES; year++) {
    switches.push(...switchesIn(zone, year).filter((at) => at > since.getTime() && at < end));
  }
  if (switches.length > MAX_SWITCHES) end = switches.splice(MAX_SWITCHES)[0]!;
  const offsets = [offsetMs(zone, since.getTime()), ...switches.map((at) => offsetMs(zone, at))];
  const us = (ms: number) => BigInt(ms) * 1000n;
  const params: Record<string, bigint> = { tz_since: us(since.getTime()), tz_until: us(end) };
  for (let i = 0; i <= MAX_SWITCHES; i++) {
    params[`tz_offset${i}`] = us(offsets[Math.min(i, offsets.length - 1)]!);
    if (i > 0) params[`tz_switch${i}`] = us(switches[i - 1] ?? end);
  }
  return params;
}
