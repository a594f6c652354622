import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';

// A mapping's first_response: what counts as the first response of a source without agent replies
// (issue 16). One case log, measured by each rule: created 10:00, a customer note 10:05 (never a
// response), taken in charge by a person 10:10, a public note by the agent 10:30, resolved 11:00.
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-frt-rule-'));
const LOG = join(dir, 'cases.csv');
writeFileSync(LOG, ['case,at,activity,who,role',
  'C1,2026-03-02T10:00:00Z,open,,customer',
  'C1,2026-03-02T10:05:00Z,note,,customer',
  'C1,2026-03-02T10:10:00Z,take,Ada,agent',
  'C1,2026-03-02T10:30:00Z,note,Ada,agent',
  'C1,2026-03-02T11:00:00Z,done,Ada,agent', ''].join('\n'));

function mapping(firstResponse: string): string {
  const file = join(dir, `cases-${Math.random().toString(36).slice(2)}.mapping.yaml`);
  writeFileSync(file, `version: 1
name: cases
time: { formats: [iso8601] }
ticket_id: case
occurred_at: at
fields: { agent_id: who, actor: role }
events:
  type:
    column: activity
    on: { open: created, note: commented, take: assigned, done: resolved }
${firstResponse}
`);
  return file;
}

let w: Warehouse | undefined;
afterEach(() => { w?.close(); w = undefined; });

async function ticketOf(firstResponse: string): Promise<Record<string, unknown>> {
  w = await Warehouse.open(':memory:');
  await ingest(w, { inputs: [LOG], mapping: await loadMapping(mapping(firstResponse)), piiKey: 'k' });
  const rows = await w.db.runAndReadAll(`SELECT first_response_rule, first_response_seconds, first_response_agent_id FROM tickets`);
  return rows.getRowObjectsJson()[0]!;
}

describe('first_response declared by a mapping', () => {
  it('measures the first assignment to a person', async () => {
    expect(await ticketOf('first_response: { assignment: person }'))
      .toEqual({ first_response_rule: 'assignment', first_response_seconds: 600, first_response_agent_id: 'Ada' });
  });

  it('measures the first event of a type by anyone but the customer', async () => {
    expect(await ticketOf('first_response: { event: commented }'))
      .toEqual({ first_response_rule: 'event:commented', first_response_seconds: 1800, first_response_agent_id: 'Ada' });
  });

  it('measures nothing for a source without replies and without a rule', async () => {
    expect(await ticketOf('')).toEqual({ first_response_rule: null, first_response_seconds: null, first_response_agent_id: null });
  });

  it('refuses a rule that is none of the shapes, or that starts at creation, saying what to write', async () => {
    await expect(loadMapping(mapping('first_response: { assignment: person, status: [open] }')))
      .rejects.toThrow(/first_response is one of \{ assignment: person \}.*assignment and status cannot be combined/);
    await expect(loadMapping(mapping('first_response: { status: [new] }'))).rejects.toThrow(/new is where a ticket starts/);
    await expect(loadMapping(mapping('first_response: { event: created }'))).rejects.toThrow(/the created event starts the clock/);
    await expect(loadMapping(mapping('first_response: { assignment: team }'))).rejects.toThrow(/"team" is not person/);
  });
});
