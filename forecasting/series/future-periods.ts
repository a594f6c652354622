// The periods of a forecast horizon after a series' last period: contiguous intraday periods, or
// local days, up to the history's end plus N local days (or hours).
import { DateTime } from 'luxon';
import { DAILY_MINUTES } from './interval.ts';
import type { Series } from './series.ts';
import { localMidnight, offsetLookup, zoneFor } from '../../warehouse/calendar/zone-offsets.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** End of the last period (the forecast origin), epoch ms. */
export function historyEnd(series: Series): number {
  const last = series.times[series.times.length - 1];
  if (last === undefined) throw new Error(`series ${series.name} is empty`);
  if (series.intervalMinutes !== DAILY_MINUTES) return last + series.intervalMinutes * MINUTE;
  const offset = offsetLookup(series.zone);
  return localMidnight(Math.floor((last + offset(last) * MINUTE) / DAY) + 1, offset);
}

/** Period starts from the history's end until `horizon` later in the series' local calendar. */
export function futurePeriodTimes(series: Series, horizon: { days: number; hours: number }): number[] {
  const start = historyEnd(series);
  const end = DateTime.fromMillis(start, { zone: zoneFor(series.zone) }).plus({ days: horizon.days, hours: horizon.hours }).toMillis();
  const times: number[] = [];
  if (series.intervalMinutes === DAILY_MINUTES) {
    const offset = offsetLookup(series.zone);
    const firstDay = Math.floor((start + offset(start) * MINUTE) / DAY);
    for (let d = firstDay; ; d++) {
      const t = localMidnight(d, offset);
      if (t >= end) break;
      times.push(t);
    }
  } else {
    for (let t = start; t < end; t += series.intervalMinutes * MINUTE) times.push(t);
  }
  return times;
}
