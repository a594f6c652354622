// Writes queues' `staffing` blocks into the dispatch rules text in place: the Document API finds
// each block (or where a new one goes) by its node range, and only those bytes are replaced, so
// comments, order, spacing and every other key stay byte for byte as people wrote them.
import { isMap, isScalar, isSeq, parse, type Pair, type YAMLMap } from 'yaml';
import { DispatchRulesError } from './dispatch-rules-error.ts';
import { parseDispatchDocument } from './read-dispatch-rules.ts';
import { renderStaffingBlock, type StaffingBlock } from './staffing-block.ts';

interface Edit { start: number; end: number; text: string }

export interface WrittenBlocks {
  text: string;
  /** Queue ids whose block was written. */
  written: string[];
  /** Queue ids given a block but not in the file. */
  missing: string[];
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

/** Replaces an existing `staffing:` pair's value, keeping the key line (and its comment) when the value is a block. */
function replaceBlock(text: string, pair: Pair, indent: number, block: StaffingBlock): Edit {
  const key = pair.key as { range: [number, number, number] };
  const value = pair.value as { range?: [number, number, number] } | null;
  const rendered = renderStaffingBlock(block, indent);
  const body = rendered.slice(rendered.indexOf('\n') + 1);
  const blockValue = (isMap(value) || isSeq(value)) && !value.flow;
  if (blockValue && value.range) {
    // From the first line of the old value to its end: comments on the key line and after the block stay.
    return { start: lineStart(text, value.range[0]), end: value.range[1], text: body };
  }
  const empty = !value || (isScalar(value) && value.range !== undefined && value.range[0] === value.range[1]);
  const valueEnd = empty ? text.indexOf(':', key.range[1]) + 1 : value.range![1];
  if (text[valueEnd - 1] === '\n') return { start: key.range[0], end: valueEnd, text: `staffing:\n${body}` };
  const end = lineEnd(text, valueEnd);
  // The rest of the key line (a trailing comment) stays on it.
  return { start: key.range[0], end: Math.min(text.length, end + 1), text: `staffing:${text.slice(valueEnd, end)}\n${body}` };
}

/** Adds a `staffing:` pair after the queue's last key. */
function appendBlock(text: string, queue: YAMLMap, indent: number, block: StaffingBlock): Edit {
  const last = queue.items[queue.items.length - 1]!;
  const value = last.value as { range?: [number, number, number] } | null;
  const key = last.key as { range: [number, number, number] };
  const end = value?.range && value.range[1] > value.range[0] ? value.range[1] : key.range[2];
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
  const { doc, lineCounter } = parseDispatchDocument(text, source);
  const queues = isMap(doc.contents) ? doc.contents.get('queues', true) : undefined;
  if (!isSeq(queues)) throw new DispatchRulesError(source, [{ path: 'queues', message: 'expected a list of queues' }]);
  const edits: Edit[] = [];
  const written: string[] = [];
  queues.items.forEach((item, k) => {
    if (!isMap(item)) return;
    const id = item.get('id');
    const block = blocks.get(String(id));
    if (block === undefined) return;
    const first = item.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (item.flow || !first?.range) {
      const pos = item.range ? lineCounter.linePos(item.range[0]) : undefined;
      throw new DispatchRulesError(source, [{
        ...(pos ? { line: pos.line, column: pos.col } : {}), path: `queues[${k}]`,
        message: `queue ${String(id)} is written as a one-line { ... } mapping: write it as a block (one key per line) so DeskPulse can add its staffing`,
      }]);
    }
    const indent = first.range[0] - lineStart(text, first.range[0]);
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'staffing');
    edits.push(pair ? replaceBlock(text, pair, indent, block) : appendBlock(text, item, indent, block));
    written.push(String(id));
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const missing = [...blocks.keys()].filter((id) => !written.includes(id));
  assertOnlyStaffingChanged(text, out, source);
  return { text: out, written, missing };
}

function withoutStaffing(text: string): unknown {
  const data = parse(text) as { queues?: unknown[] };
  for (const q of data.queues ?? []) if (q && typeof q === 'object') delete (q as Record<string, unknown>).staffing;
  return data;
}

/** Guard: the rewritten text must mean exactly the same outside the staffing blocks. */
function assertOnlyStaffingChanged(before: string, after: string, source: string): void {
  if (JSON.stringify(withoutStaffing(before)) !== JSON.stringify(withoutStaffing(after))) {
    throw new DispatchRulesError(source, [{
      path: '', message: 'internal check failed: writing the staffing blocks would change other keys; the file was left unchanged (please report this with the file)',
    }]);
  }
}
