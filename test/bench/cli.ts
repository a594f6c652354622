// CLI start-up benchmark: `npm run bench -- cli [--runs 5]`. Prints JSON: the median wall time of
// `deskpulse --help` and of `deskpulse ingest` of a tiny file (20 events) into a small warehouse,
// each beside its target (issue 19 §4), their CPU time (user + sys, by GNU time: what a busy machine
// does not stretch), the same help through tsx (how bin ran before dist/), and the load average.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-cli-bench-'));
const db = join(dir, 'bench.duckdb');
const env = { ...process.env, DESKPULSE_PII_KEY: 'bench' };
const log = (message: string) => process.stderr.write(`bench cli: ${message}\n`);

const GNU_TIME = '/usr/bin/time';
const cpuFile = join(dir, 'cpu.txt');

/** Runs `node args`: wall seconds, CPU seconds of the process (NaN without GNU time) and its stdout. */
function timed(args: string[]): { seconds: number; cpuSeconds: number; stdout: string } {
  const [command, prefix] = existsSync(GNU_TIME) ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, 'node']] : ['node', []];
  const started = performance.now();
  const run = spawnSync(command, [...prefix, ...args], { env, encoding: 'utf8', cwd: root });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const cpuSeconds = command === GNU_TIME ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number).reduce((a, b) => a + b, 0) : NaN;
  return { seconds, cpuSeconds, stdout: run.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 1000) / 1000;

assertFreshServerBuild();
const bin = join(root, 'bin/deskpulse.js');
log(`small warehouse in ${dir}`);
timed([bin, 'demo', '--days', '7', '--tickets-per-day', '40', '--seed', '1', '--db', db]);
const files = Array.from({ length: runs }, (_, i) => {
  const file = join(dir, `tiny-${i}.csv`);
  timed([bin, 'demo', '--days', '1', '--tickets-per-day', '5', '--seed', String(100 + i), '--out', file]);
  return file;
});

const help: number[] = [];
const helpCpu: number[] = [];
const helpWithTsx: number[] = [];
const ingestWall: number[] = [];
const ingestCpu: number[] = [];
const ingestWork: number[] = [];
const loadBefore = loadavg()[0] ?? NaN;
for (let i = 0; i < runs; i++) {
  const helpRun = timed([bin, '--help']);
  help.push(helpRun.seconds);
  helpCpu.push(helpRun.cpuSeconds);
  helpWithTsx.push(timed(['--import', 'tsx', join(root, 'cli/main.ts'), '--help']).seconds);
  const ingest = timed([bin, 'ingest', files[i] ?? '', '--db', db, '--json']);
  ingestWall.push(ingest.seconds);
  ingestCpu.push(ingest.cpuSeconds);
  ingestWork.push((JSON.parse(ingest.stdout) as { seconds: number }).seconds);
}

process.stdout.write(`${JSON.stringify({
  runs,
  help: { medianSeconds: round(median(help)), targetSeconds: 0.5, met: median(help) <= 0.5, medianCpuSeconds: round(median(helpCpu)) },
  ingestTinyFile: {
    medianSeconds: round(median(ingestWall)), targetSeconds: 1, met: median(ingestWall) <= 1, medianCpuSeconds: round(median(ingestCpu)),
    // What the ingest itself reports (read, validate, insert, derive): the rest is start-up and exit.
    medianIngestReportedSeconds: round(median(ingestWork)),
  },
  reference: { helpThroughTsxMedianSeconds: round(median(helpWithTsx)) },
  loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0] ?? NaN), cores: 2 },
}, null, 2)}\n`);
