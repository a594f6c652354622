// Issue 15, defect 8: the warehouse file and its WAL are owner-only (0600) however the process's umask
// is set, which Warehouse.open leaves alone (a user's exports keep their usual mode); a file that was
// wider is tightened with one warning.
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeServerNote } from '../../cli/server-note.ts';
import { Warehouse } from '../../warehouse/database.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-private-'));
const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
let w: Warehouse | undefined;
afterEach(() => { w?.close(); w = undefined; vi.restoreAllMocks(); });

describe('warehouse files', () => {
  it('are created owner-only, the WAL also after DuckDB deletes and remakes it at a checkpoint; the umask is untouched', async () => {
    const umask = process.umask();
    expect(umask & 0o077).not.toBe(0o077); // else this test proves nothing: files would be private anyway
    const path = join(dir, 'new.duckdb');
    w = await Warehouse.open(path);
    expect(modeOf(path)).toBe('600');
    await w.transaction((db) => db.run('CREATE TABLE t (a INTEGER)'));
    expect(modeOf(`${path}.wal`)).toBe('600');
    await w.db.run('CHECKPOINT');
    await w.transaction((db) => db.run('INSERT INTO t VALUES (1)'));
    await w.db.run('CHECKPOINT');
    await w.transaction(async () => undefined);
    await w.db.run('INSERT INTO t VALUES (2)'); // a direct write after a checkpoint appends to the owner-only WAL
    expect(statSync(`${path}.wal`).size).toBeGreaterThan(0);
    expect(modeOf(`${path}.wal`)).toBe('600');
    expect(process.umask()).toBe(umask);
    w.close();
    w = await Warehouse.open(path);
    expect((await w.db.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]?.[0]).toBe(2n);
  });

  it('that others could read are made owner-only on open, with one warning naming the file and its mode', async () => {
    const path = join(dir, 'wide.duckdb');
    w = await Warehouse.open(path);
    w.close();
    w = undefined;
    chmodSync(path, 0o644);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (let i = 0; i < 2; i++) {
      w = await Warehouse.open(path);
      w.close();
      w = undefined;
      if (i === 0) chmodSync(path, 0o644);
    }
    expect(modeOf(path)).toBe('600');
    const warnings = stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes(path));
    expect(warnings).toEqual([`deskpulse: warning: ${path} was readable by other users (mode 644); made it owner-only (600)\n`]);
    expect(existsSync(`${path}.wal`)).toBe(false); // the empty one kept in place is not left behind
  });
});

describe("DuckDB's spill folder", () => {
  it('is the owner-only folder <db>.tmp made at open, and is not left behind empty', async () => {
    const path = join(dir, 'spill.duckdb');
    w = await Warehouse.open(path);
    expect((await w.db.runAndReadAll("SELECT current_setting('temp_directory')")).getRows()[0]?.[0]).toBe(`${path}.tmp`);
    expect(modeOf(`${path}.tmp`)).toBe('700');
    w.close();
    w = undefined;
    expect(existsSync(`${path}.tmp`)).toBe(false);
  });
});

describe("serve's note beside the warehouse", () => {
  it('is written owner-only, also over a stale note that others could read', () => {
    const path = join(dir, 'served.duckdb');
    const note = { pid: process.pid, url: 'http://127.0.0.1:1', startedAt: new Date().toISOString() };
    const remove = writeServerNote(path, note);
    expect(modeOf(`${path}.server.json`)).toBe('600');
    remove();
    expect(existsSync(`${path}.server.json`)).toBe(false);
    writeFileSync(`${path}.server.json`, '{}'); // a stale note of a dead server, readable by all
    chmodSync(`${path}.server.json`, 0o644);
    writeServerNote(path, note);
    expect(modeOf(`${path}.server.json`)).toBe('600');
  });
});
