// Whether dist/ (scripts/server-build.ts) still matches the sources: the tests that run
// bin/deskpulse.js ask first, so they never test an old build of code edited since.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const BUILD_INFO = join(DIST, 'build-info.json');

/** What a build records: when it started reading, and every source file it built (relative to the root). */
export interface BuildInfo { startedAt: number; sources: string[] }

const RUN_BUILD = 'run `npm run build` (or `npm run build:server`), under `flock /tmp/build.lock` when others share the tree';

/**
 * Why `root`'s dist/ does not match its sources, or null when it does. The build's own list of sources
 * is checked: a new file counts once an existing one imports it (that edit makes the build stale).
 */
export function staleServerBuild(root = ROOT): string | null {
  const buildInfo = join(root, relative(ROOT, BUILD_INFO));
  if (!existsSync(buildInfo)) return `there is no server build in dist/: ${RUN_BUILD}`;
  const { startedAt, sources } = JSON.parse(readFileSync(buildInfo, 'utf8')) as BuildInfo;
  for (const source of sources) {
    const path = join(root, source);
    if (!existsSync(path)) return `dist/ was built from ${source}, which is gone: ${RUN_BUILD}`;
    if (statSync(path).mtimeMs > startedAt) return `dist/ is older than ${source}: ${RUN_BUILD}`;
  }
  return null;
}
