// The server and CLI built once into dist/ (one .js per .ts, same folders), so nothing is
// transpiled at run time. Files read next to the code (SQL, migrations, mappings) are linked to
// their sources, not copied: an edited .sql counts at once, and dist/ stays a view of the tree.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUILD_INFO, DIST, ROOT } from './server-build-freshness.ts';

const ENTRY = 'cli/main.ts';
/** Folders whose non-code files the built code may read beside itself (import.meta.url-relative). */
const ASSET_ROOTS = ['cli', 'web/server', 'warehouse', 'forecasting', 'ingest'];

/** Our own modules stay separate files: an import of `./x.ts` becomes one of `./x.js`. */
const keepOwnModulesApart: Plugin = {
  name: 'keep-own-modules-apart',
  setup(on) {
    on.onResolve({ filter: /^\.\.?\// }, (args) => args.kind === 'entry-point' ? undefined
      : { path: args.path.replace(/\.ts$/, '.js'), external: true });
  },
};

/** Every source file (.ts, and the few shared .js) the CLI can reach from cli/main.ts, static or dynamic imports alike. */
async function reachableSources(): Promise<string[]> {
  const { metafile } = await build({ absWorkingDir: ROOT, entryPoints: [ENTRY], bundle: true, write: false, metafile: true,
    platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
  return Object.keys(metafile.inputs);
}

function linkAssets(into: string): number {
  let links = 0;
  const hasCode = (dir: string): boolean => readdirSync(dir, { withFileTypes: true })
    .some((e) => e.isDirectory() ? hasCode(join(dir, e.name)) : e.name.endsWith('.ts'));
  const link = (rel: string) => {
    const at = join(into, rel);
    mkdirSync(dirname(at), { recursive: true });
    // Relative to dist/ (where `into` is moved), so the tree can move.
    symlinkSync(relative(dirname(join(DIST, rel)), join(ROOT, rel)), at);
    links++;
  };
  const walk = (rel: string) => {
    for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const child = join(rel, e.name);
      if (e.isDirectory()) {
        if (hasCode(join(ROOT, child))) walk(child); else link(child);
      } else if (!e.name.endsWith('.ts')) link(child);
    }
  };
  for (const root of ASSET_ROOTS) walk(root);
  return links;
}

/** Builds dist/ beside it, then swaps it in, so a process starting meanwhile sees the old or the new build whole. */
export async function buildServer(): Promise<{ files: number; links: number; ms: number }> {
  const startedAt = Date.now();
  const next = `${DIST}.next-${process.pid}`;
  const old = `${DIST}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const sources = await reachableSources();
  await build({ absWorkingDir: ROOT, entryPoints: sources, outbase: '.', outdir: next, bundle: true, packages: 'external',
    platform: 'node', format: 'esm', target: 'node20', plugins: [keepOwnModulesApart], logLevel: 'error' });
  const links = linkAssets(next);
  writeFileSync(join(next, relative(DIST, BUILD_INFO)), `${JSON.stringify({ startedAt, sources: sources.length })}\n`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
  return { files: sources.length, links, ms: Date.now() - startedAt };
}
