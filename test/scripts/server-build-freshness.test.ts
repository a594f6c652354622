// The tests that run bin/deskpulse.js refuse a dist/ older than the sources: a tree of its own with
// a build stamp, and a source edited after it.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleServerBuild } from '../../scripts/server-build-freshness.ts';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'deskpulse-freshness-'));
  mkdirSync(join(root, 'warehouse', 'lifecycle'), { recursive: true });
  writeFileSync(join(root, 'warehouse', 'lifecycle', 'derive.ts'), 'export const x = 1;\n');
  return root;
}

function stamp(root: string, startedAt: number): void {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'build-info.json'), JSON.stringify({ startedAt }));
}

describe('staleServerBuild', () => {
  it('says there is no build when dist/ has none', () => {
    expect(staleServerBuild(tree())).toMatch(/^there is no server build in dist\/: run `npm run build`/);
  });

  it('passes a build started after the last edit', () => {
    const root = tree();
    stamp(root, Date.now() + 1_000);
    expect(staleServerBuild(root)).toBeNull();
  });

  it('names the source edited after the build and says to run npm run build', () => {
    const root = tree();
    stamp(root, Date.now() + 1_000);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'warehouse', 'lifecycle', 'derive.ts'), later, later);
    expect(staleServerBuild(root)).toBe('dist/ is older than warehouse/lifecycle/derive.ts: run `npm run build` ' +
      '(or `npm run build:server`), under `flock /tmp/build.lock` when others share the tree');
  });
});
