import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { ingest, IngestError } from '../../ingest/pipeline.ts';

const FIXTURE = 'test/ingest/fixtures/canonical.csv';
let w: Warehouse;
let dir: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-ingest-'));
});
afterEach(() => w.close());

const count = async (table: string) => Number((await w.db.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0]);

describe('ingest', () => {
  it('accepts valid rows, quarantines each bad one with its line and reason, and dedupes', async () => {
    const s = await ingest(w, { inputs: [FIXTURE], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 11, accepted: 6, duplicates: 1, quarantined: 4, ticketsTouched: 2 });
    expect(s.quarantine).toEqual([
      { position: 'line 8', reason: 'rating 7 must be an integer 1..5' },
      { position: 'line 9', reason: expect.stringContaining('unknown event type "exploded"') },
      { position: 'line 10', reason: expect.stringContaining('has no time zone; add an offset') },
      { position: 'line 11', reason: 'agent_id is missing: required for assigned' },
    ]);
    const [raw] = (await w.db.runAndReadAll("SELECT raw FROM quarantine WHERE line = 8")).getRows();
    expect(JSON.parse(String(raw?.[0]))).toMatchObject({ event_id: 'e7', rating: '7' });
  });

  it('adds nothing when the same file comes again, and does not read it again', async () => {
    const first = await ingest(w, { inputs: [FIXTURE], piiKey: 'k' });
    const tickets = (await w.db.runAndReadAll('FROM tickets ORDER BY ticket_id')).getRowObjectsJson();
    const again = await ingest(w, { inputs: [FIXTURE], piiKey: 'k' });
    // The 7 valid events are duplicates; the 4 bad rows stay in the first run's quarantine, once.
    expect(again).toMatchObject({ rowsRead: 11, accepted: 0, duplicates: 7, quarantined: 0, ticketsTouched: 0, unchanged: [{ file: FIXTURE, run: first.runId }] });
    expect(await count('events')).toBe(6);
    expect(await count('quarantine')).toBe(4);
    expect((await w.db.runAndReadAll('FROM tickets ORDER BY ticket_id')).getRowObjectsJson()).toEqual(tickets);
  });

  it('reads a file again when its bytes or the way it is read changed', async () => {
    const copy = join(dir, 'canonical.csv');
    writeFileSync(copy, readFileSync(FIXTURE));
    await ingest(w, { inputs: [copy], piiKey: 'k' });
    appendFileSync(copy, 'e11,T2,resolved,2026-03-07T11:00:00+08:00,,,,,,,,,\n');
    const grown = await ingest(w, { inputs: [copy], piiKey: 'k' });
    expect(grown).toMatchObject({ rowsRead: 12, accepted: 1, duplicates: 7, quarantined: 4, unchanged: [] });
    // With the zone declared, the zone-less line 10 is valid now.
    const zoned = await ingest(w, { inputs: [copy], piiKey: 'k', timezone: 'Asia/Shanghai' });
    expect(zoned).toMatchObject({ accepted: 1, duplicates: 8, quarantined: 3, unchanged: [] });
    expect(await count('events')).toBe(8);
  });

  it('stores customer ids only as keyed hashes', async () => {
    await ingest(w, { inputs: [FIXTURE], piiKey: 'k' });
    const ids = (await w.db.runAndReadAll('SELECT DISTINCT customer_id FROM events WHERE customer_id IS NOT NULL')).getRows().map(([c]) => String(c));
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^p_[0-9a-f]{32}$/);
    const other = await Warehouse.open(':memory:');
    await ingest(other, { inputs: [FIXTURE], piiKey: 'another key' });
    const otherIds = (await other.db.runAndReadAll('SELECT DISTINCT customer_id FROM events WHERE customer_id IS NOT NULL')).getRows().map(([c]) => String(c));
    other.close();
    expect(otherIds.some((id) => ids.includes(id))).toBe(false);
  });

  it('accepts naive times when the source declares its zone', async () => {
    const s = await ingest(w, { inputs: [FIXTURE], piiKey: 'k', timezone: 'Asia/Shanghai' });
    expect(s.quarantined).toBe(3);
    const [at] = (await w.db.runAndReadAll("SELECT occurred_at::VARCHAR FROM events WHERE event_id = 'e9'")).getRows();
    expect(at?.[0]).toBe('2026-03-07 02:05:00+00');
  });

  it('reads NDJSON, JSON arrays and Parquet the same way', async () => {
    const events = [
      { event_id: 'n1', ticket_id: 'N1', type: 'created', occurred_at: '2026-03-02T09:00:00Z', channel: 'App' },
      { event_id: 'n2', ticket_id: 'N1', type: 'rated', occurred_at: '2026-03-02T10:00:00Z', rating: 9 },
    ];
    writeFileSync(join(dir, 'a.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(dir, 'b.json'), JSON.stringify(events.map((e) => ({ ...e, event_id: `${e.event_id}b` }))));
    await w.db.run(`COPY (SELECT 'p1' AS event_id, 'P1' AS ticket_id, 'created' AS type, TIMESTAMPTZ '2026-03-02 09:00:00+00' AS occurred_at)
      TO '${join(dir, 'c.parquet')}' (FORMAT parquet)`);
    const s = await ingest(w, { inputs: [dir], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 5, accepted: 3, quarantined: 2 });
    expect(s.quarantine.map((q) => q.position).sort()).toEqual(['element 2', 'line 2']);
    const [channel] = (await w.db.runAndReadAll("SELECT channel FROM events WHERE event_id = 'n1'")).getRows();
    expect(channel?.[0]).toBe('app');
  });

  it('leaves out re-sent events alike beside a warehouse of the batch\'s size and one ten times larger', async () => {
    const line = (id: string) => JSON.stringify({ event_id: id, ticket_id: `G-${id.trim()}`, type: 'created', occurred_at: '2026-03-02T09:00:00Z' });
    // Re-sent: g1 (with blanks around its id) and g2; new: x1; and a broken line.
    writeFileSync(join(dir, 'batch.ndjson'), [line(' g1 '), line('g2'), line('x1'), '{"event_id": "bad"'].join('\n') + '\n');
    // 3 staged rows: 40 held events are over ten times as many, so their ids are looked up first.
    for (const held of [3, 40]) {
      const warehouse = await Warehouse.open(':memory:');
      try {
        writeFileSync(join(dir, `held-${held}.ndjson`), Array.from({ length: held }, (_, i) => line(`g${i + 1}`)).join('\n') + '\n');
        await ingest(warehouse, { inputs: [join(dir, `held-${held}.ndjson`)], piiKey: 'k' });
        const s = await ingest(warehouse, { inputs: [join(dir, 'batch.ndjson')], piiKey: 'k' });
        expect(s, `${held} events held`).toMatchObject({ rowsRead: 4, accepted: 1, duplicates: 2, quarantined: 1 });
        const added = (await warehouse.db.runAndReadAll('SELECT event_id FROM events WHERE run_id = $1', [s.runId])).getRows();
        expect(added).toEqual([['x1']]);
      } finally {
        warehouse.close();
      }
    }
  });

  it('refuses a missing file, an empty one, a header-only one and an empty directory, writing nothing', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'header.csv'), 'event_id,ticket_id,type,occurred_at\n');
    mkdirSync(join(dir, 'nothing'));
    writeFileSync(join(dir, 'nothing', 'notes.txt'), 'hello');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.csv'), /no such file or directory/],
      [join(dir, 'empty.csv'), /empty|cannot be read|no columns/],
      [join(dir, 'header.csv'), /header but no rows/],
      [join(dir, 'nothing'), /has no \.csv, \.ndjson/],
    ];
    for (const [input, message] of cases) {
      const error = await ingest(w, { inputs: [input], piiKey: 'k' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).message).toMatch(message);
      expect((error as IngestError).message).toContain(input);
    }
    expect(await count('ingest_runs')).toBe(0);
    expect(await count('events')).toBe(0);
  });

  it('commits a batch whole or not at all', async () => {
    // A JSON array that is not JSON cannot be read at all, so the first file's rows must go too.
    writeFileSync(join(dir, 'bad.json'), '[{"event_id": "x", "ticket_id": ');
    const error = await ingest(w, { inputs: [FIXTURE, join(dir, 'bad.json')], piiKey: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(await count('events')).toBe(0);
    expect(await count('quarantine')).toBe(0);
    expect(await count('tickets')).toBe(0);
    // Nor is the first file remembered as read: the rerun reads it.
    expect(await ingest(w, { inputs: [FIXTURE], piiKey: 'k' })).toMatchObject({ accepted: 6, unchanged: [] });
  });

  it('runs a small batch on one DuckDB thread and gives the threads back after, also when it fails', async () => {
    const threads = async (db = w.db) => Number((await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0]);
    await w.db.run('SET threads = 3');
    const other = await w.connect();
    let during: Promise<number> | undefined;
    await ingest(w, { inputs: [FIXTURE], piiKey: 'k' }, () => { during ??= threads(other); });
    expect(await during).toBe(1);
    expect(await threads()).toBe(3);
    writeFileSync(join(dir, 'bad.json'), '[{"event_id": "x", "ticket_id": ');
    await expect(ingest(w, { inputs: [join(dir, 'bad.json')], piiKey: 'k' })).rejects.toBeInstanceOf(IngestError);
    expect(await threads()).toBe(3);
    other.closeSync();
  });
});
