// Worker threads for the compute tasks (compute-tasks.ts), so a forecast fit or a staffing plan
// never holds the server's event loop: /api/health and the other pages answer while they run.
// Workers start on first use and are referenced only while busy (an idle pool keeps no process
// alive); a worker that dies fails its task with a message saying so and is replaced on demand.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { computeHere, type ComputeRunner, type ComputeTask, type TaskInput, type TaskOutput } from './compute-tasks.ts';
import { COMPUTE_WORKER, COMPUTE_WORKER_FILE, type ResultMessage, type TaskError, type TaskMessage } from './compute-worker.ts';

interface Job { id: number; task: ComputeTask; input: unknown; resolve: (result: unknown) => void; reject: (err: Error) => void }
interface Slot { worker: Worker; job: Job | null }

/** Workers by default: one core is left to the event loop and DuckDB's own threads; at most 4. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

function startWorker(): Worker {
  if (COMPUTE_WORKER_FILE.endsWith('.ts')) {
    // Run from the sources (vitest, tsx): the worker registers tsx before loading them, as its parent did.
    const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(COMPUTE_WORKER_FILE).href)}); })`;
    return new Worker(code, { eval: true, workerData: COMPUTE_WORKER });
  }
  return new Worker(COMPUTE_WORKER_FILE, { workerData: COMPUTE_WORKER });
}

/** The error a task failed with in the worker, with its class where it matters (RangeError: a bad what-if, answered 400). */
function errorOf({ name, message, messages }: TaskError): Error {
  const err = name === 'RangeError' ? new RangeError(message) : name === 'TypeError' ? new TypeError(message) : new Error(message);
  if (err.name !== name) err.name = name;
  return messages ? Object.assign(err, { messages }) : err;
}

export class ComputePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(readonly size = defaultPoolSize()) {}

  readonly run: ComputeRunner = <K extends ComputeTask>(task: K, input: TaskInput<K>) => new Promise<TaskOutput<K>>((resolve, reject) => {
    this.waiting.push({ id: this.nextId++, task, input, resolve: resolve as (r: unknown) => void, reject });
    this.dispatch();
  });

  /** Tasks running or waiting. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.job).length;
  }

  /** Stops every worker; tasks still running or waiting fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const job of [...slots.flatMap((s) => (s.job ? [s.job] : [])), ...this.waiting.splice(0)]) {
      job.reject(new Error(`compute task ${job.task} cancelled: the pool was closed`));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      this.give(slot, this.waiting.shift()!);
    }
  }

  private give(slot: Slot, job: Job): void {
    try {
      slot.worker.postMessage({ id: job.id, task: job.task, input: job.input } satisfies TaskMessage);
    } catch (err) {
      // Not cloneable (a function in the input): a programming error, said as such.
      job.reject(new Error(`compute task ${job.task}: its input cannot be sent to a worker thread: ${(err as Error).message}`));
      return;
    }
    slot.job = job;
    slot.worker.ref();
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), job: null };
    const { worker } = slot;
    worker.unref();
    worker.on('message', (message: ResultMessage) => {
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      slot.job = null;
      worker.unref();
      if ('error' in message) job.reject(errorOf(message.error)); else job.resolve(message.result);
      this.dispatch();
    });
    const lost = (why: string) => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      slot.job?.reject(new Error(`the compute worker stopped (${why}) while running ${slot.job.task}; try again`));
      slot.job = null;
      this.dispatch();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }
}

let shared: ComputePool | null = null;

/**
 * The server's pool (DESKPULSE_COMPUTE_THREADS sets its size; 0 computes on the main thread, as
 * the CLI does).
 */
export function serverComputeRunner(): ComputeRunner {
  const asked = process.env.DESKPULSE_COMPUTE_THREADS;
  const size = asked === undefined || asked === '' ? defaultPoolSize() : Number(asked);
  if (!(Number.isInteger(size) && size >= 0)) {
    throw new Error(`DESKPULSE_COMPUTE_THREADS=${asked}: give a whole number of worker threads (0: compute on the main thread)`);
  }
  if (size === 0) return computeHere;
  shared ??= new ComputePool(size);
  return shared.run;
}
