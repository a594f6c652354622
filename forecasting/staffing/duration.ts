// Durations as people write them in the dispatch rules and on the command line: "20s", "30m",
// "24h", "2d", "1h30m", or a bare number in the unit the caller names.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "1h30m" -> 5400; a bare number counts in `bareUnit`. Returns null when the text is not a duration. */
export function parseDurationSeconds(text: string | number, bareUnit: 's' | 'm' = 's'): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * UNIT_SECONDS[bareUnit]! : null;
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * UNIT_SECONDS[bareUnit]!;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s+/g, '') !== t.replace(/\s+/g, '')) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]![0]!]!, 0);
}

/** Like parseDurationSeconds, but throws naming the option and an example. */
export function requireDurationSeconds(text: string | number, what: string, bareUnit: 's' | 'm' = 's'): number {
  const seconds = parseDurationSeconds(text, bareUnit);
  if (seconds === null) throw new RangeError(`${what} "${text}" is not a duration: write e.g. 20s, 30m, 24h or 1h30m`);
  return seconds;
}

/** 5400 -> "1h30m", 20 -> "20s": the shortest exact spelling. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) { out += `${n}${unit}`; rest -= n * size; }
  }
  return out;
}
