import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../../ingest/demo/write-demo.ts';
import { SMALL, collect } from './fixtures/demo-fixture.ts';

const tiny = { ...SMALL, days: 20, ticketsPerDay: 60 };
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo determinism', () => {
  it('gives the same events for the same options', () => {
    expect(collect(tiny)).toEqual(collect(tiny));
  });

  it('gives different events for a different seed', () => {
    const a = collect(tiny);
    const b = collect({ ...tiny, seed: tiny.seed + 1 });
    expect(JSON.stringify(b)).not.toEqual(JSON.stringify(a));
  });

  it('writes byte-identical files for the same options', async () => {
    for (const ext of ['ndjson', 'csv', 'parquet']) {
      const first = await writeDemo({ ...tiny, out: join(dir, `a.${ext}`) });
      const second = await writeDemo({ ...tiny, out: join(dir, `b.${ext}`) });
      expect(second.events).toBe(first.events);
      expect(readFileSync(second.file).equals(readFileSync(first.file)), ext).toBe(true);
    }
  });

  it('writes NDJSON whose lines are exactly the generated events, in order', async () => {
    const { file, events } = await writeDemo({ ...tiny, out: join(dir, 'events.ndjson') });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const expected = collect(tiny).map((e) => JSON.stringify(e));
    expect(events).toBe(expected.length);
    expect(lines).toEqual(expected);
  });
});
