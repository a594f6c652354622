// Serialises the writes of warehouse data (ingest batches, forecast runs, dispatch-rule changes): they
// change tables that the cached metrics read, and two of them would conflict. Sign-in sessions and
// tokens are written directly (session-store.ts): no data write touches their rows, and a sign-in
// must not wait behind a batch.
// `afterWrite` runs once each write has finished (committed or not), e.g. to drop cached results.
// Ingest batches are admitted before their bodies are read and wait a bounded time: a long batch
// makes the others wait, but never silently and never without end (WriterBusyError, a 429).

export interface WriteQueueLimits {
  /** Batches admitted but not yet running (still uploading, or waiting their turn). */
  maxPending: number;
  /** Longest a batch waits for its turn before it is refused. */
  maxWaitMs: number;
}

export const DEFAULT_WRITE_LIMITS: WriteQueueLimits = { maxPending: 4, maxWaitMs: 60_000 };

/** How long a refused batch is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** What the queue is doing, for the caller that has to wait or is refused. */
export interface WriterState {
  /** The write running now (e.g. "an ingest batch") and for how many seconds, or null. */
  running: { what: string; seconds: number } | null;
  /** Writes waiting for their turn. */
  waiting: number;
  /** Batches admitted and still uploading. */
  uploading: number;
}

/** A write refused because the queue is full or its wait ran out; answered as 429 with Retry-After. */
export class WriterBusyError extends Error {
  readonly statusCode = 429;
  readonly retryAfter = RETRY_AFTER_SECONDS;

  constructor(readonly state: WriterState, why: string) {
    const running = state.running ? `${state.running.what} has been running for ${state.running.seconds} s` : 'no write is running yet';
    super(`the warehouse is busy: ${why} (${running}; ${state.waiting} waiting, ${state.uploading} uploading); ` +
      `nothing from this batch was written: send it again after ${RETRY_AFTER_SECONDS} s (Retry-After)`);
    this.name = 'WriterBusyError';
  }
}

/** A batch's place in the queue, taken before its body is read; given back once it runs or gives up. */
export interface Admission { release(): void }

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running: { what: string; since: number } | null = null;
  private waiting = 0;
  private waitingBatches = 0;
  private admitted = 0;

  constructor(private readonly afterWrite: () => void = () => {}, private readonly limits: WriteQueueLimits = DEFAULT_WRITE_LIMITS) {}

  state(): WriterState {
    return {
      running: this.running && { what: this.running.what, seconds: Math.round((Date.now() - this.running.since) / 1000) },
      waiting: this.waiting, uploading: this.admitted - this.waitingBatches,
    };
  }

  /** Reserves a place for a batch about to be uploaded, or refuses it when `maxPending` are ahead. */
  admit(): Admission {
    if (this.admitted >= this.limits.maxPending) {
      throw new WriterBusyError(this.state(), `${this.admitted} batches are already queued, the most this server keeps`);
    }
    this.admitted++;
    let held = true;
    return { release: () => { if (held) this.admitted--; held = false; } };
  }

  /**
   * Runs `work` once the writes before it are done, or refuses it (WriterBusyError) if its turn has
   * not come in `maxWaitMs`: a long ingest makes a forecast run or an apply wait, but says so. With
   * an admission it is a batch, which gives up its place when it starts.
   */
  run<T>(work: () => Promise<T>, batch?: { admission: Admission; what: string }): Promise<T> {
    let gaveUp = false;
    let timer: NodeJS.Timeout | undefined;
    const leaveLine = () => {
      this.waiting--;
      if (batch) this.waitingBatches--;
      batch?.admission.release();
    };
    this.waiting++;
    if (batch) this.waitingBatches++;
    const start = async (): Promise<T> => {
      if (gaveUp) throw new WriterBusyError(this.state(), 'gave up waiting');
      clearTimeout(timer); // its turn came: it runs as long as it needs
      leaveLine();
      this.running = { what: batch?.what ?? 'a write', since: Date.now() };
      try {
        return await work();
      } finally {
        this.running = null;
        this.afterWrite();
      }
    };
    const turn = this.tail.then(start, start);
    this.tail = turn.catch(() => undefined);
    return new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        leaveLine();
        reject(new WriterBusyError(this.state(), `${batch ? 'this batch' : 'this write'} waited ${Math.round(this.limits.maxWaitMs / 1000)} s for its turn`));
      }, this.limits.maxWaitMs);
      turn.then(resolve, (err: unknown) => { if (!gaveUp) reject(err); });
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's write queue (buildApp's), e.g. for a test to show what waits for the writer and what does not. */
    writes: WriteQueue;
  }
}
