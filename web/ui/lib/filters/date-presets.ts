// Date range presets of the filter bar (yesterday, last 7 / 28 days, this month) as local days
// in the warehouse's zone, and which preset a URL range corresponds to. No range in the URL means
// the API's default: the 28 days up to yesterday.

export const PRESETS = ['yesterday', 'last7', 'last28', 'thisMonth'] as const;
export type Preset = (typeof PRESETS)[number];

/** The zone the API's date ranges default to (the config's timezone). */
export const DEFAULT_ZONE = 'Asia/Shanghai';

/** Today's date (YYYY-MM-DD) in `zone` at instant `now`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `day` plus `days` calendar days (day arithmetic on dates, independent of any zone). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const yesterday = addDays(today, -1);
  switch (preset) {
    case 'yesterday': return { from: yesterday, to: yesterday };
    case 'last7': return { from: addDays(today, -7), to: yesterday };
    case 'last28': return { from: addDays(today, -28), to: yesterday };
    // Month to date: today's partial day included.
    case 'thisMonth': return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** The preset a range is, or 'custom'; no range at all is the API default (last 28 days). */
export function matchPreset(from: string | null, to: string | null, today: string): Preset | 'custom' {
  if (from === null && to === null) return 'last28';
  return PRESETS.find((p) => {
    const range = presetRange(p, today);
    return range.from === from && range.to === to;
  }) ?? 'custom';
}
