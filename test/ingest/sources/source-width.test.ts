// Issue 15, defect 5: a source wider than MAX_SOURCE_COLUMNS is refused before it is staged, in
// every format, naming the file and the limit; one at the limit is read as usual.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest, IngestError } from '../../../ingest/pipeline.ts';
import { MAX_SOURCE_COLUMNS } from '../../../ingest/sources/stage-file.ts';
import { Warehouse } from '../../../warehouse/database.ts';

const EVENT = { event_id: 'e1', ticket_id: 'T1', type: 'created', occurred_at: '2026-03-02T09:00:00+08:00' };

let w: Warehouse;
let dir: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-width-'));
});
afterEach(() => w.close());

/** The event plus extra columns x5, x6, ... up to `width` columns in all. */
function wideRecord(width: number): Record<string, string> {
  const record: Record<string, string> = { ...EVENT };
  for (let i = Object.keys(EVENT).length + 1; i <= width; i++) record[`x${i}`] = '';
  return record;
}

function csv(name: string, width: number): string {
  const record = wideRecord(width);
  const path = join(dir, name);
  writeFileSync(path, `${Object.keys(record).join(',')}\n${Object.values(record).join(',')}\n`);
  return path;
}

const refusal = (file: string) => ingest(w, { inputs: [file], piiKey: 'k' }).then(() => undefined, (err: unknown) => err);
const events = async () => Number((await w.db.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]?.[0]);

describe(`sources wider than ${MAX_SOURCE_COLUMNS} columns`, () => {
  it('reads a CSV file at the limit and refuses one column more, naming the file, its header line and the limit', async () => {
    expect(await ingest(w, { inputs: [csv('at-limit.csv', MAX_SOURCE_COLUMNS)], piiKey: 'k' })).toMatchObject({ accepted: 1 });
    const wide = csv('wide.csv', MAX_SOURCE_COLUMNS + 1);
    const err = await refusal(wide);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toBe(`${wide}:1: has 1,001 columns in its header line; at most 1,000 are read ` +
      '(an event export needs tens): drop the columns that are not needed and send it again');
    expect(await events()).toBe(1);
  });

  it('refuses NDJSON whose objects hold more distinct keys than the limit between them', async () => {
    const path = join(dir, 'keys.ndjson');
    // Two objects of 600 keys each, 1,196 distinct keys in all.
    const half = (from: number) => Object.fromEntries([...Object.entries(EVENT), ...Array.from({ length: 596 }, (_, i) => [`k${from + i}`, 'v'])]);
    writeFileSync(path, `${JSON.stringify(half(0))}\n${JSON.stringify({ ...half(596), event_id: 'e2' })}\n`);
    expect((await refusal(path) as Error).message).toMatch(/keys\.ndjson: has 1,196 distinct keys in its objects; at most 1,000 are read/);
    expect(await events()).toBe(0);
  });

  it('refuses NDJSON of 200,000 distinct keys from an estimate, without listing them', async () => {
    const path = join(dir, 'many-keys.ndjson');
    // 400 objects of 500 keys each, no key repeated.
    const lines = Array.from({ length: 400 }, (_, o) => JSON.stringify({ ...EVENT, event_id: `e${o}`,
      ...Object.fromEntries(Array.from({ length: 500 }, (_, k) => [`k${o * 500 + k}`, 'v'])) }));
    writeFileSync(path, `${lines.join('\n')}\n`);
    const started = Date.now();
    const message = (await refusal(path) as Error).message;
    expect(message).toMatch(/many-keys\.ndjson: has about [\d,]+ distinct keys in its objects; at most 1,000 are read/);
    const estimate = Number(/about ([\d,]+)/.exec(message)![1]!.replaceAll(',', ''));
    expect(estimate).toBeGreaterThan(150_000);
    expect(estimate).toBeLessThan(250_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await events()).toBe(0);
  });

  it('refuses a Parquet file with more columns than the limit', async () => {
    const path = join(dir, 'wide.parquet');
    const columns = Object.entries(wideRecord(MAX_SOURCE_COLUMNS + 5)).map(([k, v]) => `'${v}' AS "${k}"`).join(', ');
    await w.db.run(`COPY (SELECT ${columns}) TO '${path}' (FORMAT parquet)`);
    expect((await refusal(path) as Error).message).toMatch(/wide\.parquet: has 1,005 columns; at most 1,000 are read/);
    expect(await events()).toBe(0);
  });
});
