// Batches that wait for the writer together are written together (batch-writer.ts): the real app,
// the writer held busy while several senders' batches queue behind it, then let go.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { buildApp } from '../../../web/server/app.ts';
import { BatchWriter } from '../../../web/server/batch-writer.ts';
import { WriteQueue } from '../../../web/server/write-queue.ts';
import { createToken } from '../../../web/server/auth/token-store.ts';
import { insertDailyCalendar } from '../../warehouse/fixtures/insert-events.ts';

let w: Warehouse;
let app: FastifyInstance;
let bearer: string;
beforeAll(async () => {
  process.env.DESKPULSE_PII_KEY = 'test key';
  w = await Warehouse.open(':memory:');
  await w.db.run(`INSERT INTO calendars VALUES ('office', 'Asia/Shanghai', '{}')`);
  await insertDailyCalendar(w.db, 'office', '2026-03-01T00:00:00Z', 20);
  bearer = `Bearer ${(await createToken(w.db, { role: 'ingest', createdBy: 'test' })).token}`;
  app = await buildApp({ warehouse: w });
});
afterAll(async () => {
  await app.close();
  w.close();
});

const ndjson = (ticket: string, n: number, extra = '') => Array.from({ length: n }, (_, i) => JSON.stringify({
  event_id: `${ticket}-${i}`, ticket_id: ticket, type: i === 0 ? 'created' : 'commented', occurred_at: `2026-03-02T09:${String(i).padStart(2, '0')}:00+08:00`,
})).join('\n') + extra;
const post = (body: string, query = '') => app.inject({
  method: 'POST', url: `/api/events${query}`, headers: { authorization: bearer, 'content-type': 'application/x-ndjson' }, payload: body });

/** Runs `send` while the writer is held by another write, and lets it go once `queued` batches wait. */
async function behindAWrite<T>(queued: number, send: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const held = app.writes.run(() => new Promise<void>((done) => { release = done; }));
  const answers = send();
  await expect.poll(() => app.writes.state().waiting, { timeout: 10_000 }).toBe(queued);
  release();
  await held;
  return answers;
}

/** A run's [started, finished] instants. */
async function runTime(runId: number): Promise<{ started: number; finished: number }> {
  const [started, finished] = (await w.db.runAndReadAll('SELECT epoch_us(started_at), epoch_us(finished_at) FROM ingest_runs WHERE run_id = $1', [runId])).getRows()[0]!;
  return { started: Number(started), finished: Number(finished) };
}
const overlap = (a: { started: number; finished: number }, b: { started: number; finished: number }) => a.started < b.finished && b.started < a.finished;

describe('batches queued together', () => {
  it('are written in one transaction, each its own run with its own counts; a batch with a calendar alone', async () => {
    const responses = await behindAWrite(4, () => Promise.all([
      post(ndjson('G1', 3)), post(ndjson('G2', 4, '\nnot json')), post(ndjson('G3', 5)), post(ndjson('G4', 2), '?calendar=office'),
    ]));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const [g1, g2, g3, g4] = responses.map((r) => r.json());
    expect([g1, g2, g3, g4].map((s) => s.accepted)).toEqual([3, 4, 5, 2]);
    expect(g2).toMatchObject({ quarantined: 1, quarantine: [{ position: 'line 5' }] });
    expect([g1, g3, g4].map((s) => s.quarantined)).toEqual([0, 0, 0]);
    expect(new Set([g1, g2, g3, g4].map((s) => s.runId)).size).toBe(4);
    // The three canonical batches' runs overlap, each began before the others finished (one
    // transaction); the one with a calendar overlaps none (before or after them, as it was queued).
    const [a, b, c, alone] = await Promise.all([g1, g2, g3, g4].map((s) => runTime(s.runId)));
    expect([overlap(a!, b!), overlap(a!, c!), overlap(b!, c!)]).toEqual([true, true, true]);
    expect([a, b, c].map((run) => overlap(run!, alone!))).toEqual([false, false, false]);
    const tickets = (await w.db.runAndReadAll("SELECT ticket_id, event_count FROM tickets WHERE ticket_id LIKE 'G%' ORDER BY 1")).getRows();
    expect(tickets.map(([id, n]) => [id, Number(n)])).toEqual([['G1', 3], ['G2', 4], ['G3', 5], ['G4', 2]]);
  });

  it('a batch that fails fails alone: the others of its lot are written, each its own run', async () => {
    const before = (await app.inject({ url: '/api/health', headers: { authorization: bearer } })).json().events as number;
    const responses = await behindAWrite(3, () => Promise.all([post(ndjson('F1', 2)), post(''), post(ndjson('F3', 3))]));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 400, 200]);
    expect(responses[1]!.json().message).toMatch(/empty|no rows|cannot be read/i);
    expect(responses.filter((r) => r.statusCode === 200).map((r) => r.json().accepted)).toEqual([2, 3]);
    expect((await app.inject({ url: '/api/health', headers: { authorization: bearer } })).json().events).toBe(before + 5);
  });
});

describe('BatchWriter', () => {
  it('takes along the batches queued behind, in order, while the lot stays within its bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-lots-'));
    const writes = new WriteQueue();
    try {
      const files = [['L1', 3], ['L2', 3], ['L3', 3], ['L4', 3]].map(([ticket, n]) => {
        const file = join(dir, `${ticket}.ndjson`);
        writeFileSync(file, ndjson(String(ticket), Number(n)));
        return file;
      });
      // room for two of them
      const writer = new BatchWriter(w, writes, Math.floor(statSync(files[0]!).size * 2.5));
      let release!: () => void;
      const held = writes.run(() => new Promise<void>((done) => { release = done; }));
      const summaries = files.map((file) => writer.write({ inputs: [file], names: ['the request body'], piiKey: 'k', format: 'ndjson' }, writes.admit()));
      await expect.poll(() => writes.state().waiting).toBe(4);
      release();
      await held;
      const runs = await Promise.all((await Promise.all(summaries)).map((s) => runTime(s.runId)));
      // two lots of two: L1 with L2, L3 with L4
      expect([overlap(runs[0]!, runs[1]!), overlap(runs[1]!, runs[2]!), overlap(runs[2]!, runs[3]!)]).toEqual([true, false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
