// Chooses the time zone of a counts file whose timestamps carry offsets: the preferred zone when
// every offset agrees with it, one fixed offset when they never change, else a matching IANA zone.
import { offsetLookup } from './zone-offsets.ts';

export interface OffsetSample { instant: number; offsetMinutes: number }

function agrees(zone: string, samples: readonly OffsetSample[]): boolean {
  try {
    const offset = offsetLookup(zone);
    return samples.every((s) => offset(s.instant) === s.offsetMinutes);
  } catch {
    return false;
  }
}

function fixedZone(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return abs % 60 === 0 ? `UTC${sign}${abs / 60}` : `UTC${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

/** Returns the zone and how it was chosen, or null when no zone has these offsets at these instants. */
export function inferZone(samples: readonly OffsetSample[], preferred: readonly string[]): { zone: string; how: string } | null {
  // Only the first sample and those where the offset changes can disagree with a candidate
  // that matched the previous ones; checking them keeps the search cheap on long files.
  const sorted = [...samples].sort((a, b) => a.instant - b.instant);
  const key: OffsetSample[] = sorted.filter((s, i) => i === 0 || s.offsetMinutes !== sorted[i - 1]!.offsetMinutes
    || i === sorted.length - 1);
  for (const zone of preferred) if (agrees(zone, sorted)) return { zone, how: `${zone} (agrees with every offset in the file)` };
  if (key.every((s) => s.offsetMinutes === key[0]!.offsetMinutes)) {
    const zone = fixedZone(key[0]!.offsetMinutes);
    return { zone, how: `${zone} (the file's only offset)` };
  }
  // Offsets change: the file's zone has daylight saving time. Include the sample just before each change.
  const edges = sorted.filter((s, i) => i + 1 < sorted.length && s.offsetMinutes !== sorted[i + 1]!.offsetMinutes);
  const all = [...key, ...edges];
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    if (agrees(zone, all) && agrees(zone, sorted)) return { zone, how: `${zone} (inferred from the offsets; pass --tz to choose another)` };
  }
  return null;
}
