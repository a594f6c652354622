// Batches written together (ingestTogether: one transaction, each its own run, their tickets derived
// once) leave the warehouse exactly as the same batches written one by one, and each run's summary
// is its own: events of one ticket split across batches, an event sent in two batches, invalid
// lines, a file sent again. Generated demo events in random cuts; every table compared.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemo } from '../../ingest/demo/write-demo.ts';
import { groupable, ingest, ingestTogether, type IngestRequest, type IngestSummary } from '../../ingest/pipeline.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { keepDailyRollup } from '../../warehouse/rollups/daily-rollup.ts';
import { SMALL } from './demo/fixtures/demo-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-together-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** The times a write stamps (the transaction's start, the clock at the end): not the batches' doing. */
const STAMPS: Record<string, string[]> = {
  ingest_runs: ['started_at', 'finished_at'], quarantine: ['quarantined_at'], first_response_sources: ['recorded_at'], schema_migrations: ['applied_at'],
};

/** Every table of the warehouse, each in a stable order, without the write's time stamps. */
async function state(w: Warehouse): Promise<Record<string, unknown[]>> {
  const tables = (await w.db.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND database_name = current_database() ORDER BY 1`))
    .getRows().map(([name]) => String(name));
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const stamps = STAMPS[table]?.length ? ` EXCLUDE (${STAMPS[table]!.join(', ')})` : '';
    out[table] = (await w.db.runAndReadAll(`SELECT *${stamps} FROM ${table} ORDER BY ALL`)).getRowObjectsJson()
      .map((row) => (table === 'ingest_runs' ? { ...row, message: byTeamLeftOut(row.message) } : row));
  }
  return out;
}

async function warehouse(): Promise<Warehouse> {
  const w = await Warehouse.open(':memory:');
  await keepDailyRollup(w.db, 'Asia/Shanghai');
  return w;
}

/**
 * A run's notes read its tickets as the whole lot left them: a ticket transferred by a later batch
 * of the lot is counted under its new team in an earlier run's note. The tickets counted are the same.
 */
const byTeamLeftOut = (note: unknown) => (typeof note === 'string' ? note.replace(/ \(([^()]|\([^()]*\))*\) are timed/, ' (…) are timed') : note);
const own = (s: IngestSummary) => ({ ...s, seconds: undefined, eventsPerSecond: undefined, notes: s.notes.map(byTeamLeftOut) });

function batchFile(lines: readonly string[]): IngestRequest {
  const file = join(dir, `batch-${++fileNo}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { inputs: [file], format: 'ndjson', piiKey: 'k' };
}

describe('ingestTogether', () => {
  it('leaves every table as the batches one by one would, and gives each run its own summary', async () => {
    const { file } = await writeDemo({ ...SMALL, days: 4, ticketsPerDay: 25, out: join(dir, 'demo.ndjson') });
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const invalid = (n: number) => JSON.stringify({ event_id: `bad-${n}`, ticket_id: 'T-bad', type: 'exploded', occurred_at: '2026-11-28T10:00:00+08:00' });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat(3), { minLength: lines.length, maxLength: lines.length }), fc.nat(lines.length - 1), fc.boolean(),
      async (cuts, repeated, sendAgain) => {
        // Each line into one of four batches (a ticket's events land in several), one line in two of
        // them, an invalid line in each. The first is written alone before (it records the source's
        // first-response rule, as the warehouse's first batch does); the others together, and maybe the
        // first's file again.
        const batches = [0, 1, 2, 3].map((b) => [...lines.filter((_, i) => cuts[i] === b), invalid(b)]);
        batches[(cuts[repeated]! + 1) % 4]!.push(lines[repeated]!);
        const [first, ...requests] = batches.map(batchFile);
        if (sendAgain) requests.push({ ...first! });

        const alone = await warehouse();
        const together = await warehouse();
        try {
          const one = [];
          for (const w of [alone, together]) await ingest(w, first!);
          for (const request of requests) one.push(own(await ingest(alone, request)));
          const all = (await ingestTogether(together, requests)).map(own);
          expect(all).toEqual(one);
          const events = Number((await together.db.runAndReadAll('SELECT count(*) FROM events WHERE run_id > 1')).getRows()[0]![0]);
          expect(all.reduce((sum, s) => sum + s.accepted, 0)).toBe(events);
          expect(all.map((s) => s.quarantine.some((q) => q.reason.includes('"exploded"')))).toEqual(requests.map((_, i) => i < 3));
          if (sendAgain) expect(all[3]).toMatchObject({ accepted: 0, unchanged: [{ run: 1 }] });
          const [after, expected] = [await state(together), await state(alone)];
          expect(Object.keys(after)).toEqual(Object.keys(expected));
          for (const table of Object.keys(expected)) expect(after[table], table).toEqual(expected[table]);
        } finally {
          alone.close();
          together.close();
        }
      }), { numRuns: 4, interruptAfterTimeLimit: 60_000 });
  }, 180_000);

  it('takes canonical batches only: one with a mapping, a calendar or an encoding is written alone', async () => {
    const plain = batchFile([]);
    expect(groupable(plain)).toBe(true);
    for (const other of [{ ...plain, calendar: 'default' }, { ...plain, encoding: 'gb18030' }]) {
      expect(groupable(other)).toBe(false);
      const w = await warehouse();
      await expect(ingestTogether(w, [plain, other])).rejects.toThrow(/written alone/);
      w.close();
    }
  });
});
