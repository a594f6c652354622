// The tests that run bin/deskpulse.js refuse a dist/ older than the sources it was built from: a
// tree of its own with a build record, and a source edited or removed after it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleServerBuild, type BuildInfo } from '../../scripts/server-build-freshness.ts';

const SOURCE = 'warehouse/lifecycle/derive.ts';
const RUN_BUILD = 'run `npm run build` (or `npm run build:server`), under `flock /tmp/build.lock` when others share the tree';

/** A tree with one source and a build of it that started a second from now. */
function builtTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'deskpulse-freshness-'));
  mkdirSync(join(root, 'warehouse', 'lifecycle'), { recursive: true });
  writeFileSync(join(root, SOURCE), 'export const x = 1;\n');
  mkdirSync(join(root, 'dist'));
  const info: BuildInfo = { startedAt: Date.now() + 1_000, sources: [SOURCE] };
  writeFileSync(join(root, 'dist', 'build-info.json'), JSON.stringify(info));
  return root;
}

describe('staleServerBuild', () => {
  it('says there is no build when dist/ has none', () => {
    const root = builtTree();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(staleServerBuild(root)).toBe(`there is no server build in dist/: ${RUN_BUILD}`);
  });

  it('passes a build started after the last edit', () => {
    expect(staleServerBuild(builtTree())).toBeNull();
  });

  it('names the source edited after the build and says to run npm run build', () => {
    const root = builtTree();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, SOURCE), later, later);
    expect(staleServerBuild(root)).toBe(`dist/ is older than ${SOURCE}: ${RUN_BUILD}`);
  });

  it('names a source the build has that is gone', () => {
    const root = builtTree();
    rmSync(join(root, SOURCE));
    expect(staleServerBuild(root)).toBe(`dist/ was built from ${SOURCE}, which is gone: ${RUN_BUILD}`);
  });
});
