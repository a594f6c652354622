// DuckDB's optimistic concurrency: writers do not wait for each other, but two transactions that
// change the same row cannot both commit; the later fails with a conflict and may be tried again.
const CONFLICT = /Conflict on (update|tuple deletion)|write-write conflict/i;

export const isWriteConflict = (err: unknown): boolean => err instanceof Error && CONFLICT.test(err.message);

/** Runs `work`, up to `attempts` times in all while it fails on a write conflict (a row another write was changing). */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isWriteConflict(err)) throw err;
      await new Promise((wait) => setTimeout(wait, 10 * attempt)); // the other write is one row: milliseconds
    }
  }
}
