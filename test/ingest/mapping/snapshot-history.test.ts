import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// What source_snapshots keeps of a snapshot export, and what mapping it again yields: no raw
// customer id, and no server path.
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = resolve('test/ingest/mapping/fixtures/servicenow-incidents.csv');
const [header, ...lines] = readFileSync(fixture, 'utf8').trimEnd().split('\n');
/** The shipped ServiceNow mapping with caller_id (its customer_id) not declared pii. */
const undeclared = parseMapping(readFileSync('ingest/mappings/servicenow.mapping.yaml', 'utf8').replace(/^pii:.*$/m, ''), 'servicenow.mapping.yaml');

function writeCsv(name: string, rows: readonly string[]): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, [header, ...rows].join('\n') + '\n');
  return file;
}

/** Each incident's later rows in the first batch, its first rows in the second: the second maps every incident again. */
function lateFirstBatches(): [string, string] {
  const firstRow = new Set<string>();
  const early: string[] = [];
  const late: string[] = [];
  for (const line of lines) {
    const ticket = line.split(',')[0]!;
    (firstRow.has(ticket) ? late : early).push(line);
    firstRow.add(ticket);
  }
  return [writeCsv('late.csv', late), writeCsv('early.csv', early)];
}

const EVENTS = 'SELECT event_id, ticket_id, customer_id FROM events ORDER BY event_id';

describe('snapshot history', () => {
  it('a customer column not declared pii is stored hashed and a re-map gives the hashed ids of the one-file ingest', async () => {
    expect(undeclared.pii.columns).toEqual([]);
    const callers = new Set(lines.map((l) => l.split(',')[7]!));
    const whole = await Warehouse.open(':memory:');
    const split = await Warehouse.open(':memory:');
    try {
      await ingest(whole, { inputs: [fixture], mapping: undeclared, piiKey: 'k' });
      const expected = (await whole.db.runAndReadAll(EVENTS)).getRowObjectsJson();
      for (const file of lateFirstBatches()) await ingest(split, { inputs: [file], mapping: undeclared, piiKey: 'k' });
      const events = (await split.db.runAndReadAll(EVENTS)).getRowObjectsJson();
      expect(events).toEqual(expected);
      expect(events.some((e) => e.customer_id !== null)).toBe(true);
      const stored = (await split.db.runAndReadAll('SELECT unnest(row_values) AS v FROM source_snapshots')).getRows().map(([v]) => String(v));
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.filter((v) => callers.has(v))).toEqual([]);
      expect(events.filter((e) => callers.has(String(e.customer_id)))).toEqual([]);
    } finally {
      whole.close();
      split.close();
    }
  });

  it('kept rows name their run and file, never the path read, and rows tied across batches order the same whatever the paths', async () => {
    // Two rows of one incident tied on both order keys (sys_mod_count, sys_updated_at), in two batches:
    // Resolved then Active is a reopening, Active then Resolved is not.
    const first = lines[1]!;
    const tied = first.replace(',Resolved,', ',Active,');
    const eventsAfter = async (paths: [string, string]) => {
      const w = await Warehouse.open(':memory:');
      try {
        await ingest(w, { inputs: [writeCsv(paths[0], [first])], names: ['january.csv'], mapping: undeclared, piiKey: 'k' });
        await ingest(w, { inputs: [writeCsv(paths[1], [tied])], names: ['february.csv'], mapping: undeclared, piiKey: 'k' });
        const sources = (await w.db.runAndReadAll('SELECT DISTINCT source FROM source_snapshots ORDER BY source')).getRows().map(([s]) => String(s));
        expect(sources).toEqual(['000000000001/000000', '000000000002/000000']);
        return (await w.db.runAndReadAll('SELECT event_id, type, status, source_seq FROM events ORDER BY event_id')).getRowObjectsJson();
      } finally {
        w.close();
      }
    };
    // Upload copies: the first batch's temp path sorts after the second's, then before it.
    const later = await eventsAfter(['deskpulse-http-z/part-0.csv', 'deskpulse-http-a/part-0.csv']);
    expect(later.some((e) => e.status === 'open')).toBe(true);
    expect(later.some((e) => e.type === 'reopened')).toBe(true);
    expect(await eventsAfter(['deskpulse-http-a/part-0.csv', 'deskpulse-http-z/part-0.csv'])).toEqual(later);
  });
});
