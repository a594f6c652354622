// The worker thread's side of the compute pool: runs the tasks it is sent (compute-tasks.ts) and
// answers each with its result or its error (name and message: a RangeError stays one, the route
// turns it into a 400). Imported by the pool too, which is how the server build (dist/) holds it.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { computeTasks, type ComputeTask } from './compute-tasks.ts';

/** What marks a worker started by the pool (the module is imported on the main thread as well). */
export const COMPUTE_WORKER = 'deskpulse-compute';

/** This file as it runs: dist/…/compute-worker.js when built, the .ts source under tsx or vitest. */
export const COMPUTE_WORKER_FILE = import.meta.filename;

export interface TaskMessage { id: number; task: ComputeTask; input: unknown }
export type ResultMessage = { id: number; result: unknown } | { id: number; error: { name: string; message: string } };

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
      answer = { id, error: { name: e.name, message: e.message } };
    }
    port.postMessage(answer);
  });
}
