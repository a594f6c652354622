// Benchmark runner: `npm run bench -- NAME [args]` runs test/bench/NAME.ts, which prints JSON.
// Benchmarks are code, never part of `npm test`.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (NAME one of: ${available.join(', ')})`);
  process.exit(2);
}
const file = resolve(here, `${name}.ts`);
if (!existsSync(file)) process.exit(2);
process.argv.splice(2, 1);
await import(file);
