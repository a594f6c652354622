// The CPU-heavy steps of forecasting and staffing, by name, each a pure function of plain data
// (what structured clone carries: no functions, Maps and typed arrays allowed), so the server can
// run them on a worker thread (compute-pool.ts) and the CLI call the very same functions directly.
import { fitQueue } from '../forecast.ts';
import { planQueue } from '../staffing/plan-queue.ts';

export const computeTasks = {
  /** A queue's models backtested and fitted, the forecast with its band (seconds on a big warehouse). */
  fitQueue,
  /** A queue's staffing (Erlang C / A or the workload model per interval) and its table. */
  planQueue,
};

export type ComputeTasks = typeof computeTasks;
export type ComputeTask = keyof ComputeTasks;
export type TaskInput<K extends ComputeTask> = Parameters<ComputeTasks[K]>[0];
export type TaskOutput<K extends ComputeTask> = ReturnType<ComputeTasks[K]>;

/** Runs a task somewhere (a worker, or here) and gives its result. */
export type ComputeRunner = <K extends ComputeTask>(task: K, input: TaskInput<K>) => Promise<TaskOutput<K>>;

/** The runner of the CLI and of tests: on this thread. */
export const computeHere: ComputeRunner = async (task, input) => (computeTasks[task] as (i: typeof input) => TaskOutput<typeof task>)(input);
