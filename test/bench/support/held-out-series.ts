// Series the forecaster was never tuned on, for the forecast bench: two generators with shapes
// unlike the demo's (another zone with DST, half-hours, an evening peak, a Saturday-heavy week,
// growth, over-dispersion, outages and a spike; a weekday-only daily series with a summer dip and
// holidays) and the daily arrivals of the public helpdesk log (/work/shared/data/helpdesk).
import { existsSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { CalendarEvents } from '../../../forecasting/models/calendar-features.ts';
import type { Series } from '../../../forecasting/series/series.ts';
import { poisson, random } from '../../forecasting/fixtures/synthetic-series.ts';

export interface HeldOutSeries { series: Series; events: CalendarEvents; about: string }

/** Standard normal from two uniforms (Box-Muller). */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(next(), 1e-12))) * Math.cos(2 * Math.PI * next());
}

/** Half-hourly, New York (DST), open 07:00-23:00, lunch and evening peaks, Saturday busiest, +40%/year. */
export function eveningRetail(seed = 11): HeldOutSeries {
  const zone = 'America/New_York';
  const next = random(seed);
  const first = DateTime.fromISO('2025-01-06', { zone });
  const days = 330;
  const promotions = ['2025-03-14', '2025-07-11', '2025-11-28'];
  const outages = new Set(['2025-05-20', '2025-09-03']);
  const spike = '2025-10-08';
  const week = [0.9, 0.75, 0.8, 0.95, 1.15, 1.45, 1.2]; // Monday .. Sunday
  const shape = (h: number) => 0.15 + Math.exp(-((h - 12.5) ** 2) / 3) + 1.3 * Math.exp(-((h - 20) ** 2) / 2.5);
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let d = 0; d < days; d++) {
    const day = first.plus({ days: d });
    const iso = day.toISODate()!;
    const dayNoise = Math.exp(0.12 * normal(next) - 0.0072);
    let promo = 1;
    for (const p of promotions) {
      const k = Math.round(day.diff(DateTime.fromISO(p, { zone }), 'days').days);
      if (k >= 0 && k <= 3) promo += 1.5 * Math.exp(-k);
    }
    for (let s = 0; s < 48; s++) {
      const local = day.plus({ minutes: 30 * s });
      if (local.day !== day.day) break;
      const hour = local.hour + local.minute / 60;
      const isOpen = hour >= 7 && hour < 23;
      const lambda = 6 * shape(hour + 0.25) * week[local.weekday - 1]! * (1 + 0.4 * d / 365) * promo * dayNoise;
      let y = isOpen ? poisson(lambda, next) : 0;
      if (outages.has(iso) && hour >= 11 && hour < 16) y = 0;
      if (iso === spike && isOpen) y = poisson(4 * lambda, next);
      times.push(local.toMillis());
      values.push(y);
      open.push(isOpen);
    }
  }
  return {
    series: { name: 'held-out: evening retail (30m, New York)', intervalMinutes: 30, zone, times, values, open },
    events: { holidays: [], promotions },
    about: '30-minute periods, America/New_York with DST, open 07:00-23:00, lunch and evening peaks, Saturday busiest, +40%/year, day-level noise, 3 promotions, 2 outages, 1 spike',
  };
}

/** Daily, Berlin, Monday-Friday, busiest Monday, summer and Christmas dips, closed public holidays. */
export function weekdayOffice(seed = 23): HeldOutSeries {
  const zone = 'Europe/Berlin';
  const next = random(seed);
  const first = DateTime.fromISO('2024-01-01', { zone });
  const holidays = ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-01', '2024-05-09', '2024-05-20', '2024-10-03', '2024-12-25', '2024-12-26',
    '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-09', '2025-10-03', '2025-12-25', '2025-12-26'];
  const week = [1.3, 1.1, 1.0, 0.95, 0.75];
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let d = 0; d < 2 * 365 - 20; d++) {
    const day = first.plus({ days: d });
    const isOpen = day.weekday <= 5 && !holidays.includes(day.toISODate()!);
    const season = 1 - 0.3 * Math.exp(-((day.ordinal - 222) ** 2) / 300) - 0.35 * Math.exp(-((day.ordinal - 362) ** 2) / 20);
    const after = holidays.includes(day.minus({ days: 1 }).toISODate()!) ? 1.35 : 1;
    const lambda = 180 * (week[day.weekday - 1] ?? 0) * season * after * Math.exp(0.08 * normal(next) - 0.0032);
    times.push(day.toMillis());
    values.push(isOpen ? poisson(lambda, next) : 0);
    open.push(isOpen);
  }
  return {
    series: { name: 'held-out: weekday office (daily, Berlin)', intervalMinutes: 1440, zone, times, values, open },
    events: { holidays, promotions: [] },
    about: 'daily, Europe/Berlin, Monday-Friday, Monday busiest, summer and Christmas dips, 18 public holidays closed with a backlog the day after',
  };
}

const HELPDESK = '/work/shared/data/helpdesk/finale.csv';

/**
 * Daily tickets opened (a case's first event) in the public helpdesk log, Monday-Friday, over
 * its steady years 2010-09 .. 2012-07 (from August 2012 it thins to a fifth); null without the file.
 */
export function helpdeskDaily(): HeldOutSeries | null {
  if (!existsSync(HELPDESK)) return null;
  const firstEvent = new Map<string, string>();
  const lines = readFileSync(HELPDESK, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const [caseId, , , stamp] = line.split(',');
    if (!caseId || !stamp) continue;
    const seen = firstEvent.get(caseId);
    if (seen === undefined || stamp < seen) firstEvent.set(caseId, stamp);
  }
  const zone = 'Europe/Rome';
  const counts = new Map<string, number>();
  for (const stamp of firstEvent.values()) {
    const date = stamp.slice(0, 10).replaceAll('/', '-');
    counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let day = DateTime.fromISO('2010-09-06', { zone }); day < DateTime.fromISO('2012-07-28', { zone }); day = day.plus({ days: 1 })) {
    times.push(day.toMillis());
    values.push(counts.get(day.toISODate()!) ?? 0);
    open.push(day.weekday <= 5);
  }
  return {
    series: { name: 'held-out: helpdesk log (daily, real)', intervalMinutes: 1440, zone, times, values, open },
    events: { holidays: [], promotions: [] },
    about: 'real: tickets opened per day in the Italian software helpdesk log (4TU), Monday-Friday, 2010-09-06 .. 2012-07-27 (after it, the log thins to a fifth), about 6 a day',
  };
}
