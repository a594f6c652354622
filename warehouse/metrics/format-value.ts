// Turns a MetricTable cell into display text by its column unit (seconds as h/m, ratios as %,
// ISO timestamps as local wall time) in the chosen language; null shows as a dash. One formatter
// for the dashboards and the digest, so a figure reads the same in both.
import type { Cell, ColumnUnit, Label } from './table.ts';

type Lang = keyof Label;

export const MISSING = '—';

// One formatter per language and precision: toLocaleString builds a new one per call (~50 µs), and
// a page formats hundreds of cells, chart labels and chart table rows per visit.
const formats = new Map<string, Intl.NumberFormat>();
/** Up to `maximumFractionDigits` decimals, trailing zeros dropped; or exactly that many with `fixed`. */
export function numberFormat(lang: Lang, maximumFractionDigits: number, fixed = false): Intl.NumberFormat {
  const key = `${lang} ${maximumFractionDigits} ${fixed}`;
  let format = formats.get(key);
  if (!format) {
    formats.set(key, format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US',
      { maximumFractionDigits, minimumFractionDigits: fixed ? maximumFractionDigits : 0 }));
  }
  return format;
}

/** Decimals a plain number shows at most: two. */
const NUMBER_DECIMALS = 2;

/**
 * The decimals a column of plain numbers shows: as many as its most precise value needs, up to two,
 * so every cell of it has the same (1.50 beside 1.25, not 1.5; whole numbers stay whole).
 */
export function columnDecimals(values: readonly (Cell | undefined)[]): number {
  let decimals = 0;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    // the decimals the value shows on its own (rounded as shown: 1.004 needs none)
    const shown = numberFormat('en', NUMBER_DECIMALS).format(value).split('.')[1]?.length ?? 0;
    if (shown === NUMBER_DECIMALS) return shown;
    decimals = Math.max(decimals, shown);
  }
  return decimals;
}

export function formatDuration(seconds: number, lang: Lang): string {
  const negative = seconds < 0;
  let s = Math.round(Math.abs(seconds));
  const sign = negative ? '-' : '';
  const u = lang === 'zh' ? { d: '天', h: '小时', m: '分', s: '秒', sep: '' } : { d: 'd', h: 'h', m: 'm', s: 's', sep: ' ' };
  if (s < 60) return `${sign}${s}${u.s}`;
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s - hours * 3600) / 60);
  if (days > 0) return `${sign}${days}${u.d}${u.sep}${hours}${u.h}`;
  if (hours > 0) return `${sign}${hours}${u.h}${u.sep}${String(minutes).padStart(2, '0')}${u.m}`;
  return `${sign}${minutes}${u.m}`;
}

/** `decimals`: a plain number's fixed decimals (its column's, columnDecimals); else up to two, trailing zeros dropped. */
export function formatValue(value: Cell | undefined, unit: ColumnUnit, lang: Lang, decimals?: number): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return MISSING;
  if (typeof value === 'boolean') return value ? '✓' : '';
  if (typeof value === 'string') {
    // Timestamps arrive with their zone's offset: show the local wall time they carry.
    if (unit === 'timestamp' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)}`;
    return value;
  }
  switch (unit) {
    case 'seconds': return formatDuration(value, lang);
    case 'ratio': return `${(value * 100).toFixed(1)}%`;
    case 'rating': return value.toFixed(2);
    case 'count': return numberFormat(lang, 0).format(Math.round(value));
    default: return decimals === undefined ? numberFormat(lang, NUMBER_DECIMALS).format(value) : numberFormat(lang, decimals, true).format(value);
  }
}

/**
 * The change against the previous period: percentage points for ratios (a rate going from 80%
 * to 82% is +2.0 pp, not +2.5%), otherwise the relative change.
 */
export function formatDelta(delta: number | null, deltaPct: number | null, unit: ColumnUnit, lang: Lang): string {
  const signed = (n: number, digits: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;
  if (unit === 'ratio') return delta === null ? MISSING : `${signed(delta * 100, 1)} ${lang === 'zh' ? '个百分点' : 'pp'}`;
  if (deltaPct !== null) return `${signed(deltaPct * 100, 1)}%`;
  if (delta === null) return MISSING;
  return unit === 'seconds' ? `${delta >= 0 ? '+' : '−'}${formatDuration(Math.abs(delta), lang)}` : signed(delta, unit === 'rating' ? 2 : 0);
}

/** Whether a change is good, bad or neither for a metric, from the catalog's higherIsBetter. */
export function deltaTone(delta: number | null, higherIsBetter: boolean | null): 'good' | 'bad' | 'neutral' {
  if (delta === null || delta === 0 || higherIsBetter === null) return 'neutral';
  return (delta > 0) === higherIsBetter ? 'good' : 'bad';
}
