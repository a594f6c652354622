// A small line diff and its unified-diff text (as `diff -u` / git print it), for the dry run and
// the version history. Patience-style: lines unique to both sides anchor the match, the gaps
// between anchors get an exact LCS when small, so rewritten staffing blocks diff readably.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Beyond this many cells a gap with no unique anchor is shown as removed-then-added. */
const MAX_LCS_CELLS = 4_000_000;
const NO_EOL = '\u0000';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL; // so "x" and "x\n" differ, as in diff
  return lines;
}

/** Longest increasing subsequence of `js` (indices into js), by patience sorting. */
function longestIncreasing(js: readonly number[]): number[] {
  const tails: number[] = [];
  const prev: number[] = new Array(js.length).fill(-1);
  for (let k = 0; k < js.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (js[tails[mid]!]! < js[k]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: number[] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(k);
  return out.reverse();
}

function lcs(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Op[]): void {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[aLo + i] === b[bLo + j]
        ? table[(i + 1) * width + j + 1]! + 1
        : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[aLo + i] === b[bLo + j]) { out.push({ kind: ' ', line: a[aLo + i]! }); i++; j++; }
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) out.push({ kind: '-', line: a[aLo + i++]! });
    else out.push({ kind: '+', line: b[bLo + j++]! });
  }
  while (i < n) out.push({ kind: '-', line: a[aLo + i++]! });
  while (j < m) out.push({ kind: '+', line: b[bLo + j++]! });
}

function diffRange(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: Op[]): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) { out.push({ kind: ' ', line: a[aLo]! }); aLo++; bLo++; }
  const tail: Op[] = [];
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) { tail.push({ kind: ' ', line: a[aHi - 1]! }); aHi--; bHi--; }
  if (aLo === aHi || bLo === bHi) {
    for (let i = aLo; i < aHi; i++) out.push({ kind: '-', line: a[i]! });
    for (let j = bLo; j < bHi; j++) out.push({ kind: '+', line: b[j]! });
  } else {
    const counts = new Map<string, { a: number; b: number; ai: number; bj: number }>();
    for (let i = aLo; i < aHi; i++) {
      const c = counts.get(a[i]!) ?? { a: 0, b: 0, ai: -1, bj: -1 };
      c.a++; c.ai = i;
      counts.set(a[i]!, c);
    }
    for (let j = bLo; j < bHi; j++) {
      const c = counts.get(b[j]!);
      if (c) { c.b++; c.bj = j; }
    }
    const unique = [...counts.values()].filter((c) => c.a === 1 && c.b === 1).sort((x, y) => x.ai - y.ai);
    const anchors = longestIncreasing(unique.map((c) => c.bj)).map((k) => unique[k]!);
    if (anchors.length > 0) {
      let i = aLo;
      let j = bLo;
      for (const anchor of anchors) {
        diffRange(a, i, anchor.ai, b, j, anchor.bj, out);
        out.push({ kind: ' ', line: a[anchor.ai]! });
        i = anchor.ai + 1;
        j = anchor.bj + 1;
      }
      diffRange(a, i, aHi, b, j, bHi, out);
    } else if ((aHi - aLo + 1) * (bHi - bLo + 1) <= MAX_LCS_CELLS) {
      lcs(a, aLo, aHi, b, bLo, bHi, out);
    } else {
      for (let i = aLo; i < aHi; i++) out.push({ kind: '-', line: a[i]! });
      for (let j = bLo; j < bHi; j++) out.push({ kind: '+', line: b[j]! });
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]!);
}

/** The edit script turning `before` into `after`, one op per line. */
export function diffLines(before: string, after: string): Op[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const out: Op[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, out);
  return out;
}

function printLine(op: Op): string {
  return op.line.endsWith(NO_EOL) ? `${op.kind}${op.line.slice(0, -1)}\n\\ No newline at end of file\n` : `${op.kind}${op.line}\n`;
}

/** "start,count", or just "start" for one line, as diff -u writes hunk ranges. */
const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);

/** A unified diff (`--- a`, `+++ b`, `@@` hunks with `context` lines around changes); '' when equal. */
export function unifiedDiff(before: string, after: string, options: { fromFile?: string; toFile?: string; context?: number } = {}): string {
  const ops = diffLines(before, after);
  const context = options.context ?? 3;
  const changed = ops.map((op, k) => (op.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  // Line numbers before each op, on both sides.
  const aLine: number[] = [];
  const bLine: number[] = [];
  let x = 0;
  let y = 0;
  for (const op of ops) {
    aLine.push(x);
    bLine.push(y);
    if (op.kind !== '+') x++;
    if (op.kind !== '-') y++;
  }
  let out = `--- ${options.fromFile ?? 'a'}\n+++ ${options.toFile ?? 'b'}\n`;
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - context);
    let end = Math.min(ops.length, changed[k]! + context + 1);
    // Changes closer than 2 x context share a hunk.
    while (k + 1 < changed.length && changed[k + 1]! - context <= end) {
      k++;
      end = Math.min(ops.length, changed[k]! + context + 1);
    }
    k++;
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    // An empty side is numbered by the line before it, as diff -u does.
    const aStart = aCount === 0 ? aLine[start]! : aLine[start]! + 1;
    const bStart = bCount === 0 ? bLine[start]! : bLine[start]! + 1;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n${hunk.map(printLine).join('')}`;
  }
  return out;
}
