// Sums a series into a coarser interval in its local time (5-minute ACD counts into hours, hours
// into days): a coarse period is open when any of its parts was open.
import { BilingualError } from '../bilingual-error.ts';
import { DAILY_MINUTES, intervalLabel } from './interval.ts';
import type { Series } from './series.ts';
import { localMidnight, offsetLookup } from '../../warehouse/calendar/zone-offsets.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** "按天的" or " 15 分钟的", as the Chinese message puts it before a noun. */
const ofLength = (minutes: number) => (minutes === DAILY_MINUTES ? '按天的' : ` ${minutes} 分钟的`);

export function aggregateSeries(series: Series, targetMinutes: number): Series {
  const source = series.intervalMinutes;
  if (targetMinutes === source) return series;
  if (targetMinutes < source || (targetMinutes !== DAILY_MINUTES && targetMinutes % source !== 0)
    || (targetMinutes !== DAILY_MINUTES && DAILY_MINUTES % targetMinutes !== 0)) {
    throw new BilingualError({
      en: `cannot turn a ${intervalLabel(source)} series into ${intervalLabel(targetMinutes)} periods: ` +
        `choose an --interval that is a whole multiple of ${intervalLabel(source)} (or daily)`,
      zh: `无法把${ofLength(source)}序列汇总为${ofLength(targetMinutes)}时段：请选 ${source} 分钟整数倍的 --interval（或 daily，按天）`,
    });
  }
  const offset = offsetLookup(series.zone);
  const bucketOf = (t: number): number => {
    const local = t + offset(t) * MINUTE;
    if (targetMinutes === DAILY_MINUTES) return localMidnight(Math.floor(local / DAY), offset);
    return t - (local % (targetMinutes * MINUTE));
  };
  const times: number[] = [];
  const values: number[] = [];
  const open: boolean[] = [];
  for (let i = 0; i < series.times.length; i++) {
    const bucket = bucketOf(series.times[i]!);
    if (times[times.length - 1] !== bucket) {
      times.push(bucket);
      values.push(0);
      open.push(false);
    }
    const last = times.length - 1;
    if (series.open[i]) {
      values[last] = values[last]! + series.values[i]!;
      open[last] = true;
    }
  }
  return { ...series, intervalMinutes: targetMinutes, times, values, open };
}
