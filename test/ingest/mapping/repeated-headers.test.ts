import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// Issue 16: an export whose header repeats a name in another case (`State`, a label, and `state`,
// the code) is staged with the second as `state#2`; the rows a snapshot mapping keeps for later
// batches must read the same columns the mapping read, in one batch and across two.
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-headers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAPPING = parseMapping(`version: 1
name: cased
time: { formats: [iso8601] }
ticket_id: id
occurred_at: at
fields: { agent_id: Owner, team_id: owner }
snapshots:
  order: [{ column: seq, as: number }]
  changes:
    - column: state
      on: { new: { type: status_changed, status: new }, work: { type: status_changed, status: open }, done: resolved }
    - assignment: { agent: Owner, team: owner }
`, 'cased.mapping.yaml');

const HEADER = 'id,seq,at,State,state,Owner,owner';
function csv(name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}
const ROWS = [
  'T1,0,2026-03-02T09:00:00Z,New,new,,Desk',
  'T1,1,2026-03-02T10:00:00Z,In work,work,ann,Desk',
  'T1,2,2026-03-03T10:00:00Z,Done,done,ann,Field',
];

async function derived(files: string[]): Promise<unknown[]> {
  const w = await Warehouse.open(':memory:');
  try {
    for (const file of files) {
      const summary = await ingest(w, { inputs: [file], mapping: MAPPING, piiKey: 'k' });
      expect(summary.quarantined).toBe(0);
    }
    return (await w.db.runAndReadAll('SELECT status, agent_id, team_id, transfer_count, resolved_at IS NOT NULL AS resolved FROM tickets')).getRowObjectsJson();
  } finally {
    w.close();
  }
}

describe('headers repeated in another case', () => {
  it('keeps the snapshot rows of the columns the mapping reads, so two batches give the tickets of one', async () => {
    const whole = await derived([csv('whole.csv', ROWS)]);
    expect(whole).toEqual([{ status: 'resolved', agent_id: 'ann', team_id: 'Field', transfer_count: 1, resolved: true }]);
    expect(await derived([csv('later.csv', ROWS.slice(1)), csv('earlier.csv', ROWS.slice(0, 1))])).toEqual(whole);
  });
});
