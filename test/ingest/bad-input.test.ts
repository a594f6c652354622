import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { ingest, IngestError } from '../../ingest/pipeline.ts';

// Every kind of bad input named by the foundation issue: each gets a message saying what and
// where, and nothing is lost (the good rows go in, the bad ones to quarantine with their text).
const HEADER = 'event_id,ticket_id,type,occurred_at,actor,agent_id,rating,handle_seconds,comment';
const GOOD = ['e1,T1,created,2026-03-02T09:00:00+08:00,,,,,', 'e2,T1,assigned,2026-03-02T09:05:00+08:00,,a1,,,'];

let w: Warehouse;
let dir: string;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-bad-'));
});
afterEach(() => w.close());

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function quarantine(): Promise<{ position: string; reason: string; raw: string }[]> {
  return (await w.db.runAndReadAll('SELECT position, reason, raw FROM quarantine ORDER BY line')).getRowObjectsJson() as never;
}

const events = async () => Number((await w.db.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]?.[0]);

describe('bad input', () => {
  it('quarantines a truncated last CSV line and keeps the rest', async () => {
    const s = await ingest(w, { inputs: [file('cut.csv', [HEADER, ...GOOD, 'e3,T1,resolv'].join('\n'))], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 3, accepted: 2, quarantined: 1 });
    expect(await quarantine()).toEqual([{ position: 'line 4', reason: expect.stringMatching(/too few fields .*truncated\?/), raw: 'e3,T1,resolv' }]);
  });

  it('quarantines a truncated last NDJSON line, counting blank lines', async () => {
    const ndjson = ['{"event_id":"e1","ticket_id":"T1","type":"created","occurred_at":"2026-03-02T09:00:00Z"}', '',
      '{"event_id":"e2","ticket_id":"T1","type":"closed","occurred_at":"2026-03-02T10:00:00Z"}', '{"event_id":"e3","tick'].join('\n');
    const s = await ingest(w, { inputs: [file('cut.ndjson', ndjson)], piiKey: 'k' });
    expect(s).toMatchObject({ accepted: 2, quarantined: 1 });
    expect(await quarantine()).toEqual([{ position: 'line 4', reason: expect.stringContaining('not valid JSON: truncated'), raw: '{"event_id":"e3","tick' }]);
  });

  it('names the field and value of wrong column types, missing fields and bad timestamps', async () => {
    const rows = [
      'e3,T1,rated,2026-03-02T10:00:00+08:00,,,five,,',
      'e4,T1,replied,2026-03-02T10:00:00+08:00,agent,a1,,abc,',
      'e5,T1,replied,yesterday,agent,a1,,,',
      'e6,T1,replied,2026-03-02 10:00:00,agent,a1,,,',
      ',T1,commented,2026-03-02T10:00:00+08:00,customer,,,,',
      'e8,T1,rated,2026-03-02T11:00:00+08:00,,,7,,',
      'e9,T1,teleported,2026-03-02T11:00:00+08:00,,,,,',
    ];
    const s = await ingest(w, { inputs: [file('types.csv', [HEADER, ...GOOD, ...rows].join('\n'))], piiKey: 'k' });
    expect(s).toMatchObject({ accepted: 2, quarantined: 7 });
    expect((await quarantine()).map((q) => [q.position, q.reason])).toEqual([
      ['line 4', 'rating five must be an integer 1..5'],
      ['line 5', 'handle_seconds "abc" must be a number of seconds >= 0'],
      ['line 6', 'occurred_at "yesterday" is not an ISO 8601 timestamp'],
      ['line 7', expect.stringContaining('occurred_at "2026-03-02 10:00:00" has no time zone')],
      ['line 8', 'event_id is missing: every event needs its idempotency key'],
      ['line 9', 'rating 7 must be an integer 1..5'],
      ['line 10', expect.stringContaining('unknown event type "teleported"')],
    ]);
  });

  it('refuses a value outside its allowed list, a fractional rating too, and lets empty ones pass', async () => {
    const rows = [
      'event_id,ticket_id,type,occurred_at,actor,status,priority,rating',
      'e1,T1,created,2026-03-02T09:00:00+08:00,customer,new,high,',
      'e2,T1,status_changed,2026-03-02T09:01:00+08:00,,pending,,',
      'e3,T1,rated,2026-03-02T09:02:00+08:00,,,,4',
      'e4,T1,replied,2026-03-02T09:03:00+08:00,bot,,,',
      'e5,T1,status_changed,2026-03-02T09:04:00+08:00,,done,,',
      'e6,T1,commented,2026-03-02T09:05:00+08:00,customer,,asap,',
      'e7,T1,rated,2026-03-02T09:06:00+08:00,,,,2.5',
    ];
    const s = await ingest(w, { inputs: [file('values.csv', rows.join('\n'))], piiKey: 'k' });
    expect(s).toMatchObject({ accepted: 3, quarantined: 4 });
    expect((await quarantine()).map((q) => [q.position, q.reason])).toEqual([
      ['line 5', 'actor "bot" must be agent, customer or system'],
      ['line 6', 'status "done" must be new, open, pending, on_hold, resolved or closed'],
      ['line 7', 'priority "asap" must be low, normal, high or urgent'],
      ['line 8', 'rating 2.5 must be an integer 1..5'],
    ]);
  });

  it('quarantines a line that is not UTF-8, telling how to fix it, and numbers the next lines right', async () => {
    const content = Buffer.concat([Buffer.from(`${HEADER}\n${GOOD[0]}\ne9,T1,commented,2026-03-02T09:01:00+08:00,customer,,,,`),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from(`\n${GOOD[1]}\ne8,T1,rated,2026-03-02T11:00:00+08:00,,,7,,\n`)]);
    const s = await ingest(w, { inputs: [file('latin.csv', content)], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 4, accepted: 2, quarantined: 2 });
    expect((await quarantine()).map((q) => [q.position, q.reason])).toEqual([
      ['line 3', expect.stringMatching(/not valid UTF-8; .*--encoding/)],
      ['line 5', 'rating 7 must be an integer 1..5'],
    ]);
  });

  it('quarantines a 100 MB line with the start of its text', async () => {
    const huge = `e3,T1,commented,2026-03-02T10:00:00+08:00,customer,,,,${'x'.repeat(100_000_000)}`;
    const s = await ingest(w, { inputs: [file('huge.csv', [HEADER, GOOD[0], huge, GOOD[1]].join('\n'))], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 3, accepted: 2, quarantined: 1 });
    const [q] = await quarantine();
    expect(q!.position).toBe('line 3');
    expect(q!.reason).toMatch(/longer than 8 MiB.*the rest is in the source/);
    expect(q!.raw).toMatch(/^e3,T1,commented,2026-03-02T10:00:00\+08:00,customer,,,,x+$/);
    expect(q!.raw.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses duplicate header names, saying which columns', async () => {
    const error = await ingest(w, { inputs: [file('twice.csv', `event_id,ticket_id,type,occurred_at,ticket_id\n${GOOD[0]}\n`)], piiKey: 'k' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(/twice\.csv:1: the header names "ticket_id" twice \(columns 2 and 5\)/);
    expect(await events()).toBe(0);
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const s = await ingest(w, { inputs: [file('bom.csv', `\uFEFF${[HEADER, ...GOOD].join('\n')}`), file('bom.ndjson',
      '\uFEFF{"event_id":"n1","ticket_id":"T2","type":"created","occurred_at":"2026-03-02T09:00:00Z"}\n')], piiKey: 'k' });
    expect(s).toMatchObject({ accepted: 3, quarantined: 0 });
  });
});

describe('encodings', () => {
  it('reads GB18030 (Chinese Excel exports) with --encoding, and names the original file', async () => {
    const iconv = (await import('iconv-lite')).default;
    const csv = [HEADER, ...GOOD, 'e3,T1,rated,2026-03-02T11:00:00+08:00,,,2,,太慢了，退货三天没人理', 'e4,T1,rated,2026-03-02T12:00:00+08:00,,,9,,差评'].join('\n');
    const path = file('导出.csv', iconv.encode(csv, 'gb18030'));
    const s = await ingest(w, { inputs: [path], piiKey: 'k', encoding: 'gb18030' });
    expect(s).toMatchObject({ accepted: 3, quarantined: 1 });
    const [comment] = (await w.db.runAndReadAll("SELECT comment FROM events WHERE event_id = 'e3'")).getRows();
    expect(comment?.[0]).toBe('太慢了，退货三天没人理');
    const [q] = (await w.db.runAndReadAll('SELECT source, raw FROM quarantine')).getRows();
    expect(q?.[0]).toBe(path);
    expect(String(q?.[1])).toContain('差评');
  });

  it('refuses an unknown encoding by name', async () => {
    const error = await ingest(w, { inputs: [file('a.csv', [HEADER, ...GOOD].join('\n'))], piiKey: 'k', encoding: 'klingon' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/unknown encoding "klingon"; use e\.g\. utf-8, gb18030/);
  });
});
