// The Series type: regular periods in a named time zone with an `open` mask (closed periods are
// not zero demand), and the local calendar of each period that seasonality is indexed by.
import { DAILY_MINUTES } from './interval.ts';
import { offsetLookup } from '../../warehouse/calendar/zone-offsets.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface Series {
  name: string;
  /** Minutes per period: 5, 6, 10, 15, 30, 60, or 1440 for daily. */
  intervalMinutes: number;
  /** IANA zone (or UTC+h) whose local days and hours define the seasonality. */
  zone: string;
  /** Period starts, epoch ms, ascending; intraday periods are contiguous, daily ones start at local midnight. */
  times: number[];
  /** Arrivals per period; 0 where closed. */
  values: number[];
  /** False where the period is known closed (night, weekend, holiday). */
  open: boolean[];
}

/**
 * Local position of each period. Seasonal models index their states by slot rather than by
 * position, so a 23- or 25-hour DST day and skipped closed periods never shift the seasonality.
 */
export interface PeriodCalendar {
  /** Slots per local day (1 for daily series). */
  slotsPerDay: number;
  slotsPerWeek: number;
  /** Local minute of day / interval. */
  daySlot: Int32Array;
  /** Local weekday (Monday = 0) x slotsPerDay + daySlot. */
  weekSlot: Int32Array;
  /** Local days since 1970-01-01. */
  dayIndex: Int32Array;
}

export function slotsPerDay(intervalMinutes: number): number {
  return intervalMinutes >= DAILY_MINUTES ? 1 : Math.round(DAILY_MINUTES / intervalMinutes);
}

export function describePeriods(times: readonly number[], zone: string, intervalMinutes: number): PeriodCalendar {
  const offset = offsetLookup(zone);
  const perDay = slotsPerDay(intervalMinutes);
  const n = times.length;
  const daySlot = new Int32Array(n);
  const weekSlot = new Int32Array(n);
  const dayIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    const local = t + offset(t) * MINUTE;
    const day = Math.floor(local / DAY);
    const slot = perDay === 1 ? 0 : Math.min(perDay - 1, Math.floor((local - day * DAY) / MINUTE / intervalMinutes));
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    daySlot[i] = slot;
    weekSlot[i] = weekday * perDay + slot;
    dayIndex[i] = day;
  }
  return { slotsPerDay: perDay, slotsPerWeek: 7 * perDay, daySlot, weekSlot, dayIndex };
}

/** Local day number -> "YYYY-MM-DD". */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" -> local day number. */
export function dayOfIsoDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}
