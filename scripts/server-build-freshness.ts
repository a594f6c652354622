// Whether dist/ (scripts/server-build.ts) still matches the sources: the tests that run
// bin/deskpulse.js ask first, so they never test yesterday's build of code edited since.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const BUILD_INFO = join(DIST, 'build-info.json');
/** Where the server's and CLI's sources live; any .ts here newer than the build makes it stale. */
const SOURCE_ROOTS = ['cli', 'web/server', 'web/ui/lib', 'warehouse', 'forecasting', 'ingest', 'config'];

function newestSource(dir: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  if (!existsSync(dir)) return null;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    const candidate = e.isDirectory() ? newestSource(path)
      : e.name.endsWith('.ts') ? { file: path, mtimeMs: statSync(path).mtimeMs } : null;
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Why `root`'s dist/ does not match its sources (missing, or a .ts changed after it was built), or null when it does. */
export function staleServerBuild(root = ROOT): string | null {
  const buildInfo = join(root, relative(ROOT, BUILD_INFO));
  if (!existsSync(buildInfo)) return 'there is no server build in dist/: run `npm run build` (or `npm run build:server`)';
  const { startedAt } = JSON.parse(readFileSync(buildInfo, 'utf8')) as { startedAt: number };
  for (const sources of SOURCE_ROOTS) {
    const newest = newestSource(join(root, sources));
    if (newest && newest.mtimeMs > startedAt) {
      return `dist/ is older than ${relative(root, newest.file)}: run \`npm run build\` (or \`npm run build:server\`), ` +
        'under `flock /tmp/build.lock` when others share the tree';
    }
  }
  return null;
}
