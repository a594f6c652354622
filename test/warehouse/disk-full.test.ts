// Issue 15, defect 7, where no disk can be filled for real (test/web/server/security/disk-full.test.ts
// mounts a tmpfs and is skipped without root): Linux's /dev/full answers every write with ENOSPC, so
// Node's and DuckDB's real full-disk errors, and a real COMMIT that fails on a full disk, are made here.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import { asDiskFull, DiskFullError } from '../../warehouse/disk-full.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-full-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caught = async (work: () => unknown) => {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

const SAID = /^the disk holding (\S+) is full \(([\d,]+|unknown) bytes free\); nothing from this batch was written: free some space there and send it again$/;

describe('asDiskFull', () => {
  it("says Node's ENOSPC as a full disk, at the given path when the error names none", async () => {
    const err = await caught(() => writeFileSync('/dev/full', 'x'));
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const full = asDiskFull(err, join(dir, 'w.duckdb'))!;
    expect(full).toBeInstanceOf(DiskFullError);
    expect(full.message).toMatch(SAID);
    expect(SAID.exec(full.message)![1]).toBe(join(dir, 'w.duckdb'));
    expect(Number(SAID.exec(full.message)![2]!.replaceAll(',', ''))).toBeGreaterThan(0);
    expect(full.withoutPath('the warehouse')).toMatch(/^the disk holding the warehouse is full/);
  });

  it("says DuckDB's \"No space left on device\" as a full disk at the file DuckDB names", async () => {
    const w = await Warehouse.open(':memory:');
    const err = await caught(() => w.db.run("COPY (SELECT 1) TO '/dev/full'"));
    w.close();
    expect((err as Error).message).toMatch(/No space left on device/);
    expect(asDiskFull(err, '/elsewhere')!.message).toMatch(/^the disk holding \/dev\/full is full \(/);
  });

  it('leaves other errors alone, and a DiskFullError as it is', () => {
    expect(asDiskFull(new Error('Constraint Error: duplicate key "T1"'), '/x')).toBeUndefined();
    expect(asDiskFull(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/x')).toBeUndefined();
    expect(asDiskFull(undefined, '/x')).toBeUndefined();
    const full = new DiskFullError('/x', 5);
    expect(asDiskFull(full, '/y')).toBe(full);
  });
});

describe('Warehouse.transaction on a full disk', () => {
  it('a COMMIT that fails writing the WAL is said as a full disk, not as the rollback that finds no transaction', async () => {
    const path = join(dir, 'w.duckdb');
    const w = await Warehouse.open(path);
    await w.transaction((db) => db.run('CREATE TABLE t (a INTEGER)'));
    await w.db.run('CHECKPOINT');
    // The next commit writes its WAL into /dev/full: a real ENOSPC inside DuckDB's COMMIT.
    rmSync(`${path}.wal`, { force: true });
    symlinkSync('/dev/full', `${path}.wal`);
    const err = await caught(() => w.transaction((db) => db.run('INSERT INTO t VALUES (1)')));
    expect(err).toBeInstanceOf(DiskFullError);
    expect((err as Error).message).toMatch(SAID);
    expect((err as Error).message).toContain(`${path}.wal`);
    expect((err as Error).message).not.toMatch(/rollback|TransactionContext/i);
    expect((await w.db.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]?.[0]).toBe(0n);
    try { w.close(); } catch { /* the checkpoint at close cannot write either */ }
  });
});
