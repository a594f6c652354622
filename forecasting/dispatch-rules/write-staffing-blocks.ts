// Writes queues' `staffing` blocks into the dispatch rules text in place: the Document API finds
// each block (or where a new one goes) by its node range, and only those bytes are replaced, so
// comments, order, spacing and every other key stay byte for byte as people wrote them.
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { DispatchRulesError } from './dispatch-rules-error.ts';
import type { MaskedBlock } from './mask-staffing-intervals.ts';
import { parseDispatchDocument } from './read-dispatch-rules.ts';
import { renderStaffingBlock, type StaffingBlock } from './staffing-block.ts';

interface Edit { start: number; end: number; text: string }

export interface WrittenBlocks {
  text: string;
  /** Queue ids whose block was written. */
  written: string[];
  /** Queue ids given a block but not in the file. */
  missing: string[];
  /** The interval lines each written queue's block held before (as written), for the preview. */
  previous: Map<string, string[]>;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

/**
 * Where a block value really ends: the parser lets a map run on over the comment lines after it
 * (those at or left of the key's column belong to what follows, as people read them) and into the
 * next line's indentation.
 */
function blockEnd(text: string, end: number, keyIndent: number): number {
  let at = end;
  if (/^ *$/.test(text.slice(lineStart(text, at), at))) at = lineStart(text, at);
  for (;;) {
    if (at === 0) return at;
    const from = lineStart(text, at - 1);
    const line = text.slice(from, at - 1);
    const trimmed = line.trimStart();
    if (trimmed !== '' && !(trimmed.startsWith('#') && line.length - trimmed.length <= keyIndent)) return at;
    at = from;
  }
}

type Range = [number, number, number];
/** Maps a node's range (in the masked text the parser read) to the original text. */
type ToOriginal = (offset: number) => number;
const rangeOf = (node: unknown, o: ToOriginal): Range | undefined => {
  const r = (node as { range?: Range } | null)?.range;
  return r ? [o(r[0]), o(r[1]), o(r[2])] : undefined;
};

/** Replaces an existing `staffing:` pair's value, keeping the key line (and its comment) when the value is a block. */
function replaceBlock(text: string, pair: Pair, indent: number, block: StaffingBlock, masked: MaskedBlock | undefined, o: ToOriginal): Edit {
  const key = rangeOf(pair.key, o)!;
  const value = pair.value;
  const range = rangeOf(value, o);
  const rendered = renderStaffingBlock(block, indent);
  const body = rendered.slice(rendered.indexOf('\n') + 1);
  const blockValue = (isMap(value) || isSeq(value)) && !value.flow;
  if (blockValue && range) {
    // From the first line of the old value to its end (its emptied interval lines included): comments
    // on the key line and after the block stay.
    return { start: lineStart(text, range[0]), end: Math.max(blockEnd(text, range[1], indent), masked?.end ?? 0), text: body };
  }
  const empty = !value || (isScalar(value) && range !== undefined && range[0] === range[1]);
  const valueEnd = empty ? text.indexOf(':', key[1]) + 1 : range![1];
  if (text[valueEnd - 1] === '\n') return { start: key[0], end: valueEnd, text: `staffing:\n${body}` };
  const end = lineEnd(text, valueEnd);
  // The rest of the key line (a trailing comment) stays on it.
  return { start: key[0], end: Math.min(text.length, end + 1), text: `staffing:${text.slice(valueEnd, end)}\n${body}` };
}

/** Adds a `staffing:` pair after the queue's last key. */
function appendBlock(text: string, queue: YAMLMap, indent: number, block: StaffingBlock, o: ToOriginal): Edit {
  const last = queue.items[queue.items.length - 1]!;
  const value = rangeOf(last.value, o);
  const key = rangeOf(last.key, o)!;
  const end = value && value[1] > value[0] ? value[1] : key[2];
  const rendered = renderStaffingBlock(block, indent);
  if (text[end - 1] === '\n') return { start: end, end, text: rendered };
  const at = lineEnd(text, end);
  return at === text.length
    ? { start: at, end: at, text: `\n${rendered}` }
    : { start: at + 1, end: at + 1, text: rendered };
}

/**
 * Sets the staffing block of every queue in `blocks` (by queue id) and returns the new text.
 * The text must already be valid dispatch rules (readDispatchRules).
 */
export function writeStaffingBlocks(text: string, source: string, blocks: ReadonlyMap<string, StaffingBlock>): WrittenBlocks {
  const { doc, lineCounter, staffing, original } = parseDispatchDocument(text, source);
  const queues = isMap(doc.contents) ? doc.contents.get('queues', true) : undefined;
  if (!isSeq(queues)) throw new DispatchRulesError(source, [{ path: 'queues', message: 'expected a list of queues', zh: '应为队列列表' }]);
  const edits: Edit[] = [];
  const written: string[] = [];
  const previous = new Map<string, string[]>();
  queues.items.forEach((item, k) => {
    if (!isMap(item)) return;
    const id = item.get('id');
    const block = blocks.get(String(id));
    if (block === undefined) return;
    const first = rangeOf(item.items[0]?.key, original);
    if (item.flow || !first) {
      const pos = item.range ? lineCounter.linePos(item.range[0]) : undefined;
      throw new DispatchRulesError(source, [{
        ...(pos ? { line: pos.line, column: pos.col } : {}), path: `queues[${k}]`,
        message: `queue ${String(id)} is written as a one-line { ... } mapping: write it as a block (one key per line) so DeskPulse can add its staffing`,
        zh: `队列 ${String(id)} 写成了单行的 { ... } 映射：请改为块格式（每行一个键），DeskPulse 才能加入排班`,
      }]);
    }
    const indent = first[0] - lineStart(text, first[0]);
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'staffing');
    const keyAt = pair ? rangeOf(pair.key, original)![0] : -1;
    const masked = staffing.find((b) => b.keyAt === keyAt);
    edits.push(pair ? replaceBlock(text, pair, indent, block, masked, original) : appendBlock(text, item, indent, block, original));
    written.push(String(id));
    previous.set(String(id), masked?.lines ?? []);
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const missing = [...blocks.keys()].filter((id) => !written.includes(id));
  assertOnlyStaffingChanged(doc.toJS(), out, source);
  return { text: out, written, missing, previous };
}

function withoutStaffing(data: { queues?: unknown[] }): unknown {
  for (const q of data.queues ?? []) if (q && typeof q === 'object') delete (q as Record<string, unknown>).staffing;
  return data;
}

/** Guard: the rewritten text must mean exactly the same outside the staffing blocks. */
function assertOnlyStaffingChanged(before: { queues?: unknown[] }, after: string, source: string): void {
  if (JSON.stringify(withoutStaffing(before)) !== JSON.stringify(withoutStaffing(parseDispatchDocument(after, source).doc.toJS() as { queues?: unknown[] }))) {
    throw new DispatchRulesError(source, [{
      path: '', message: 'internal check failed: writing the staffing blocks would change other keys; the file was left unchanged (please report this with the file)',
      zh: '内部检查未通过：写入排班会改动其他键；文件未改动（请附上该文件报告此问题）',
    }]);
  }
}
