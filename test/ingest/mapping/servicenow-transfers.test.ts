import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping, mappingPath, parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import type { Mapping, TransferRule } from '../../../ingest/mapping/mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { servicenowReassignmentExport, snCsv, type ReassignmentExport, type SnRow } from './fixtures/servicenow-reassignments.ts';

// Issue 16, defect 4: what counts as a transfer is the mapping's declared choice, and the shipped
// ServiceNow mapping (transfer: team) agrees with the export's own reassignment_count, which
// ServiceNow raises on each change of assignment_group (with or without a resolver, never for a
// resolver swap within the group).
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-transfers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let exported: ReassignmentExport;
let file: string;
beforeAll(() => {
  exported = servicenowReassignmentExport(800);
  file = join(dir, 'incidents.csv');
  writeFileSync(file, snCsv(exported.rows));
});

/** Each incident's transfer_count after ingesting the export with the mapping. */
async function transferCounts(mapping: Mapping): Promise<Map<string, number>> {
  const w = await Warehouse.open(':memory:');
  try {
    const summary = await ingest(w, { inputs: [file], mapping, piiKey: 'k' });
    expect(summary).toMatchObject({ rowsRead: exported.rows.length, quarantined: 0 });
    const rows = (await w.db.runAndReadAll('SELECT ticket_id, transfer_count FROM tickets')).getRows();
    return new Map(rows.map(([id, n]) => [String(id), Number(n)]));
  } finally {
    w.close();
  }
}

/** The shipped mapping with another transfer choice. */
function shippedWith(transfer: TransferRule): Mapping {
  const path = mappingPath('servicenow');
  const text = readFileSync(path, 'utf8');
  expect(text).toContain('transfer: team }');
  return parseMapping(text.replace('transfer: team }', `transfer: ${transfer} }`), path);
}

function byIncident(rows: readonly SnRow[]): Map<string, SnRow[]> {
  const out = new Map<string, SnRow[]>();
  for (const r of rows) out.set(r.number, [...(out.get(r.number) ?? []), r]);
  return out;
}
const bySysMod = (rows: readonly SnRow[]) => [...rows].sort((a, b) => Number(a.sys_mod_count) - Number(b.sys_mod_count));
const named = (v: string) => (v === '?' ? null : v);

/** Counted by hand from the rows of the export: a change from one named group (resolver) to another. */
function declaredTransfers(rows: readonly SnRow[], rule: TransferRule): number {
  let team: string | null = null;
  let agent: string | null = null;
  let count = 0;
  for (const r of bySysMod(rows)) {
    const g = named(r.assignment_group);
    const a = named(r.assigned_to);
    const teamMoved = g !== null && team !== null && g !== team;
    const personChanged = a !== null && agent !== null && a !== agent;
    if (rule === 'team' ? teamMoved : rule === 'person' ? personChanged : teamMoved || personChanged) count += 1;
    team = g ?? team;
    agent = a ?? agent;
  }
  return count;
}

describe('transfers as the mapping declares them', () => {
  it("the shipped ServiceNow mapping's transfer count is the export's last reassignment_count on >= 99% of incidents", async () => {
    const counts = await transferCounts(await loadMapping('servicenow'));
    const incidents = byIncident(exported.rows);
    expect(counts.size).toBe(incidents.size);
    const disagree: string[] = [];
    for (const [number, rows] of incidents) {
      const last = Number(bySysMod(rows).at(-1)!.reassignment_count);
      if (counts.get(number) !== last) disagree.push(number);
    }
    expect(1 - disagree.length / incidents.size).toBeGreaterThanOrEqual(0.99);
    // Only an incident whose first rows the export lacks can disagree: a group move before them is unseen.
    expect(disagree.filter((n) => !exported.missingStart.has(n))).toEqual([]);
    // The fixture has what the count must get right: group moves without a resolver and resolver swaps in a group.
    const moves = exported.rows.filter((r) => r.assigned_to === '?' && Number(r.reassignment_count) > 0);
    expect(moves.length).toBeGreaterThan(50);
  });

  it.each(['team', 'person', 'either'] as const)('transfer: %s counts exactly the changes it declares', async (rule) => {
    const counts = await transferCounts(rule === 'team' ? await loadMapping('servicenow') : shippedWith(rule));
    const wrong: string[] = [];
    for (const [number, rows] of byIncident(exported.rows)) {
      if (counts.get(number) !== declaredTransfers(rows, rule)) wrong.push(number);
    }
    expect(wrong).toEqual([]);
  });

  it('the three choices differ on this export, as they should', () => {
    const total = (rule: TransferRule) => [...byIncident(exported.rows).values()].reduce((s, rows) => s + declaredTransfers(rows, rule), 0);
    const [team, person, either] = [total('team'), total('person'), total('either')];
    expect(team).toBeGreaterThan(0);
    expect(person).toBeGreaterThan(0);
    expect(either).toBeGreaterThan(Math.max(team, person));
    expect(either).toBeLessThan(team + person); // a move with a new resolver is one transfer, not two
  });
});
