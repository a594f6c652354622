import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/database.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_QUERY_BUDGET_MS, endBudgetToWrite, QueryBudgetError, queryBudgetMs } from '../../warehouse/query-budget.ts';

let w: Warehouse;
beforeAll(async () => { w = await Warehouse.open(':memory:'); });
afterAll(() => w.close());

// A count DuckDB needs minutes for: only an interrupt ends it within the test's time.
const ENDLESS = 'SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3';

describe('the query budget', () => {
  it('interrupts a running query when spent and fails with a message that says what to do', async () => {
    const started = performance.now();
    const failure = await w.withConnection((db) => db.runAndReadAll(ENDLESS), 200).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryBudgetError);
    expect((failure as Error).message).toMatch(/took longer than 200 ms and was stopped: narrow the date range or add filters/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('also stops work that starts a query after the budget is spent', async () => {
    const failure = await w.withConnection(async (db) => {
      await new Promise((r) => setTimeout(r, 150));
      return db.runAndReadAll(ENDLESS);
    }, 50).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryBudgetError);
  });

  it('never hands an interrupted connection to the next caller', async () => {
    let interrupted: unknown = null;
    await w.withConnection(async (db) => { interrupted = db; await db.runAndReadAll(ENDLESS); }, 50).catch(() => undefined);
    for (let i = 0; i < 10; i++) {
      await w.withConnection(async (db) => {
        expect(db).not.toBe(interrupted);
        expect((await db.runAndReadAll('SELECT 42')).getRows()).toEqual([[42]]);
      }, 5_000);
    }
  });

  it('ends a query of minutes by interrupting it at 300 ms, and closes that connection instead of pooling it', async () => {
    let used: DuckDBConnection | null = null;
    const started = performance.now();
    const failure = await w.withConnection(async (db) => { used = db; return db.runAndReadAll(ENDLESS); }, 300).catch((err: unknown) => err);
    const elapsed = performance.now() - started;
    expect(failure).toBeInstanceOf(QueryBudgetError);
    // Not before the budget, and far before the count could finish on its own: the interrupt ended it.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5_000);
    await expect(used!.runAndReadAll('SELECT 1')).rejects.toThrow();
    await w.withConnection(async (db) => expect(db).not.toBe(used));
  });

  it('does not interrupt a write that follows a budgeted computation, however long it takes', async () => {
    const wrote = await w.withConnection(async (db) => {
      await db.runAndReadAll('SELECT 1');
      return endBudgetToWrite(db, async () => {
        await new Promise((r) => setTimeout(r, 2_500));
        return (await db.runAndReadAll('SELECT 7')).getRows();
      });
    }, 2_000); // room for a connection and SELECT 1 on a busy machine; the write outlasts it
    expect(wrote).toEqual([[7]]);
  });

  it('writes nothing once the budget is spent', async () => {
    let wrote = false;
    const failure = await w.withConnection(async (db) => {
      await new Promise((r) => setTimeout(r, 150));
      return endBudgetToWrite(db, async () => { wrote = true; });
    }, 50).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryBudgetError);
    expect(wrote).toBe(false);
  });

  it('reads DESKPULSE_QUERY_BUDGET_MS, refusing what is not a number of milliseconds', () => {
    expect(queryBudgetMs({})).toBe(DEFAULT_QUERY_BUDGET_MS);
    expect(queryBudgetMs({ DESKPULSE_QUERY_BUDGET_MS: '1500' })).toBe(1500);
    expect(() => queryBudgetMs({ DESKPULSE_QUERY_BUDGET_MS: '30s' })).toThrow(/DESKPULSE_QUERY_BUDGET_MS="30s" is not a whole number of milliseconds/);
  });
});
