import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { ingest } from '../../ingest/pipeline.ts';

// rating_dimension on `rated` events (issue 20 §4): valid keys are kept (lower case), a bad one goes to
// quarantine with its reason and nothing else is lost, and the ticket's rating stays its last OVERALL one.
const HEADER = 'event_id,ticket_id,type,occurred_at,rating,rating_dimension,comment';
const ROWS = [
  'e1,T1,created,2026-03-02T09:00:00+08:00,,,',
  'e2,T1,resolved,2026-03-02T10:00:00+08:00,,,',
  'e3,T1,rated,2026-03-02T11:00:00+08:00,4,,fine',
  // given after the overall rating: must not replace it as the ticket's rating
  'e4,T1,rated,2026-03-02T11:00:05+08:00,1,Speed,slow',
  'e5,T1,rated,2026-03-02T11:00:06+08:00,5,attitude,',
  'e6,T1,rated,2026-03-02T11:00:07+08:00,3,overall,', // 'overall' is the overall rating
  'e7,T1,rated,2026-03-02T11:00:08+08:00,2,wait time,',
  'e8,T1,resolved,2026-03-02T11:00:09+08:00,,speed,',
  'e9,T1,rated,2026-03-02T11:00:10+08:00,,speed,',
];

let w: Warehouse;
let dir: string;
beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-dimension-'));
});
afterAll(() => {
  w.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async (sql: string) => (await w.db.runAndReadAll(sql)).getRowObjectsJson();

describe('rating_dimension at ingest', () => {
  it('keeps valid keys, quarantines bad values with the reason, and leaves the overall rating alone', async () => {
    const path = join(dir, 'ratings.csv');
    writeFileSync(path, [HEADER, ...ROWS].join('\n'));
    const s = await ingest(w, { inputs: [path], piiKey: 'k' });
    expect(s).toMatchObject({ rowsRead: 9, accepted: 6, quarantined: 3 });
    expect(await rows(`SELECT event_id, rating, rating_dimension FROM events WHERE type = 'rated' ORDER BY event_id`)).toEqual([
      { event_id: 'e3', rating: 4, rating_dimension: null },
      { event_id: 'e4', rating: 1, rating_dimension: 'speed' },
      { event_id: 'e5', rating: 5, rating_dimension: 'attitude' },
      { event_id: 'e6', rating: 3, rating_dimension: null },
    ]);
    expect((await rows('SELECT position, reason FROM quarantine ORDER BY line')).map((q) => [q.position, q.reason])).toEqual([
      ['line 8', 'rating_dimension "wait time" must be a key of 1 to 40 letters, digits, _ or - (e.g. speed, quality, attitude); leave it empty for the overall rating'],
      ['line 9', 'rating_dimension "speed" belongs to rated events only; remove it from this resolved event'],
      ['line 10', 'rating is missing: required for rated'],
    ]);
    // The last overall rating (e6's 3, comment-less) is the ticket's; e4's 1 and e5's 5 are not.
    expect(await rows(`SELECT rating, rating_comment, strftime(rated_at AT TIME ZONE 'Asia/Shanghai', '%H:%M:%S') AS at FROM tickets`))
      .toEqual([{ rating: 3, rating_comment: null, at: '11:00:07' }]);
    expect(await rows('SELECT ticket_id, rating_dimension, rating FROM dimension_ratings() ORDER BY rating_dimension'))
      .toEqual([{ ticket_id: 'T1', rating_dimension: 'attitude', rating: 5 }, { ticket_id: 'T1', rating_dimension: 'speed', rating: 1 }]);
  });

  it('takes rating_dimension from NDJSON, null as the overall rating', async () => {
    const path = join(dir, 'ratings.ndjson');
    writeFileSync(path, [
      { event_id: 'n1', ticket_id: 'T2', type: 'created', occurred_at: '2026-03-03T09:00:00Z' },
      { event_id: 'n2', ticket_id: 'T2', type: 'rated', occurred_at: '2026-03-03T10:00:00Z', rating: 5, rating_dimension: null },
      { event_id: 'n3', ticket_id: 'T2', type: 'rated', occurred_at: '2026-03-03T10:00:01Z', rating: 2, rating_dimension: 'quality' },
    ].map((e) => JSON.stringify(e)).join('\n'));
    expect(await ingest(w, { inputs: [path], piiKey: 'k' })).toMatchObject({ accepted: 3, quarantined: 0 });
    expect(await rows(`SELECT rating FROM tickets WHERE ticket_id = 'T2'`)).toEqual([{ rating: 5 }]);
    expect(await rows(`SELECT rating_dimension, rating FROM dimension_ratings() WHERE ticket_id = 'T2'`)).toEqual([{ rating_dimension: 'quality', rating: 2 }]);
  });

  it('takes a key of up to 40 characters (not bytes), and quarantines one of 41', async () => {
    const path = join(dir, 'long-keys.csv');
    writeFileSync(path, [HEADER, `l1,T3,rated,2026-03-04T10:00:00Z,4,${'响'.repeat(40)},`, `l2,T3,rated,2026-03-04T10:00:01Z,4,${'a'.repeat(41)},`].join('\n'));
    expect(await ingest(w, { inputs: [path], piiKey: 'k' })).toMatchObject({ accepted: 1, quarantined: 1 });
    expect(await rows(`SELECT rating_dimension FROM events WHERE ticket_id = 'T3'`)).toEqual([{ rating_dimension: '响'.repeat(40) }]);
    expect(await rows(`SELECT reason FROM quarantine WHERE position = 'line 3'`)).toEqual([{ reason: expect.stringContaining('must be a key of 1 to 40 letters') }]);
  });
});
