// A time budget for the queries of one request: once spent, the query running on the request's
// connection is interrupted (and any it starts later), and the request fails with QueryBudgetError.
import type { DuckDBConnection } from '@duckdb/node-api';

/** Default budget: a dashboard query on a year of a busy desk takes a few seconds; 30 s is far past that. */
export const DEFAULT_QUERY_BUDGET_MS = 30_000;

/** How often a spent budget interrupts again: a query started after the first interrupt stops within this. */
const REINTERRUPT_MS = 20;

export class QueryBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the query took longer than ${budgetMs >= 1000 ? `${budgetMs / 1000} s` : `${budgetMs} ms`} and was stopped: ` +
      'narrow the date range or add filters (the server\'s limit is DESKPULSE_QUERY_BUDGET_MS)');
    this.name = 'QueryBudgetError';
  }
}

/** The budget from DESKPULSE_QUERY_BUDGET_MS (milliseconds), else the default. */
export function queryBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.DESKPULSE_QUERY_BUDGET_MS?.trim();
  if (!text) return DEFAULT_QUERY_BUDGET_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 1) {
    throw new Error(`DESKPULSE_QUERY_BUDGET_MS="${text}" is not a whole number of milliseconds: write e.g. 30000`);
  }
  return ms;
}

/** The budget running on each connection now (a connection serves one withConnection at a time). */
const running = new WeakMap<DuckDBConnection, RunningBudget>();

class RunningBudget {
  private spent = false;
  private again: ReturnType<typeof setInterval> | undefined;
  private readonly deadline: ReturnType<typeof setTimeout>;

  constructor(private readonly db: DuckDBConnection, readonly budgetMs: number) {
    this.deadline = setTimeout(() => {
      this.spent = true;
      db.interrupt();
      // Work that goes on between queries (JS, or a query after the interrupted one) is stopped at its next query.
      this.again = setInterval(() => db.interrupt(), REINTERRUPT_MS);
    }, budgetMs);
  }

  /** Throws QueryBudgetError once the budget is spent. */
  check(): void {
    if (this.spent) throw new QueryBudgetError(this.budgetMs);
  }

  /** No more interrupts from now on. */
  end(): void {
    clearTimeout(this.deadline);
    clearInterval(this.again);
  }
}

/**
 * Runs `work` on `db` within `budgetMs`. When the budget is spent, the call fails with QueryBudgetError
 * even if `work` then finishes: the caller must not reuse a connection that was interrupted.
 */
export async function withQueryBudget<T>(db: DuckDBConnection, budgetMs: number, work: () => Promise<T>): Promise<T> {
  const budget = new RunningBudget(db, budgetMs);
  running.set(db, budget);
  try {
    const result = await work();
    budget.check();
    return result;
  } catch (err) {
    budget.check();
    throw err;
  } finally {
    budget.end();
    running.delete(db);
  }
}

/**
 * Throws QueryBudgetError when the budget running on `db` is spent: JavaScript work between queries
 * (e.g. staffing), which no interrupt reaches, asks here between its steps.
 */
export function checkQueryBudget(db: DuckDBConnection): void {
  running.get(db)?.check();
}

/**
 * Runs `write` (e.g. storing what a budgeted computation on `db` made, through the write queue) with
 * the budget of `db`'s work ended first: a write is never interrupted half-way, nor answered 503 after
 * it committed. A budget already spent fails here, before anything is written. Without a budget on
 * `db`, just runs `write`.
 */
export async function endBudgetToWrite<T>(db: DuckDBConnection, write: () => Promise<T>): Promise<T> {
  const budget = running.get(db);
  if (budget) {
    budget.check();
    budget.end();
  }
  return write();
}
