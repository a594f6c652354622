// Interval and horizon specs ("15m", "60m", "1h", "daily", "14d") and the intervals a series may
// have: counts files come at 5..60 minutes or daily; warehouse series at 15/30/60 minutes or daily.
import { BilingualError } from '../bilingual-error.ts';

export const DAILY_MINUTES = 1440;
/** Intervals a counts file may come in (minutes; 1440 = daily). */
export const FILE_INTERVALS = [5, 6, 10, 15, 30, 60, DAILY_MINUTES] as const;
/** Intervals arrivals are counted at from the warehouse. */
export const WAREHOUSE_INTERVALS = [15, 30, 60, DAILY_MINUTES] as const;

/** "15m", "30min", "60m", "1h", "daily", "1d" -> minutes; throws saying what is accepted. */
export function parseInterval(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'daily' || t === 'day' || t === 'd' || t === '1d' || t === '24h') return DAILY_MINUTES;
  const m = /^(\d+)\s*(m|min|mins|minutes?|h|hours?)$/.exec(t);
  const minutes = m ? Number(m[1]) * (m[2]!.startsWith('h') ? 60 : 1) : NaN;
  if (!(FILE_INTERVALS as readonly number[]).includes(minutes)) {
    throw new BilingualError({
      en: `interval "${text}" is not supported: use 5m, 6m, 10m, 15m, 30m, 60m (or 1h) or daily`,
      zh: `不支持时段长度“${text}”：请用 5m、6m、10m、15m、30m、60m（或 1h）或 daily（按天）`,
    });
  }
  return minutes;
}

/** "14d", "2w", "48h" -> { days } or { hours }; horizons are counted in the series' local calendar. */
export function parseHorizon(text: string): { days: number; hours: number } {
  const m = /^(\d+)\s*(d|days?|w|weeks?|h|hours?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || !(n > 0)) {
    throw new BilingualError({ en: `horizon "${text}" is not understood: write e.g. 14d, 2w or 48h`, zh: `无法理解预测范围“${text}”：请写成 14d、2w 或 48h 这样（d 天，w 周，h 小时）` });
  }
  const unit = m[2]!.toLowerCase()[0];
  if (unit === 'w') return { days: n * 7, hours: 0 };
  if (unit === 'd') return { days: n, hours: 0 };
  return { days: 0, hours: n };
}

/** The label used in output: "60m" or "daily". */
export function intervalLabel(minutes: number): string {
  return minutes === DAILY_MINUTES ? 'daily' : `${minutes}m`;
}

/** The same in Chinese: "60 分钟" or "按天". */
export function intervalLabelZh(minutes: number): string {
  return minutes === DAILY_MINUTES ? '按天' : `${minutes} 分钟`;
}

/** `n` periods of `minutes` in Chinese: "119 个 60 分钟时段", or "35 天". */
export function periodsZh(n: number, minutes: number): string {
  return minutes === DAILY_MINUTES ? `${n} 天` : `${n} 个 ${minutes} 分钟时段`;
}
