// Serialises write transactions: DuckDB allows one writer, and HTTP requests arrive concurrently.
// `afterWrite` runs once each write has finished (committed or not), e.g. to drop cached results.

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly afterWrite: () => void = () => {}) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work).finally(this.afterWrite);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
