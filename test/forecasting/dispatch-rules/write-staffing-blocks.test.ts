import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import type { StaffingBlock } from '../../../forecasting/dispatch-rules/staffing-block.ts';
import { writeStaffingBlocks } from '../../../forecasting/dispatch-rules/write-staffing-blocks.ts';

const FIXTURE = 'test/forecasting/dispatch-rules/fixtures/dispatch-rules.yaml';
const original = readFileSync(FIXTURE, 'utf8');

const block = (agents: number[], model = 'holt-winters'): StaffingBlock => ({
  generatedAt: '2026-11-22T20:00:00+08:00',
  model,
  method: 'erlang_c',
  shrinkage: 0.3,
  intervals: agents.map((a, k) => ({ start: `2026-11-23T${String(9 + k).padStart(2, '0')}:00:00+08:00`, minutes: 60, forecast: 100.25 + k, p90: 120, agents: a })),
});

/** The text without its staffing blocks: each `staffing:` line and the deeper-indented lines under it. */
function withoutStaffing(text: string): string {
  const out: string[] = [];
  let inside: number | null = null;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (inside !== null && line.trim() !== '' && indent > inside && !line.trimStart().startsWith('#')) continue;
    inside = null;
    const m = /^(\s*)staffing:/.exec(line);
    if (m) { inside = m[1]!.length; continue; }
    out.push(line);
  }
  return out.join('\n');
}

describe('writeStaffingBlocks', () => {
  const blocks = new Map([['returns', block([11, 12])], ['logistics', block([5])], ['quality', block([2, 3, 4], 'calendar-regression')]]);
  const result = writeStaffingBlocks(original, FIXTURE, blocks);

  it('keeps every byte outside the staffing blocks: comments, order, spacing, other keys', () => {
    expect(result.written).toEqual(['returns', 'logistics', 'quality']);
    expect(withoutStaffing(result.text)).toBe(withoutStaffing(original));
    // The comment on the existing block's key line and the note after it stay.
    expect(result.text).toContain('    staffing:                          # written by the forecaster\n      generated_at: 2026-11-22T20:00:00+08:00\n');
    expect(result.text).toContain('        - { start: 2026-11-23T10:00:00+08:00, minutes: 60, forecast: 101.3, p90: 120, agents: 12 }\n    # kept: a note after the staffing block\n');
    expect(result.text).toContain('    extra_note: people may add keys DeskPulse does not know\n    staffing:\n      generated_at:');
  });

  it('writes blocks that read back as design.md describes them', () => {
    const data = parse(result.text) as { queues: { id: string; staffing: { generated_at: string; model: string; intervals: Record<string, unknown>[] } }[] };
    const quality = data.queues.find((q) => q.id === 'quality')!;
    expect(quality.staffing.generated_at).toBe('2026-11-22T20:00:00+08:00');
    expect(quality.staffing.model).toBe('calendar-regression');
    expect(quality.staffing.intervals).toEqual([
      { start: '2026-11-23T09:00:00+08:00', minutes: 60, forecast: 100.3, p90: 120, agents: 2 },
      { start: '2026-11-23T10:00:00+08:00', minutes: 60, forecast: 101.3, p90: 120, agents: 3 },
      { start: '2026-11-23T11:00:00+08:00', minutes: 60, forecast: 102.3, p90: 120, agents: 4 },
    ]);
    // Still valid dispatch rules, with the same queues.
    expect(readDispatchRules(result.text, FIXTURE).queues.map((q) => q.id)).toEqual(['returns', 'logistics', 'quality']);
  });

  it('is idempotent: writing the same blocks again changes nothing', () => {
    expect(writeStaffingBlocks(result.text, FIXTURE, blocks).text).toBe(result.text);
  });

  it('leaves queues without a block alone and reports ids the file lacks', () => {
    const only = writeStaffingBlocks(original, FIXTURE, new Map([['logistics', block([5])], ['channel:phone', block([1])]]));
    expect(only.written).toEqual(['logistics']);
    expect(only.missing).toEqual(['channel:phone']);
    expect(only.text).toContain('      model: seasonal-naive\n'); // the returns block is untouched
    expect(withoutStaffing(only.text)).toBe(withoutStaffing(original));
  });

  it('handles an empty or one-line staffing value and a file without a final newline', () => {
    const text = 'version: 1\ntimezone: UTC\nqueues:\n  - id: a\n    staffing: {}   # soon\n    x: 1\n  - id: b\n    staffing:\n  - id: c\n    x: 2';
    const out = writeStaffingBlocks(text, 'inline.yaml', new Map([['a', block([1])], ['b', block([2])], ['c', block([3])]])).text;
    expect(out).toContain('    staffing:   # soon\n      generated_at:');
    expect(out).toContain('agents: 1 }\n    x: 1\n  - id: b\n    staffing:\n      generated_at:');
    expect(out.endsWith('    x: 2\n    staffing:\n      generated_at: 2026-11-22T20:00:00+08:00\n      model: holt-winters\n      method: erlang_c\n' +
      '      shrinkage: 0.3\n      intervals:\n        - { start: 2026-11-23T09:00:00+08:00, minutes: 60, forecast: 100.3, p90: 120, agents: 3 }\n')).toBe(true);
    const data = parse(out) as { queues: { id: string; x?: number; staffing: { intervals: { agents: number }[] } }[] };
    expect(data.queues.map((q) => q.staffing.intervals[0]!.agents)).toEqual([1, 2, 3]);
    expect(data.queues.map((q) => q.x ?? null)).toEqual([1, null, 2]);
  });

  it('rewrites blocks of 92 days x 15 min in place without reading their interval lines, and says what they held', () => {
    const big = (agents: number) => ({ ...block([]), intervals: Array.from({ length: 92 * 96 }, (_, k) => ({
      start: new Date(Date.parse('2026-11-23T00:00:00Z') + k * 900_000).toISOString(), minutes: 15, forecast: k % 9, p90: 9, agents: (k + agents) % 7,
    })) });
    const first = writeStaffingBlocks(original, FIXTURE, new Map([['returns', big(0)], ['quality', big(1)]]));
    const again = writeStaffingBlocks(first.text, FIXTURE, new Map([['returns', big(2)], ['quality', big(3)]]));
    // The same text as writing the second blocks over the original: old interval lines all replaced, nothing else moved.
    expect(again.text).toBe(writeStaffingBlocks(original, FIXTURE, new Map([['returns', big(2)], ['quality', big(3)]])).text);
    expect(again.previous.get('returns')).toHaveLength(92 * 96);
    expect(again.previous.get('returns')![0]).toMatch(/^ {8}- \{ start: 2026-11-23T00:00:00.000Z, .* agents: 0 \}$/);
    expect(first.previous.get('returns')).toEqual(['        - { start: 2026-11-16T09:00:00+08:00, minutes: 60, forecast: 100, p90: 120, agents: 9 }']);
    // Problems after the blocks are still reported at their own line.
    const broken = again.text.replace('max_open_per_agent: 12', 'max_open_per_agent: lots');
    const line = broken.split('\n').findIndex((l) => l.includes('max_open_per_agent: lots')) + 1;
    expect(() => readDispatchRules(broken, FIXTURE)).toThrow(new RegExp(`dispatch-rules\\.yaml:${line}:\\d+: queues\\[1\\]\\.max_open_per_agent`));
  });

  it('refuses a queue written as a one-line mapping, saying where', () => {
    const text = 'version: 1\ntimezone: UTC\nqueues:\n  - { id: a, match: { channel: [web] } }\n';
    expect(() => writeStaffingBlocks(text, 'flow.yaml', new Map([['a', block([1])]]))).toThrow(/flow\.yaml:4:5: queues\[0\]: queue a is written as a one-line/);
  });
});
