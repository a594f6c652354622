// Leaves out the one-line interval entries of `staffing:` blocks so the YAML parser reads a rules
// file of 92 days x 15 min in milliseconds instead of seconds: those lines are DeskPulse's own output
// and nothing but the staffing writer and the preview reads them. `original` maps an offset in the
// masked text back to the original text (for ranges, lines and columns).

export interface MaskedBlock {
  /** Offset of the `staffing:` key in the text. */
  keyAt: number;
  /** Offset just past the last blanked line (its newline included). */
  end: number;
  /** The blanked interval lines, as written. */
  lines: string[];
}

export interface MaskedText {
  text: string;
  blocks: MaskedBlock[];
  /** The offset in the original text of an offset in `text`. */
  original: (offset: number) => number;
}

const STAFFING_KEY = /^( *)staffing:[ \t]*(#.*)?$/;
const INTERVALS_KEY = /^( *)intervals:[ \t]*(#.*)?$/;
/** A one-line flow map list entry: `- { start: ..., agents: 3 }`. */
const INTERVAL_ENTRY = /^( *)- \{[^{}\n#]*\}[ \t]*$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

export function maskStaffingIntervals(text: string): MaskedText {
  if (!text.includes('intervals:')) return { text, blocks: [], original: (offset) => offset };
  const lines: (string | null)[] = text.split('\n');
  const blocks: MaskedBlock[] = [];
  let at = 0;
  let staffing: { indent: number; keyAt: number } | null = null;
  let intervals: number | null = null;
  let current: MaskedBlock | null = null;
  // From which masked offset on each left-out line counts, and the characters removed up to it.
  const cuts: { from: number; removed: number }[] = [];
  let removed = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const start = at;
    at += line.length + 1;
    const blank = line.trim() === '';
    if (staffing && !blank && indentOf(line) <= staffing.indent) { staffing = null; intervals = null; current = null; }
    if (intervals !== null && !blank && indentOf(line) < intervals) intervals = null;
    const key = STAFFING_KEY.exec(line);
    if (key) { staffing = { indent: key[1]!.length, keyAt: start + key[1]!.length }; intervals = null; current = null; continue; }
    if (!staffing) continue;
    const list = INTERVALS_KEY.exec(line);
    if (list && list[1]!.length > staffing.indent) { intervals = list[1]!.length; continue; }
    if (intervals === null || !INTERVAL_ENTRY.test(line) || indentOf(line) < intervals) continue;
    if (!current) { current = { keyAt: staffing.keyAt, end: 0, lines: [] }; blocks.push(current); }
    current.lines.push(line);
    current.end = Math.min(text.length, at);
    // Left out with its newline: even empty lines cost the parser time, 50,000 of them half a second.
    removed += line.length + 1;
    cuts.push({ from: start - removed + line.length + 1, removed });
    lines[k] = null;
  }
  const kept = blocks.length ? lines.filter((l) => l !== null).join('\n') : text;
  return { text: kept, blocks, original: (offset) => offset + removedBefore(cuts, offset) };
}

/** Characters removed before masked offset `offset`. */
function removedBefore(cuts: readonly { from: number; removed: number }[], offset: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]!.from <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : cuts[lo - 1]!.removed;
}
