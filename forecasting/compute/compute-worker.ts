// The worker thread's side of the compute pool: runs the tasks it is sent (compute-tasks.ts) and
// answers each with its result or its error (name, message and both languages where it has them: a RangeError stays one, the route
// turns it into a 400). Imported by the pool too, which is how the server build (dist/) holds it.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { computeTasks, type ComputeTask } from './compute-tasks.ts';
import { messagesOf, type InBothLanguages } from '../bilingual-error.ts';

/** What marks a worker started by the pool (the module is imported on the main thread as well). */
export const COMPUTE_WORKER = 'deskpulse-compute';

/** This file as it runs: dist/…/compute-worker.js when built, the .ts source under tsx or vitest. */
export const COMPUTE_WORKER_FILE = import.meta.filename;

export interface TaskMessage { id: number; task: ComputeTask; input: unknown }
/** A task's error as it crosses the thread: its class's name, its message and, where it has them, both languages. */
export interface TaskError { name: string; message: string; messages?: InBothLanguages }
export type ResultMessage = { id: number; result: unknown } | { id: number; error: TaskError };

// The worker keeps the server's priority: at nice 10 a fit on the 10M warehouse, on a machine loaded
// 7x past its cores, outlasted the request's 30 s budget (503, no forecast drawn).
if (!isMainThread && parentPort && workerData === COMPUTE_WORKER) {
  const port = parentPort;
  port.on('message', ({ id, task, input }: TaskMessage) => {
    let answer: ResultMessage;
    try {
      answer = { id, result: (computeTasks[task] as (i: unknown) => unknown)(input) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const messages = messagesOf(e);
      answer = { id, error: { name: e.name, message: e.message, ...(messages.zh !== e.message ? { messages } : {}) } };
    }
    port.postMessage(answer);
  });
}
