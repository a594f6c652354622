import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// The shipped mappings end to end: file -> mapping -> validation -> events -> tickets.
const fixture = (name: string) => resolve(import.meta.dirname, 'fixtures', name);
let warehouse: Warehouse | undefined;
afterEach(() => { warehouse?.close(); warehouse = undefined; });

async function tickets(w: Warehouse): Promise<Record<string, unknown>[]> {
  const reader = await w.db.runAndReadAll(`SELECT ticket_id, status, team_id, agent_id, priority, reopen_count, transfer_count,
      strftime(created_at, '%Y-%m-%dT%H:%M') AS created, strftime(resolved_at, '%Y-%m-%dT%H:%M') AS resolved,
      strftime(closed_at, '%Y-%m-%dT%H:%M') AS closed
    FROM tickets ORDER BY ticket_id`);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

describe('ingest with a mapping', () => {
  it('ingests a ServiceNow export: events, quarantined rows with reasons, derived tickets, hashed callers', async () => {
    warehouse = await Warehouse.open(':memory:');
    const mapping = await loadMapping('servicenow');
    const first = await ingest(warehouse, { inputs: [fixture('servicenow-incidents.csv')], mapping, piiKey: 'test-key' });
    expect(first).toMatchObject({ rowsRead: 21, accepted: 25, duplicates: 0, quarantined: 4, ticketsTouched: 4 });
    expect(first.quarantine.map((q) => q.reason.split('; ')[0])).toEqual([
      'column "sys_updated_at": "31/2/2016 10:00" is not a time in the formats of time.formats (%d/%m/%Y %H:%M, %d/%m/%Y %H:%M:%S)',
      expect.stringMatching(/^column "incident_state": "Pending Approval" is not in snapshots.changes\[1\].on of/),
      expect.stringMatching(/^column "priority": "5 - Planning" is not in fields.priority.values of/),
      'column "number" is empty: every row needs a ticket id (mapping key ticket_id)',
    ]);
    expect(await tickets(warehouse)).toEqual([
      { ticket_id: 'INC0000045', status: 'closed', team_id: 'Group 56', agent_id: null, priority: 'normal', reopen_count: 0, transfer_count: 0,
        created: '2016-02-29T01:16', resolved: '2016-02-29T08:53', closed: '2016-03-05T12:00' },
      { ticket_id: 'INC0000046', status: 'resolved', team_id: 'Group 24', agent_id: 'Resolver 9', priority: 'high', reopen_count: 1, transfer_count: 1,
        created: '2016-03-01T08:55', resolved: '2016-03-03T16:50', closed: null },
      { ticket_id: 'INC0000047', status: 'closed', team_id: 'Group 40', agent_id: 'Resolver 12', priority: 'urgent', reopen_count: 0, transfer_count: 1,
        created: '2016-03-09T22:10', resolved: null, closed: '2016-03-12T09:58' },
      { ticket_id: 'INC0000048', status: 'new', team_id: 'Group 5', agent_id: null, priority: 'normal', reopen_count: 0, transfer_count: 0,
        created: '2016-03-01T10:00', resolved: null, closed: null },
    ]);
    const customers = (await warehouse.db.runAndReadAll(`SELECT DISTINCT customer_id FROM events WHERE customer_id IS NOT NULL`)).getRows().map((r) => String(r[0]));
    expect(customers).toHaveLength(3);
    expect(customers.every((c) => /^p_[0-9a-f]{32}$/.test(c))).toBe(true);

    const again = await ingest(warehouse, { inputs: [fixture('servicenow-incidents.csv')], mapping, piiKey: 'test-key' });
    expect(again).toMatchObject({ accepted: 0, duplicates: 25, quarantined: 0, unchanged: [{ run: first.runId }] });
    // The same rows in other bytes (Windows line ends) are read, and derive the same event ids.
    const crlf = join(mkdtempSync(join(tmpdir(), 'deskpulse-crlf-')), 'incidents.csv');
    writeFileSync(crlf, readFileSync(fixture('servicenow-incidents.csv'), 'utf8').replace(/\r?\n/g, '\r\n'));
    const reread = await ingest(warehouse, { inputs: [crlf], mapping, piiKey: 'test-key' });
    expect(reread).toMatchObject({ accepted: 0, duplicates: 25, quarantined: 4, unchanged: [] });
  });

  it('ingests a process-mining event log: a repeated row is one event, every case gets created', async () => {
    warehouse = await Warehouse.open(':memory:');
    const mapping = await loadMapping('eventlog');
    const summary = await ingest(warehouse, { inputs: [fixture('helpdesk-eventlog.csv')], mapping, piiKey: 'test-key' });
    expect(summary).toMatchObject({ rowsRead: 18, accepted: 16, duplicates: 1, quarantined: 3, ticketsTouched: 3 });
    expect((await tickets(warehouse)).map((t) => [t.ticket_id, t.status, t.agent_id, t.created, t.resolved, t.closed])).toEqual([
      ['Case 1', 'closed', 'Value 2', '2012-03-24T09:00', '2012-03-26T07:00', '2012-04-10T07:00'],
      ['Case 2', 'closed', 'Value 4', '2012-10-27T21:30', '2012-10-31T11:00', '2012-11-15T11:00'],
      ['Case 3', 'open', 'Value 6', '2012-03-01T09:00', null, null],
    ]);
    const created = await warehouse.db.runAndReadAll(`SELECT count(*) FROM events WHERE type = 'created'`);
    expect(Number(created.getRows()[0]![0])).toBe(3);
  });
});
