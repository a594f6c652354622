// A team calendar's open intervals as epoch seconds, so the demo can push agent work into open
// hours: the next open instant, and an instant plus so many open (business) seconds.
import { DateTime } from 'luxon';
import { WEEKDAYS, isoDate, type DemoCalendar } from './demo-config.ts';

export class CalendarClock {
  private constructor(private readonly starts: Float64Array, private readonly ends: Float64Array) {}

  /** Open intervals of `calendar` for the local dates firstDate..lastDate (inclusive). */
  static build(calendar: DemoCalendar, defaultZone: string, firstDate: string, lastDate: string): CalendarClock {
    const zone = calendar.timezone ?? defaultZone;
    const holidays = new Set((calendar.holidays ?? []).map(isoDate));
    const starts: number[] = [];
    const ends: number[] = [];
    const last = DateTime.fromISO(lastDate, { zone });
    for (let day = DateTime.fromISO(firstDate, { zone }); day <= last; day = day.plus({ days: 1 })) {
      if (holidays.has(day.toISODate()!)) continue;
      for (const span of calendar.hours[WEEKDAYS[day.weekday - 1]!] ?? []) {
        const [from, to] = span.split('-').map((hm) => hm.trim().split(':').map(Number)) as [number[], number[]];
        const open = day.set({ hour: from[0]!, minute: from[1] ?? 0 }).toSeconds();
        // "24:00" closes at the next midnight.
        const close = day.plus({ days: to[0]! >= 24 ? 1 : 0 }).set({ hour: to[0]! % 24, minute: to[1] ?? 0 }).toSeconds();
        if (close > open) {
          starts.push(open);
          ends.push(close);
        }
      }
    }
    return new CalendarClock(Float64Array.from(starts), Float64Array.from(ends));
  }

  /** Index of the first interval that ends after t (length when none). */
  private find(t: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  isOpen(t: number): boolean {
    const i = this.find(t);
    return i < this.starts.length && this.starts[i]! <= t;
  }

  /** t if open, else the start of the next open interval (t itself past the calendar's range). */
  nextOpen(t: number): number {
    const i = this.find(t);
    return i < this.starts.length ? Math.max(t, this.starts[i]!) : t;
  }

  /** The instant `seconds` open seconds after t (calendar time past the calendar's range). */
  addBusiness(t: number, seconds: number): number {
    let i = this.find(t);
    let at = t;
    let left = seconds;
    while (i < this.starts.length) {
      at = Math.max(at, this.starts[i]!);
      const room = this.ends[i]! - at;
      if (left <= room) return at + left;
      left -= room;
      at = this.ends[i]!;
      i++;
    }
    return at + left;
  }
}
