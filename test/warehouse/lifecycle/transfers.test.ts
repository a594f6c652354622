import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { insertEvents } from '../fixtures/insert-events.ts';

// Issue 16, defect 4: a transfer may name a team and no agent (a group move), and counts; a source
// that declares its transfers (a mapping's transfer: rule) is counted by its transferred events only.
const ev = (id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: id, ticket_id: 'T1', type, occurred_at: at, ...extra });

let w: Warehouse;
beforeEach(async () => { w = await Warehouse.open(':memory:'); });
afterEach(() => w.close());

async function ticket(): Promise<Record<string, unknown>> {
  const rows = (await w.db.runAndReadAll('SELECT status, team_id, agent_id, transfer_count, reopen_count FROM tickets')).getRowObjectsJson();
  return rows[0] as Record<string, unknown>;
}

async function run(runId: number, transferRule: string | null): Promise<void> {
  await w.db.run(`INSERT INTO ingest_runs (run_id, source, mapping, transfer_rule, started_at, status) VALUES ($1, 'test', $2, $3, now(), 'committed')`,
    [runId, transferRule && 'snapshots', transferRule]);
}

// One agent swap within team A, then a move to team B with the new agent.
const SWAP_THEN_MOVE = [
  ev('e1', 'created', '2026-03-02T09:00:00Z', { team_id: 'A' }),
  ev('e2', 'assigned', '2026-03-02T09:05:00Z', { agent_id: 'a1', team_id: 'A' }),
  ev('e3', 'assigned', '2026-03-02T10:00:00Z', { agent_id: 'a2', team_id: 'A' }),
  ev('e4', 'transferred', '2026-03-02T11:00:00Z', { agent_id: 'a2', team_id: 'B' }),
];

describe('transfers', () => {
  it('counts a group move that names no person, which does not reopen a resolved ticket', async () => {
    await insertEvents(w.db, [
      ev('e1', 'created', '2026-03-02T09:00:00Z', { team_id: 'A' }),
      ev('e2', 'assigned', '2026-03-02T09:05:00Z', { agent_id: 'a1', team_id: 'A' }),
      ev('e3', 'transferred', '2026-03-02T10:00:00Z', { team_id: 'B' }),
      ev('e4', 'resolved', '2026-03-02T11:00:00Z'),
      ev('e5', 'transferred', '2026-03-03T08:00:00Z', { team_id: 'C' }), // filed with another team after resolving: no work on it
    ]);
    await deriveTickets(w.db, 'all');
    expect(await ticket()).toEqual({ status: 'resolved', team_id: 'C', agent_id: 'a1', transfer_count: 2, reopen_count: 0 });
  });

  it("counts an agent swap by design.md's rule for a canonical source, and not for a source that declared transfer: team", async () => {
    await run(1, null);
    await insertEvents(w.db, SWAP_THEN_MOVE, 1);
    await deriveTickets(w.db, 'all');
    expect(await ticket()).toMatchObject({ agent_id: 'a2', team_id: 'B', transfer_count: 2 });

    await w.db.run('DELETE FROM events');
    await run(2, 'team');
    await insertEvents(w.db, SWAP_THEN_MOVE, 2);
    await deriveTickets(w.db, 'all');
    expect(await ticket()).toMatchObject({ agent_id: 'a2', team_id: 'B', transfer_count: 1 });
  });

  it('accepts a transfer that names a team or an agent, and quarantines one that names neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-transfer-'));
    try {
      const file = join(dir, 'events.csv');
      writeFileSync(file, [
        'event_id,ticket_id,type,occurred_at,agent_id,team_id',
        'x1,T9,created,2026-03-02T09:00:00Z,,A',
        'x2,T9,transferred,2026-03-02T10:00:00Z,,B',
        'x3,T9,transferred,2026-03-02T11:00:00Z,a7,',
        'x4,T9,transferred,2026-03-02T12:00:00Z,,',
      ].join('\n') + '\n');
      const summary = await ingest(w, { inputs: [file], piiKey: 'k' });
      expect(summary).toMatchObject({ accepted: 3, quarantined: 1 });
      expect(summary.quarantine[0]!.reason).toBe('agent_id and team_id are missing: a transfer names the agent or the team it goes to');
      const [t] = (await w.db.runAndReadAll(`SELECT transfer_count FROM tickets WHERE ticket_id = 'T9'`)).getRows();
      expect(Number(t![0])).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
