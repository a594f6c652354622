// Demo generator benchmark: `npm run bench -- demo [--days 400] [--tickets-per-day 2650]
// [--formats parquet,csv,ndjson] [--dir DIR] [--keep]`. Prints JSON: events/s per format.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDemoConfig } from '../../ingest/demo/demo-config.ts';
import { planDemo } from '../../ingest/demo/demo-plan.ts';
import { demoChunks } from '../../ingest/demo/generate-demo.ts';
import { writeDemo, type DemoFormat } from '../../ingest/demo/write-demo.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '400' },
    'tickets-per-day': { type: 'string', default: '2650' },
    seed: { type: 'string', default: '42' },
    end: { type: 'string', default: '2026-11-22' },
    formats: { type: 'string', default: 'parquet,csv,ndjson' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
  },
});

const config = readDemoConfig(resolve(import.meta.dirname, '../../config/deskpulse.yaml'));
const options = { days: Number(values.days), ticketsPerDay: Number(values['tickets-per-day']), seed: Number(values.seed), end: values.end, config };
const dir = values.dir ? resolve(values.dir) : mkdtempSync(join(tmpdir(), 'deskpulse-demo-bench-'));

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1e4) / 100;
}

const results: Record<string, unknown>[] = [];

// Generation alone (columnar chunks, nothing written): the JS side of every format.
{
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  for (const chunk of demoChunks(planDemo(options))) events += chunk.length;
  const seconds = (performance.now() - started) / 1000;
  results.push({ step: 'generate', events, seconds: +seconds.toFixed(2), eventsPerSecond: Math.round(events / seconds), cpuSeconds: cpuSeconds(cpu) });
}

if (!values['generate-only']) {
  for (const format of values.formats.split(',') as DemoFormat[]) {
    const out = join(dir, `demo.${format}`);
    const cpu = process.cpuUsage();
    const r = await writeDemo({ ...options, out });
    results.push({
      step: `write ${format}`, events: r.events, seconds: +r.seconds.toFixed(2), eventsPerSecond: r.eventsPerSecond,
      // DuckDB's threads count too: this is the process's CPU time.
      cpuSeconds: cpuSeconds(cpu), megabytes: Math.round(statSync(out).size / 1e6), file: values.keep ? out : undefined,
    });
    if (!values.keep) rmSync(out, { force: true });
  }
}
if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true });

console.log(JSON.stringify({
  benchmark: 'demo',
  options: { days: options.days, ticketsPerDay: options.ticketsPerDay, seed: options.seed, end: options.end },
  results,
  peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
}, null, 2));
