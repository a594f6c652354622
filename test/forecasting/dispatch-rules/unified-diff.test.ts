import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../../forecasting/dispatch-rules/unified-diff.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Applies a unified diff with patch(1) and returns the result. */
function patched(before: string, diff: string): string {
  const file = join(dir, 'file.txt');
  writeFileSync(file, before);
  writeFileSync(join(dir, 'change.diff'), diff);
  execFileSync('patch', ['--quiet', '--force', file, join(dir, 'change.diff')]);
  return readFileSync(file, 'utf8');
}

describe('unifiedDiff', () => {
  it('prints what diff -u prints for a simple change', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n';
    writeFileSync(join(dir, 'before'), before);
    writeFileSync(join(dir, 'after'), after);
    const expected = spawnSync('diff', ['-u', '--label', 'a/rules.yaml', '--label', 'b/rules.yaml', join(dir, 'before'), join(dir, 'after')]).stdout.toString();
    expect(unifiedDiff(before, after, { fromFile: 'a/rules.yaml', toFile: 'b/rules.yaml' })).toBe(expected);
    expect(expected).toContain('@@ -1,10 +1,11 @@');
  });

  it('is empty for equal texts and marks a missing final newline', () => {
    expect(unifiedDiff('x\ny\n', 'x\ny\n')).toBe('');
    expect(unifiedDiff('x\ny', 'x\ny\n')).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n');
    expect(unifiedDiff('', 'new\n')).toBe('--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n');
  });

  it('keeps unchanged lines between rewritten blocks as context, in separate hunks when far apart', () => {
    const lines = Array.from({ length: 30 }, (_, k) => `line ${k}`);
    const changed = [...lines];
    changed[2] = 'changed 2';
    changed[25] = 'changed 25';
    const diff = unifiedDiff(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,6 +1,6 @@\n line 0\n line 1\n-line 2\n+changed 2\n line 3\n');
    expect(diff).toContain('@@ -23,7 +23,7 @@\n');
  });

  it('patch(1) turns the old text into the new one (random edits)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '  - { x: 1 }', '# note', '', 'staffing:'), { maxLength: 40 });
    fc.assert(fc.property(text, text, fc.boolean(), (a, b, finalNewline) => {
      const before = a.length > 0 ? `${a.join('\n')}\n` : '';
      const after = b.length > 0 ? `${b.join('\n')}${finalNewline ? '\n' : ''}` : '';
      const diff = unifiedDiff(before, after);
      const ops = diffLines(before, after);
      expect(ops.filter((o) => o.kind !== '+').length).toBe(a.length);
      if (diff === '') expect(after).toBe(before);
      else expect(patched(before, diff)).toBe(after);
    }), { numRuns: 60 });
  });
});
