// Flags history that must not be learned from: outages (a run of zeros in open periods where
// arrivals were certain) and one-off spikes (a day far above its weekday's usual, between two
// ordinary days, not a holiday or promotion). Flagged periods are treated as missing when fitting,
// so an outage or a spike is not copied into next week.
import type { PeriodCalendar } from './series.ts';

export type AnomalyKind = 'outage' | 'spike';
export interface FlaggedDay { day: number; kind: AnomalyKind }

/** Weeks on either side whose same slot gives the expected level. */
const NEIGHBOUR_WEEKS = 4;
/** A run of zeros is an outage when this many arrivals were expected in it (Poisson P(0) = e^-8). */
const OUTAGE_EXPECTED = 8;
/** A spike: at least this multiple of the expected day total ... */
const SPIKE_RATIO = 2.5;
/** ... and this many standard deviations above it, Poisson and day-to-day (robust, on the log ratio) ... */
const SPIKE_SIGMAS = 5;
/** ... while the open days on either side stay below this multiple of theirs (a shift is not a spike). */
const NEIGHBOUR_RATIO = 1.5;

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = xs.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Flags anomalies in the first `n` periods. `eventDay(day)` says whether a local day is a holiday
 * or promotion day (never flagged: their level is explained by the calendar features).
 */
export function flagAnomalies(values: ArrayLike<number>, open: ArrayLike<number>, calendar: PeriodCalendar, n: number,
  periodsPerWeek: number, eventDay: (day: number) => boolean): { missing: Uint8Array; days: FlaggedDay[] } {
  const { weekSlot, dayIndex } = calendar;
  // Expected value of each open period: the median of its slot in the weeks around it.
  const expected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!open[i]) continue;
    const around: number[] = [];
    for (let k = -NEIGHBOUR_WEEKS; k <= NEIGHBOUR_WEEKS; k++) {
      const j = i + k * periodsPerWeek;
      if (k !== 0 && j >= 0 && j < n && open[j] && weekSlot[j] === weekSlot[i]) around.push(values[j]!);
    }
    expected[i] = around.length >= 2 ? median(around) : Number.NaN;
  }
  const missing = new Uint8Array(n);
  const flagged = new Map<number, AnomalyKind>();

  // Outages: maximal runs of zero-arrival open periods within a day.
  for (let i = 0; i < n;) {
    if (!open[i] || values[i] !== 0) { i++; continue; }
    let end = i;
    let expect = 0;
    while (end < n && open[end] && values[end] === 0 && dayIndex[end] === dayIndex[i]) { expect += Number.isNaN(expected[end]!) ? 0 : expected[end]!; end++; }
    if (expect >= OUTAGE_EXPECTED && !eventDay(dayIndex[i]!)) {
      for (let j = i; j < end; j++) missing[j] = 1;
      flagged.set(dayIndex[i]!, 'outage');
    }
    i = end;
  }

  // Spikes: day totals against the expected totals of the same periods.
  const days: { day: number; first: number; last: number; total: number; expected: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!open[i]) continue;
    const last = days[days.length - 1];
    const e = Number.isNaN(expected[i]!) ? values[i]! : expected[i]!;
    if (last && last.day === dayIndex[i]) { last.last = i; last.total += values[i]!; last.expected += e; }
    else days.push({ day: dayIndex[i]!, first: i, last: i, total: values[i]!, expected: e });
  }
  const ratio = (d: { total: number; expected: number }) => d.total / Math.max(d.expected, 1);
  // Day-to-day spread of log(total / expected) by the median absolute deviation: an over-dispersed
  // series has heavy days that are not spikes.
  const logRatios = days.map((d) => Math.log((d.total + 1) / (d.expected + 1)));
  const centre = median(logRatios.slice());
  const spread = 1.4826 * median(logRatios.map((r) => Math.abs(r - centre)));
  for (let k = 1; k < days.length - 1; k++) {
    const d = days[k]!;
    if (eventDay(d.day) || flagged.has(d.day)) continue;
    const above = d.total > SPIKE_RATIO * d.expected && d.total - d.expected > SPIKE_SIGMAS * Math.sqrt(Math.max(d.expected, 1))
      && logRatios[k]! > centre + SPIKE_SIGMAS * spread;
    if (!above || ratio(days[k - 1]!) >= NEIGHBOUR_RATIO || ratio(days[k + 1]!) >= NEIGHBOUR_RATIO) continue;
    for (let j = d.first; j <= d.last; j++) if (open[j]) missing[j] = 1;
    flagged.set(d.day, 'spike');
  }
  return { missing, days: [...flagged.entries()].map(([day, kind]) => ({ day, kind })).sort((a, b) => a.day - b.day) };
}
