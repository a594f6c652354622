#!/usr/bin/env node
// Entry point of the `deskpulse` command: runs the CLI built into dist/ by `npm run build`
// (nothing is transpiled at run time; see scripts/server-build.ts).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('deskpulse: the CLI is not built (no dist/cli/main.js): run `npm run build` in the DeskPulse folder\n');
  process.exit(2);
}
await import(main.href);
