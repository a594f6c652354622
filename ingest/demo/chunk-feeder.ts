// Runs the demo generator ahead in small steps on the event loop while DuckDB encodes on its own
// thread, so generating and writing overlap; DuckDB's pulls take the prepared blocks.
export class ChunkFeeder<T> {
  private readonly queue: T[] = [];
  private done = false;
  private stopped = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;

  /** `steps` yields items, and nulls between small pieces of work. */
  constructor(private readonly steps: Iterator<T | null>, private readonly maxQueued = 3) {}

  /** Generates ahead until the end (or stop()), yielding to the event loop after every step. */
  async pump(): Promise<void> {
    while (!this.done && !this.stopped) {
      if (this.queue.length >= this.maxQueued) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.step();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The next chunk (generated on the spot if the pump is behind); null after the last. */
  take(): T | null {
    while (this.queue.length === 0 && !this.done) this.step();
    if (this.failure) throw this.failure;
    const chunk = this.queue.shift() ?? null;
    this.resume();
    return chunk;
  }

  stop(): void {
    this.stopped = true;
    this.resume();
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private step(): void {
    try {
      const next = this.steps.next();
      if (next.done) this.done = true;
      else if (next.value) this.queue.push(next.value);
    } catch (err) {
      this.failure = err;
      this.done = true;
    }
  }
}
