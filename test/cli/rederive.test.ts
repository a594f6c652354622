import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

// Issue 16, defect 5 on the command line: the caller's zone over the mapping's, the first-run zone
// hint, and `deskpulse rederive` after a config change (exactly the tickets of one calendar, atomic).
// The hint at `serve` start is the same function (zoneHint, test/ingest/declared-calendars.test.ts).
const env = { ...process.env, DESKPULSE_PII_KEY: 'k' };
const deskpulse = (args: string[]) => spawnSync('node', ['bin/deskpulse.js', ...args], { env, encoding: 'utf8' });
const FIXTURES = 'test/warehouse/calendar/fixtures';
const ROME = `${FIXTURES}/rome.yaml`;
const ROME_INGEST = [`${FIXTURES}/rome-helpdesk.csv`, '--mapping', `${FIXTURES}/rome-helpdesk.mapping.yaml`, '--timezone', 'Europe/Rome'];

async function read(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const w = await Warehouse.open(db);
  try {
    return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    w.close();
  }
}

/** Each ticket's calendar, business hours to resolution and a digest of its whole row. */
async function tickets(db: string): Promise<Record<string, { calendar: string; businessHours: number; row: string }>> {
  const rows = await read(db, 'SELECT ticket_id, calendar_id, resolution_business_seconds / 3600 AS h, md5(t::VARCHAR) AS row FROM tickets t ORDER BY ticket_id');
  return Object.fromEntries(rows.map((r) => [String(r.ticket_id), { calendar: String(r.calendar_id), businessHours: Number(r.h), row: String(r.row) }]));
}

describe('zone and calendar on the command line', () => {
  it('says the flag wins and the zones differ, then re-derives exactly the tickets on a calendar, before or after the config change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-rederive-'));
    const db = join(dir, 'w.duckdb');
    const first = deskpulse(['ingest', ...ROME_INGEST, '--db', db, '--config', ROME]);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain("ingest: --timezone Europe/Rome overrides the mapping's zone UTC\n");
    // The first-run hint, once: the next ingest leaves it out.
    expect(first.stderr).toContain("ingest: the data's times are in Europe/Rome (the mapping's zone, --timezone or the offsets of its times), but the config's timezone is Asia/Shanghai");
    expect(first.stderr).toContain('set `timezone: Europe/Rome`');
    const canonical = deskpulse(['ingest', 'test/ingest/fixtures/canonical.csv', '--db', db, '--config', ROME]);
    expect(canonical.status).toBe(0);
    expect(canonical.stderr).toContain('ingest: opened the warehouse file');
    expect(canonical.stderr).not.toContain("the data's times");
    const before = await tickets(db);
    expect(Object.fromEntries(Object.entries(before).map(([id, t]) => [id, t.calendar])))
      .toEqual({ R1: 'rome-office', R2: 'rome-office', R3: 'rome-office', R4: 'office', R5: 'rome-office', T1: 'office', T2: 'office' });

    // The config gives team Network the Berlin calendar: its ticket moves there, nothing else changes.
    const config = join(dir, 'deskpulse.yaml');
    const original = readFileSync(ROME, 'utf8');
    writeFileSync(config, original.replace('teams:\n', 'teams:\n  - { id: Network, calendar: berlin-office }\n'));
    const moved = deskpulse(['rederive', '--calendar', 'berlin-office', '--db', db, '--config', config]);
    expect(moved.stderr).toContain('rederive: deriving 1 tickets again, in one transaction');
    expect(moved.stdout).toMatch(/^rederive: 1 tickets re-derived \(the tickets on calendar berlin-office\) in \d+\.\d s\n$/);
    const afterMove = await tickets(db);
    // Berlin 08:00-16:00: closed at 16:00 on Friday, open 08-11 on Monday.
    expect(afterMove.R3).toMatchObject({ calendar: 'berlin-office', businessHours: 3 });
    for (const id of ['R1', 'R2', 'R4', 'R5', 'T1', 'T2']) expect(afterMove[id]).toEqual(before[id]);

    // The Rome office opens at 10:00 now: its three tickets lose the hour 09-10 of Monday, no other changes.
    writeFileSync(config, readFileSync(config, 'utf8').replace(/(rome-office:\n.*\n\s+hours: )(.*)/, (_, head: string, hours: string) => head + hours.replaceAll('09:00-18:00', '10:00-18:00')));
    const rome = deskpulse(['rederive', '--calendar', 'rome-office', '--db', db, '--config', config]);
    expect(rome.stdout).toMatch(/^rederive: 3 tickets re-derived \(the tickets on calendar rome-office\)/);
    const after = await tickets(db);
    expect([after.R1!.businessHours, after.R2!.businessHours, after.R5!.businessHours]).toEqual([3, 1, 3]);
    for (const id of ['R3', 'R4', 'T1', 'T2']) expect(after[id]).toEqual(afterMove[id]);

    const unknown = deskpulse(['rederive', '--calendar', 'paris', '--db', db, '--config', config]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--calendar paris: no such calendar in the config or on any ticket; use one of: berlin-office, office, rome-office');
  }, 60_000);

  it('killed mid-way leaves every derived table as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskpulse-rederive-kill-'));
    const db = join(dir, 'w.duckdb');
    const events = join(dir, 'demo.csv');
    expect(deskpulse(['demo', '--days', '10', '--tickets-per-day', '800', '--seed', '5', '--out', events]).status).toBe(0);
    expect(deskpulse(['ingest', events, '--db', db]).status).toBe(0);
    const derived = async () => (await read(db, `SELECT (SELECT count(*) || ' ' || sum(hash(t::VARCHAR)) FROM tickets t) AS tickets,
      (SELECT count(*) || ' ' || sum(hash(s::VARCHAR)) FROM ticket_status_spans s) AS spans,
      (SELECT count(*) || ' ' || sum(hash(r::VARCHAR)) FROM agent_replies r) AS replies`))[0];
    const before = await derived();

    // The office opens an hour later: every ticket on it gets other business durations.
    copyFileSync('config/dispatch-rules.yaml', join(dir, 'dispatch-rules.yaml'));
    const config = join(dir, 'deskpulse.yaml');
    writeFileSync(config, readFileSync('config/deskpulse.yaml', 'utf8').replace(/(  office:[^\n]*\n(?:    .*\n)+)/, (block: string) => block.replaceAll('09:00-18:00', '10:00-18:00')));
    const child = spawn('node', ['bin/deskpulse.js', 'rederive', '--calendar', 'office', '--db', db, '--config', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    // Killed once a slice of tickets has been derived again inside the transaction.
    await new Promise<void>((resolve) => child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/rederive: \d+\/\d+ tickets/.test(stderr)) resolve();
    }));
    child.kill('SIGKILL');
    const [, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
    expect(signal).toBe('SIGKILL');
    expect(stdout).not.toContain('re-derived');
    expect(await derived()).toEqual(before);

    const rerun = deskpulse(['rederive', '--calendar', 'office', '--db', db, '--config', config]);
    expect(rerun.stdout).toMatch(/^rederive: \d{4,} tickets re-derived/);
    expect((await derived())!.tickets).not.toEqual(before!.tickets);
  }, 120_000);
});
