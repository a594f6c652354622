// Imports go downward only: web and cli may use alerts, forecasting, ingest and warehouse; alerts may
// use forecasting, ingest and warehouse; forecasting and ingest only warehouse (and each other);
// warehouse nothing above it. A file that reaches upward fails here, naming the import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LEVEL: Record<string, number> = { warehouse: 0, ingest: 1, forecasting: 1, alerts: 2, web: 3, cli: 3 };

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.(ts|svelte)$/.test(entry.name)) yield path;
  }
}

/** Every relative import (static, dynamic, re-export) of `text`, the source of `file`, that lands in a higher module. */
function upwardImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const own = LEVEL[file.split('/')[0]!]!;
  const found: string[] = [];
  for (const [, spec] of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const top = normalize(join(dirname(file), spec!)).split('/')[0]!;
    if ((LEVEL[top] ?? -1) > own) found.push(`${file} -> ${spec}`);
  }
  return found;
}

describe('module layering', () => {
  it('has no module import one above it', () => {
    const root = process.cwd();
    const files = Object.keys(LEVEL).flatMap((top) => [...sources(join(root, top))].map((f) => relative(root, f)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => upwardImports(f))).toEqual([]);
  });

  it('catches an upward import, static or dynamic, and lets a downward one pass', () => {
    const text = "import { x } from '../../web/server/app.ts';\nconst y = await import('../../cli/main.ts');\nimport { z } from '../../warehouse/database.ts';";
    expect(upwardImports('alerts/digest/x.ts', text)).toEqual(['alerts/digest/x.ts -> ../../web/server/app.ts', 'alerts/digest/x.ts -> ../../cli/main.ts']);
  });
});
