// Writes the demo to a .parquet, .csv or .ndjson file fast: DuckDB pulls the generator's code
// columns through a table function, decodes them to canonical events in SQL and COPYs them out,
// while the generator runs ahead on the JS thread.
import { renameSync, rmSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { ChunkFeeder } from './chunk-feeder.ts';
import { registerCodeSource } from './demo-code-source.ts';
import { planDemo, type DemoOptions } from './demo-plan.ts';
import { demoBlocks } from './generate-demo.ts';
import { copySql, wireColumns, type DemoFormat } from './wire-columns.ts';

export type { DemoFormat };

export interface WriteDemoOptions extends DemoOptions {
  /** Target file; the extension (.parquet, .csv, .ndjson or .jsonl) picks the format. */
  out: string;
}

export interface WriteDemoResult {
  file: string;
  format: DemoFormat;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

const FORMATS: Readonly<Record<string, DemoFormat>> = { '.parquet': 'parquet', '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };
/** Tickets per generator step: small enough that DuckDB never waits long for its next vector. */
const STEP_TICKETS = 50;

export function demoFormat(file: string): DemoFormat {
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format) throw new Error(`demo output ${file}: unknown extension "${extname(file)}"; use .parquet, .csv or .ndjson`);
  return format;
}

/**
 * Generates the demo into `options.out` (written under a temporary name, then renamed). `end`
 * defaults to yesterday in the config's zone: pass it for output that must not depend on today.
 */
export async function writeDemo(options: WriteDemoOptions): Promise<WriteDemoResult> {
  const format = demoFormat(options.out);
  const file = resolve(options.out);
  const plan = planDemo(options);
  const started = performance.now();
  const partial = `${file}.partial-${process.pid}`;
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const feeder = new ChunkFeeder(demoBlocks(plan, STEP_TICKETS));
  let failure: unknown = null;
  try {
    const db = await instance.connect();
    await db.run("SET TimeZone = 'UTC'");
    const rowsPulled = registerCodeSource(db, plan, wireColumns(plan, format), feeder, (err) => (failure ??= err));
    const pumping = feeder.pump();
    try {
      const { query, options: copyOptions } = copySql(format);
      await db.run(`COPY (${query}) TO $target (${copyOptions})`, { target: partial }, { target: VARCHAR });
    } catch (err) {
      throw failure ?? err;
    } finally {
      feeder.stop();
      await pumping;
    }
    renameSync(partial, file);
    const events = rowsPulled();
    const seconds = (performance.now() - started) / 1000;
    db.closeSync();
    return { file, format, events, seconds, eventsPerSecond: Math.round(events / seconds) };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    instance.closeSync();
  }
}
