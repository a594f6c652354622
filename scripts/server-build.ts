// The server and CLI built once into dist/ (one .js per .ts, same folders), so nothing is
// transpiled at run time. In the built code `import.meta.url` still names the source file, so the
// files read beside the code (SQL, migrations, mappings) come from the source tree, as in development.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUILD_INFO, DIST, ROOT, type BuildInfo } from './server-build-freshness.ts';

const ENTRY = 'cli/main.ts';

/** Our own modules stay separate files: an import of `./x.ts` becomes one of `./x.js`. */
const keepOwnModulesApart: Plugin = {
  name: 'keep-own-modules-apart',
  setup(on) {
    on.onResolve({ filter: /^\.\.?\// }, (args) => args.kind === 'entry-point' ? undefined
      : { path: args.path.replace(/\.ts$/, '.js'), external: true });
  },
};

/** `import.meta.url` of dist/a/b.js becomes that of a/b.ts (relative, so the tree may move). */
const metaUrlOfSource: Plugin = {
  name: 'meta-url-of-source',
  setup(on) {
    on.onLoad({ filter: /\.[jt]s$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const rel = relative(ROOT, args.path);
      const fromBuilt = relative(dirname(join(DIST, rel)), args.path).split(sep).join('/');
      const contents = readFileSync(args.path, 'utf8')
        .replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(fromBuilt)}, import.meta.url).href`);
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** Every source file (.ts, and the few shared .js) the CLI can reach from cli/main.ts, static or dynamic imports alike. */
async function reachableSources(): Promise<string[]> {
  const { metafile } = await build({ absWorkingDir: ROOT, entryPoints: [ENTRY], bundle: true, write: false, metafile: true,
    platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
  return Object.keys(metafile.inputs);
}

/** Builds dist/ beside it, then swaps it in, so a process starting meanwhile sees the old or the new build whole. */
export async function buildServer(): Promise<{ files: number; ms: number }> {
  const startedAt = Date.now();
  const next = `${DIST}.next-${process.pid}`;
  const old = `${DIST}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const sources = await reachableSources();
  await build({ absWorkingDir: ROOT, entryPoints: sources, outbase: '.', outdir: next, bundle: true, packages: 'external',
    platform: 'node', format: 'esm', target: 'node20', plugins: [keepOwnModulesApart, metaUrlOfSource], logLevel: 'error' });
  const info: BuildInfo = { startedAt, sources };
  writeFileSync(join(next, relative(DIST, BUILD_INFO)), `${JSON.stringify(info, null, 1)}\n`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
  return { files: sources.length, ms: Date.now() - startedAt };
}
