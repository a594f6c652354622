import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// Real exports end to end (issue 16): the source's own order breaks same-minute ties (file order
// for canonical rows and event logs, sys_mod_count for ServiceNow), a resolved ticket worked again is
// reopened, an incident the source keeps in New stays new, a category change alone is an update.
const fixture = (name: string) => resolve(import.meta.dirname, 'fixtures', name);
let warehouse: Warehouse | undefined;
afterEach(() => { warehouse?.close(); warehouse = undefined; });

async function rows(w: Warehouse, sql: string): Promise<Record<string, unknown>[]> {
  return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}
const TICKETS = `SELECT ticket_id, status, reopen_count, strftime(created_at, '%Y-%m-%dT%H:%M') AS created,
  strftime(resolved_at, '%Y-%m-%dT%H:%M') AS resolved, strftime(closed_at, '%Y-%m-%dT%H:%M') AS closed, new_seconds
  FROM tickets ORDER BY ticket_id`;
const spans = (w: Warehouse) => rows(w, `SELECT ticket_id, status, strftime(started_at, '%Y-%m-%dT%H:%M') AS started, seconds
  FROM ticket_status_spans ORDER BY ticket_id, started_at`);

describe('same-minute ties in the source order', () => {
  // T-100: resolved, reopened and resolved again at 10:00 (+08:00), closed three days later. By
  // type rank alone the reopen would come last and leave the ticket unresolved.
  const RESOLVED = { ticket_id: 'T-100', status: 'closed', reopen_count: 1, created: '2026-03-02T01:00',
    resolved: '2026-03-02T02:00', closed: '2026-03-05T02:00', new_seconds: 600 };

  it('keeps a canonical CSV ticket resolved at the minute of its re-resolve', async () => {
    warehouse = await Warehouse.open(':memory:');
    await ingest(warehouse, { inputs: [fixture('minute-tie-events.csv')], piiKey: 'k' });
    expect(await rows(warehouse, TICKETS)).toEqual([RESOLVED]);
    // the rank of each row among the ticket's rows at its instant
    expect(await rows(warehouse, 'SELECT event_id, source_seq FROM events ORDER BY event_id')).toEqual(
      [1, 1, 1, 2, 3, 1].map((seq, i) => ({ event_id: `tie-0${i + 1}`, source_seq: seq })));
  });

  it('gives the same ticket when the tie is split over two files, whichever arrives first', async () => {
    const [header, ...lines] = readFileSync(fixture('minute-tie-events.csv'), 'utf8').trimEnd().split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-tie-'));
    const part = (name: string, rowsOf: string[]) => { const f = join(dir, name); writeFileSync(f, [header, ...rowsOf, ''].join('\n')); return f; };
    // the first resolve ends one file, the reopen and the re-resolve start the next: ranks restart,
    // so the two files interleave position by position (resolve, reopen | re-resolve)
    const early = part('february.csv', lines.slice(0, 3));
    const late = part('march.csv', lines.slice(3));
    for (const order of [[early, late], [late, early]]) {
      warehouse = await Warehouse.open(':memory:');
      for (const file of order) await ingest(warehouse, { inputs: [file], piiKey: 'k' });
      expect(await rows(warehouse, TICKETS)).toEqual([RESOLVED]);
      warehouse.close();
    }
    warehouse = undefined;
  });

  it('orders a ServiceNow incident by sys_mod_count, not by line, and keeps it New while only queued to a resolver', async () => {
    warehouse = await Warehouse.open(':memory:');
    // rows mod 4, 3, 2 (all 2/3 10:07) stand in reverse in the file
    const summary = await ingest(warehouse, { inputs: [fixture('servicenow-minute-tie.csv')], mapping: await loadMapping('servicenow'), piiKey: 'k' });
    expect(summary).toMatchObject({ rowsRead: 7, quarantined: 0 });
    expect(await rows(warehouse, `SELECT type, status, strftime(occurred_at, '%d %H:%M') AS at, source_seq, problem_type
      FROM events ORDER BY occurred_at, source_seq NULLS FIRST, type`)).toEqual([
      { type: 'created', status: null, at: '02 08:58', source_seq: null, problem_type: 'Category 1' },
      { type: 'assigned', status: null, at: '02 09:00', source_seq: 0, problem_type: 'Category 1' },
      { type: 'status_changed', status: 'new', at: '02 09:00', source_seq: 0, problem_type: 'Category 1' }, // the first state, said
      { type: 'status_changed', status: 'open', at: '02 09:05', source_seq: 1, problem_type: 'Category 1' },
      { type: 'resolved', status: null, at: '02 10:07', source_seq: 2, problem_type: 'Category 1' },
      { type: 'reopened', status: null, at: '02 10:07', source_seq: 3, problem_type: 'Category 1' },
      { type: 'status_changed', status: 'open', at: '02 10:07', source_seq: 3, problem_type: 'Category 1' },
      { type: 'resolved', status: null, at: '02 10:07', source_seq: 4, problem_type: 'Category 1' },
      { type: 'updated', status: null, at: '03 09:00', source_seq: 5, problem_type: 'Category 2' }, // the category alone changed
      { type: 'closed', status: null, at: '07 10:00', source_seq: 6, problem_type: 'Category 2' },
    ]);
    // New from opened_at 08:58 to Active at 09:05: the resolver named at 09:00 does not open it
    expect(await rows(warehouse, TICKETS)).toEqual([{ ticket_id: 'INC0000100', status: 'closed', reopen_count: 1,
      created: '2016-03-02T08:58', resolved: '2016-03-02T10:07', closed: '2016-03-07T10:00', new_seconds: 420 }]);
    expect(await rows(warehouse, 'SELECT problem_type, agent_id, transfer_count FROM tickets')).toEqual([{ problem_type: 'Category 2', agent_id: 'Resolver 1', transfer_count: 0 }]);
    expect((await spans(warehouse)).map((s) => [s.status, s.started, s.seconds])).toEqual([
      ['new', '2016-03-02T08:58', 420], ['open', '2016-03-02T09:05', 62 * 60],
      ['resolved', '2016-03-02T10:07', 5 * 86400 - 7 * 60], ['closed', '2016-03-07T10:00', null],
    ]);
  });
});

describe('a help-desk log (eventlog mapping)', () => {
  it('reopens a case taken in charge again after "Resolve ticket", and follows the file order at one second', async () => {
    warehouse = await Warehouse.open(':memory:');
    await ingest(warehouse, { inputs: [fixture('helpdesk-reopen.csv')], mapping: await loadMapping('eventlog'), piiKey: 'k' });
    // Europe/Rome is +02:00 in early October 2012
    expect(await rows(warehouse, TICKETS)).toEqual([
      // worked again on 3 October, resolved again at 12:00: one reopen; New 09:00-09:30
      { ticket_id: 'Case 10', status: 'closed', reopen_count: 1, created: '2012-10-01T07:00',
        resolved: '2012-10-03T10:00', closed: '2012-10-18T10:00', new_seconds: 1800 },
      // taken in charge at its first row: never in New; Wait then Resolve in the same second: resolved, no reopen
      { ticket_id: 'Case 11', status: 'closed', reopen_count: 0, created: '2012-10-01T07:00',
        resolved: '2012-10-01T08:00', closed: '2012-10-16T08:00', new_seconds: null },
    ]);
    expect((await spans(warehouse)).filter((s) => s.ticket_id === 'Case 11').map((s) => [s.status, s.started, s.seconds])).toEqual([
      ['open', '2012-10-01T07:00', 3600], ['resolved', '2012-10-01T08:00', 15 * 86400], ['closed', '2012-10-16T08:00', null],
    ]);
  });
});
