import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

// Reliability: a batch killed with SIGKILL halfway leaves the warehouse exactly as before it,
// and running it again gives the counts of an uninterrupted run.
const env = { ...process.env, DESKPULSE_PII_KEY: 'k' };
const deskpulse = (args: string[]) => spawnSync('node', ['bin/deskpulse.js', ...args], { env, encoding: 'utf8' });

async function snapshot(db: string): Promise<Record<string, unknown>> {
  const w = await Warehouse.open(db);
  try {
    const read = async (sql: string) => (await w.db.runAndReadAll(sql)).getRowsJson();
    return {
      events: await read('SELECT count(*), count(DISTINCT event_id), sum(hash(event_id)) FROM events'),
      tickets: await read('SELECT count(*), sum(hash(ticket_id, status, resolved_at)) FROM tickets'),
      runs: await read('SELECT run_id, accepted, duplicates, quarantined FROM ingest_runs ORDER BY run_id'),
      quarantine: await read('SELECT count(*) FROM quarantine'),
    };
  } finally {
    w.close();
  }
}

describe('ingest killed mid-batch', () => {
  it('leaves the warehouse as it was, and the rerun ends with the right counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-kill-'));
    const big = join(dir, 'big.csv');
    expect(deskpulse(['demo', '--days', '30', '--tickets-per-day', '800', '--seed', '5', '--out', big]).status).toBe(0);
    const db = join(dir, 'w.duckdb');
    expect(deskpulse(['ingest', 'test/ingest/fixtures/canonical.csv', '--db', db]).status).toBe(0);
    const before = await snapshot(db);

    const child = spawn('node', ['bin/deskpulse.js', 'ingest', big, '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    // Kill once the batch is under way: the warehouse is open and the file is being read.
    await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => {
      if (d.toString().includes('opened the warehouse file')) setTimeout(resolve, 1500);
    }));
    child.kill('SIGKILL');
    const [, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
    expect(signal).toBe('SIGKILL');
    expect(stdout).not.toMatch(/accepted/); // it never finished

    expect(await snapshot(db)).toEqual(before);

    const rerun = deskpulse(['ingest', '--json', big, '--db', db]);
    expect(rerun.status).toBe(0);
    const reference = join(dir, 'reference.duckdb');
    const straight = deskpulse(['ingest', '--json', big, '--db', reference]);
    const pick = (s: string) => { const { accepted, duplicates, quarantined, ticketsTouched, rowsRead } = JSON.parse(s); return { accepted, duplicates, quarantined, ticketsTouched, rowsRead }; };
    expect(pick(rerun.stdout)).toEqual(pick(straight.stdout));
    expect(pick(rerun.stdout).accepted).toBeGreaterThan(10_000);
    const after = await snapshot(db);
    expect((after.runs as unknown[]).length).toBe(2);
  }, 120_000);
});
