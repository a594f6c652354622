// Opens the DuckDB warehouse file, applies the versioned migrations in migrations/, and
// refuses a file written by a newer DeskPulse. One instance per file per process.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { asDiskFull } from './disk-full.ts';
import { keepSpillFolderOwnerOnly, keepWalOwnerOnly, makeOwnerOnly, removeEmptySpillFolder, removeEmptyWal } from './private-files.ts';
import { deriveTickets } from './lifecycle/derive-tickets.ts';
import { registerMeasureMacros } from './metrics/measure-macros.ts';
import { withQueryBudget } from './query-budget.ts';

export const DEFAULT_DB_PATH = './data/deskpulse.duckdb';

const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration { version: number; name: string; sql: string }

function readMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}-.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(resolve(MIGRATIONS_DIR, f), 'utf8') }));
}

export const SCHEMA_VERSION = Math.max(...readMigrations().map((m) => m.version));

export class WarehouseVersionError extends Error {
  constructor(readonly path: string, readonly fileVersion: number) {
    super(`${path} has schema version ${fileVersion}, but this DeskPulse knows versions up to ${SCHEMA_VERSION}: ` +
      'it was written by a newer DeskPulse. Upgrade DeskPulse, or point --db / DESKPULSE_DB at another file.');
  }
}

/** The path the CLI and server use: --db flag, then DESKPULSE_DB, then the default. */
export function resolveDbPath(flag?: string): string {
  return resolve(flag ?? process.env.DESKPULSE_DB ?? DEFAULT_DB_PATH);
}

// Every connection works in UTC so that casts and formatting never depend on the machine's zone;
// local time is always explicit (timezone(zone, ts)) in the SQL that needs it.
async function connectUtc(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  // Inside a transaction, tables made earlier in it report no rows to the planner, which then picks
  // the nested-loop ASOF join: 400x slower for the business-time look-ups on a real calendar.
  await db.run('SET asof_loop_join_threshold = 0');
  return db;
}

/**
 * DuckDB's default memory limit: 2.5 GB, or DuckDB's own 80% of RAM where that is less. Above it
 * DuckDB spills to disk. Unbounded (80% of a 24 GiB machine) a 10 M-event first ingest took 12.1 GB:
 * an embedded server should not take half the machine for one ingest. Issue 19 asks <= 4 GB of peak
 * RSS, and 0.5-1.7 GiB was held beyond the limit (Node, freed memory the allocator keeps): at 3 GB
 * its peak was 3,372-4,561 MiB; at 2.5 GB with ALLOCATOR 2,840-2,920 MiB in four runs, as fast (185-212 s).
 */
export const DEFAULT_MEMORY_LIMIT_BYTES = 2.5e9;

/**
 * DuckDB's allocator (jemalloc) returns freed memory to the system sooner: its threads' caches above
 * 16 MiB, and a bulk free above 64 MiB before a large allocation (defaults 128 and 512 MiB), from a
 * background thread. Its peak RSS is then nearer the memory limit, at no measured cost in time.
 */
const ALLOCATOR = { allocator_flush_threshold: '16MiB', allocator_bulk_deallocation_flush_threshold: '64MiB', allocator_background_threads: 'true' };

/** DuckDB's memory limit: DESKPULSE_MEMORY_LIMIT (e.g. 3GB, 8GiB) if set, else the default above. */
function memoryLimit(): Record<string, string> {
  const limit = process.env.DESKPULSE_MEMORY_LIMIT?.trim();
  if (!limit) return { memory_limit: `${Math.floor(Math.min(DEFAULT_MEMORY_LIMIT_BYTES, 0.8 * totalmem()) / 1e6)}MB` };
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(limit)) {
    throw new Error(`DESKPULSE_MEMORY_LIMIT="${limit}" is not a size: write it like 3GB or 512MiB`);
  }
  return { memory_limit: limit };
}

/** Connections kept open between withConnection calls: opening one costs about as much as a small query. */
const MAX_IDLE_CONNECTIONS = 8;

export class Warehouse {
  private readonly idle: DuckDBConnection[] = [];

  private constructor(readonly path: string, readonly instance: DuckDBInstance, readonly db: DuckDBConnection) {}

  /** Opens (creating if needed) the file at `path` (':memory:' for tests) and migrates it. */
  static async open(path: string): Promise<Warehouse> {
    const limit = memoryLimit();
    const onDisk = path !== ':memory:';
    const hadFile = onDisk && existsSync(path);
    if (onDisk) {
      mkdirSync(dirname(path), { recursive: true });
      makeOwnerOnly(`${path}.wal`, true); // a WAL left by a crash, before DuckDB replays it
    }
    // A checkpoint rewrites what the batches since the last one changed. Every 16 MB of WAL (DuckDB's
    // default) it took a third of each 10k-event HTTP batch; at 256 MB a stream of batches costs 18%
    // less in all, and a crash replays a longer WAL (seconds).
    const instance = await DuckDBInstance.create(path, { checkpoint_threshold: '256MB', ...ALLOCATOR, ...limit });
    if (onDisk) {
      makeOwnerOnly(path, hadFile);
      keepSpillFolderOwnerOnly(path); // now that this process holds the file, and before anything spills
    }
    const db = await connectUtc(instance);
    const warehouse = new Warehouse(path, instance, db);
    try {
      await warehouse.migrate();
      await registerMeasureMacros(db); // they read the migrated tables
    } catch (err) {
      warehouse.close();
      throw err;
    }
    warehouse.keepWalOwnerOnly();
    return warehouse;
  }

  /** A further connection, e.g. for a read that must not wait for the writer's transaction. */
  async connect(): Promise<DuckDBConnection> {
    const db = await connectUtc(this.instance);
    await registerMeasureMacros(db);
    return db;
  }

  /**
   * Runs `work` on a further connection of its own, taken from the idle ones and given back after.
   * One whose work failed is closed instead: nothing it was left in reaches the next caller. With
   * `budgetMs`, work still running then is interrupted (QueryBudgetError) and its connection closed.
   */
  async withConnection<T>(work: (db: DuckDBConnection) => Promise<T>, budgetMs?: number): Promise<T> {
    const db = this.idle.pop() ?? await this.connect();
    let result: T;
    try {
      result = budgetMs === undefined ? await work(db) : await withQueryBudget(db, budgetMs, () => work(db));
    } catch (err) {
      db.closeSync();
      throw err;
    }
    if (this.idle.length < MAX_IDLE_CONNECTIONS) this.idle.push(db);
    else db.closeSync();
    return result;
  }

  /** Runs `work` inside one transaction: committed whole or rolled back whole. */
  async transaction<T>(work: (db: DuckDBConnection) => Promise<T>, db: DuckDBConnection = this.db): Promise<T> {
    await db.run('BEGIN TRANSACTION');
    try {
      const result = await work(db);
      await db.run('COMMIT');
      this.keepWalOwnerOnly();
      return result;
    } catch (err) {
      // A COMMIT that failed (e.g. a full disk) has ended the transaction: the rollback's own
      // complaint ("no transaction is active") would hide why.
      await db.run('ROLLBACK').catch(() => undefined);
      throw asDiskFull(err, this.path) ?? err;
    }
  }

  /** After a write that may have checkpointed (every transaction does this): see private-files.ts. */
  keepWalOwnerOnly(): void {
    if (this.path !== ':memory:') keepWalOwnerOnly(this.path);
  }

  async schemaVersion(): Promise<number> {
    const reader = await this.db.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_migrations');
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  private async migrate(): Promise<void> {
    await this.db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const current = await this.schemaVersion();
    if (current > SCHEMA_VERSION) throw new WarehouseVersionError(this.path, current);
    const applied = await this.db.runAndReadAll('SELECT version FROM schema_migrations');
    const done = new Set(applied.getRows().map(([v]) => Number(v)));
    // Applied by number, not only above the highest: migrations written in parallel may land out of order.
    const pending = readMigrations().filter((m) => !done.has(m.version));
    if (pending.length === 0) return;
    // All pending migrations in one transaction, derived once after the last: derivation reads the
    // final schema (a later migration's tables), and a warehouse is never left migrated but not derived.
    await this.transaction(async (db) => {
      for (const m of pending) {
        await db.run(m.sql);
        await db.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      // A migration that changes how tickets are derived says so on its first line.
      if (pending.some((m) => m.sql.startsWith('-- rederive:'))) await deriveTickets(db, 'all');
    });
  }

  close(): void {
    for (const db of this.idle.splice(0)) db.closeSync();
    this.db.closeSync();
    this.instance.closeSync();
    if (this.path !== ':memory:') {
      removeEmptyWal(this.path);
      removeEmptySpillFolder(this.path);
    }
  }
}
