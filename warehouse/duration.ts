// Durations as people write them in config files ("90s", "15m", "4h", "2d") -> seconds.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in `text`, or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : undefined;
}
