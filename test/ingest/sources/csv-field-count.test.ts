import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// A canonical CSV line with more fields than its header used to be read with the extra fields
// dropped (read_csv strict_mode=false): it now goes to quarantine, the other lines are kept.
const HEADER = 'event_id,ticket_id,type,occurred_at,actor,agent_id,comment';
const LINES = [
  HEADER,
  'e1,T1,created,2026-03-02T09:00:00+08:00,,,',
  'e2,T1,replied,2026-03-02T09:05:00+08:00,agent,a1,thanks, we will call you',
  'e3,T1,resolved,2026-03-02T10:00:00+08:00,,a1,"quoted, so one field"',
  'e4,T1,closed,2026-03-02T11:00:00+08:00,,,',
];

let w: Warehouse;
beforeAll(async () => {
  w = await Warehouse.open(':memory:');
});
afterAll(() => w.close());

describe('CSV lines with more fields than the header', () => {
  it('quarantines the line with its line number and field counts and keeps every other line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-csv-fields-')), 'wide.csv');
    writeFileSync(file, LINES.join('\n'));
    const summary = await ingest(w, { inputs: [file], piiKey: 'k' });
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 3, quarantined: 1 });
    const quarantined = (await w.db.runAndReadAll('SELECT position, reason, raw FROM quarantine')).getRowObjectsJson();
    expect(quarantined).toEqual([{
      position: 'line 3',
      reason: expect.stringContaining('too many fields (8 fields, the header has 7)'),
      raw: LINES[2],
    }]);
    const kept = (await w.db.runAndReadAll('SELECT event_id, comment FROM events ORDER BY event_id')).getRowObjectsJson();
    expect(kept).toEqual([
      { event_id: 'e1', comment: null },
      { event_id: 'e3', comment: 'quoted, so one field' },
      { event_id: 'e4', comment: null },
    ]);
  });
});

describe('CSV lines ending both in CRLF and LF', () => {
  it('reads every line of a file whose line ends are mixed (the strict reader rejected good lines of it, or the whole file)', async () => {
    const db = await Warehouse.open(':memory:');
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-csv-eol-')), 'mixed.csv');
      writeFileSync(file, `${LINES[0]}\r\n${LINES[3]}\n${LINES[1]}\r\n${LINES[4]}\n`);
      const summary = await ingest(db, { inputs: [file], piiKey: 'k' });
      expect(summary).toMatchObject({ rowsRead: 3, accepted: 3, quarantined: 0 });
      const kept = (await db.db.runAndReadAll('SELECT event_id, comment FROM events ORDER BY event_id')).getRowObjectsJson();
      expect(kept).toEqual([{ event_id: 'e1', comment: null }, { event_id: 'e3', comment: 'quoted, so one field' }, { event_id: 'e4', comment: null }]);
    } finally {
      db.close();
    }
  });
});
