// Builds a queue's arrival Series from counted periods and its calendar's open intervals, pure:
// gaps within open hours are zeros; outside the calendar's hours a weekly slot is open only when
// arrivals come in most weeks (web tickets at night are demand; a stray one is not an opening);
// the calendar's holidays stay closed.
import { DAILY_MINUTES } from './interval.ts';
import { activeSlots } from './open-periods.ts';
import { dayOfIsoDate, describePeriods, type Series } from './series.ts';
import { localMidnight, offsetLookup } from '../../warehouse/calendar/zone-offsets.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A calendar's open intervals [start, end) in epoch ms, and the span they are known for. */
export interface KnownOpenIntervals { intervals: readonly (readonly [number, number])[]; from: number; to: number }

/** Period starts from `from` until `to` (exclusive): contiguous intraday periods or local midnights. */
export function periodGrid(from: number, to: number, intervalMinutes: number, zone: string): number[] {
  const times: number[] = [];
  if (intervalMinutes >= DAILY_MINUTES) {
    const offset = offsetLookup(zone);
    for (let d = Math.floor((from + offset(from) * MINUTE) / DAY); ; d++) {
      const t = localMidnight(d, offset);
      if (t >= to) break;
      if (t >= from) times.push(t);
    }
  } else {
    for (let t = from; t < to; t += intervalMinutes * MINUTE) times.push(t);
  }
  return times;
}

/** The start of the period that contains `instant`, in local time. */
export function periodStart(instant: number, intervalMinutes: number, zone: string): number {
  const offset = offsetLookup(zone);
  const local = instant + offset(instant) * MINUTE;
  if (intervalMinutes >= DAILY_MINUTES) return localMidnight(Math.floor(local / DAY), offset);
  return instant - (local % (intervalMinutes * MINUTE));
}

/** Per period: true if it overlaps an open interval, false if not, null outside the known span. */
export function calendarOpenPeriods(times: readonly number[], intervalMinutes: number, zone: string,
  calendar: KnownOpenIntervals | null): (boolean | null)[] {
  if (!calendar) return times.map(() => null);
  const offset = offsetLookup(zone);
  const endOf = (t: number) => intervalMinutes >= DAILY_MINUTES
    ? localMidnight(Math.floor((t + offset(t) * MINUTE) / DAY) + 1, offset)
    : t + intervalMinutes * MINUTE;
  const { intervals } = calendar;
  let k = 0;
  return times.map((t) => {
    const end = endOf(t);
    if (t < calendar.from || end > calendar.to) return null;
    while (k < intervals.length && intervals[k]![1] <= t) k++;
    return k < intervals.length && intervals[k]![0] < end;
  });
}

export interface QueueSeriesInput {
  name: string;
  zone: string;
  intervalMinutes: number;
  /** First period start and the end of the last period. */
  from: number;
  to: number;
  /** Arrivals per period start (periods without arrivals absent). */
  counts: ReadonlyMap<number, number>;
  calendar: KnownOpenIntervals | null;
  /** The calendar's holidays, local "YYYY-MM-DD". */
  holidays?: readonly string[];
}

/** Per period: true on a holiday the calendar keeps closed. */
export function holidayPeriods(times: readonly number[], zone: string, holidays: readonly string[],
  calendarOpen: readonly (boolean | null)[]): boolean[] {
  if (holidays.length === 0) return times.map(() => false);
  const days = new Set(holidays.map(dayOfIsoDate));
  const offset = offsetLookup(zone);
  return times.map((t, i) => calendarOpen[i] === false && days.has(Math.floor((t + offset(t) * MINUTE) / DAY)));
}

export function queueSeries(input: QueueSeriesInput): Series {
  const { zone, intervalMinutes } = input;
  const times = periodGrid(input.from, input.to, intervalMinutes, zone);
  const values = times.map((t) => input.counts.get(t) ?? 0);
  const calendarOpen = calendarOpenPeriods(times, intervalMinutes, zone, input.calendar);
  const { weekSlot, slotsPerWeek } = describePeriods(times, zone, intervalMinutes);
  const active = activeSlots(values, weekSlot, slotsPerWeek);
  const holiday = holidayPeriods(times, zone, input.holidays ?? [], calendarOpen);
  const open = times.map((_, i) => {
    const c = calendarOpen[i];
    return c === null || c === undefined ? true : c || (active[weekSlot[i]!]! && !holiday[i]);
  });
  return { name: input.name, intervalMinutes, zone, times, values, open };
}
