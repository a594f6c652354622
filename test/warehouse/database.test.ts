import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { totalmem } from 'node:os';
import { DEFAULT_MEMORY_LIMIT_BYTES, Warehouse } from '../../warehouse/database.ts';

let w: Warehouse;
beforeEach(async () => { w = await Warehouse.open(':memory:'); });
afterEach(() => w.close());

describe('Warehouse.withConnection', () => {
  it('gives a connection back for the next caller, in UTC like a new one', async () => {
    const first = await w.withConnection(async (db) => db);
    const second = await w.withConnection(async (db) => db);
    expect(second).toBe(first);
    const [zone] = (await w.withConnection((db) => db.runAndReadAll("SELECT current_setting('TimeZone')"))).getRows()[0]!;
    expect(zone).toBe('UTC');
  });

  it('keeps a connection apart per concurrent caller', async () => {
    const seen: DuckDBConnection[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const running = [1, 2, 3].map(() => w.withConnection(async (db) => { seen.push(db); await held; }));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all(running);
    expect(new Set(seen).size).toBe(3);
  });

  it('closes a connection whose work failed, even in the middle of a transaction', async () => {
    const failed = await w.withConnection(async (db) => db).then(async (pooled) =>
      w.withConnection(async (db) => {
        expect(db).toBe(pooled);
        await db.run('BEGIN TRANSACTION');
        await db.run('CREATE TABLE left_behind (x INTEGER)');
        throw new Error('work failed');
      }).catch(() => pooled));
    const next = await w.withConnection(async (db) => {
      const [tables] = (await db.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'left_behind'")).getRows()[0]!;
      return { db, tables: Number(tables) };
    });
    expect(next.db).not.toBe(failed);
    expect(next.tables).toBe(0);
  });
});

describe('DESKPULSE_MEMORY_LIMIT', () => {
  afterEach(() => { delete process.env.DESKPULSE_MEMORY_LIMIT; });
  const limitOf = async () => {
    const opened = await Warehouse.open(':memory:');
    try {
      return (await opened.db.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0]![0];
    } finally {
      opened.close();
    }
  };

  // A machine with less than 3.1 GB of RAM keeps DuckDB's own default, 80% of it.
  it.skipIf(totalmem() * 0.8 <= DEFAULT_MEMORY_LIMIT_BYTES)('is 2.5 GB (2.3 GiB) by default, not 80% of RAM', async () => {
    expect(await limitOf()).toBe('2.3 GiB');
  });

  it('has the allocator give freed memory back early, whatever the limit', async () => {
    process.env.DESKPULSE_MEMORY_LIMIT = '512MiB';
    const opened = await Warehouse.open(':memory:');
    try {
      const settings = await opened.db.runAndReadAll(`SELECT current_setting('allocator_flush_threshold'),
        current_setting('allocator_bulk_deallocation_flush_threshold'), current_setting('allocator_background_threads')`);
      expect(settings.getRows()[0]).toEqual(['16.0 MiB', '64.0 MiB', true]);
    } finally {
      opened.close();
    }
  });

  it('caps the memory DuckDB may use', async () => {
    process.env.DESKPULSE_MEMORY_LIMIT = '512MiB';
    expect(await limitOf()).toBe('512.0 MiB');
    process.env.DESKPULSE_MEMORY_LIMIT = '2 gb';
    expect(await limitOf()).toBe('1.8 GiB');
  });

  it('refuses a value that is not a size, naming the variable', async () => {
    process.env.DESKPULSE_MEMORY_LIMIT = 'lots';
    await expect(Warehouse.open(':memory:')).rejects.toThrow('DESKPULSE_MEMORY_LIMIT="lots" is not a size: write it like 3GB or 512MiB');
  });
});
