// A planned queue as the simulation runs it: its dispatch rule (strategy, skills, region affinity,
// max_open_per_agent), live or async as the staffing plan treats it, its target wait, and handle
// times and reopens drawn from its history.
import type { DispatchQueueRule } from '../dispatch-rules/read-dispatch-rules.ts';
import { chooseMethod, resolveOptions, workloadOptionsFor, type StaffingMethod, type StaffingQueue } from '../staffing/recommend.ts';
import { handleTimeSampler, reopenTimeSampler, type HandlingHistory } from './handling-history.ts';
import type { SimQueue } from './simulation-model.ts';

/** Without history, a reopened ticket comes back a day after it was handled. */
export const DEFAULT_REOPEN_DELAY_SECONDS = 86_400;

export type RoutedQueue = StaffingQueue & Partial<Pick<DispatchQueueRule, 'strategy' | 'skills' | 'regionAffinity' | 'maxOpenPerAgent'>>;

/** Skills an agent needs for the queue: the rule's, else the queue id (a queue's team shares its id). */
export function queueSkills(queue: RoutedQueue): string[] {
  return queue.skills && queue.skills.length > 0 ? [...queue.skills] : [queue.id];
}

/**
 * The simulated queue, live or async as `plannedMethod` (else as the plan would choose); a written
 * ticket's first response is when an agent takes it (a replay adds the history's reply lag). A queue
 * without a strategy routes to the least loaded agent; without
 * max_open_per_agent an agent holds one ticket at a time (one shared line, oldest first).
 */
export function simQueueFor(queue: RoutedQueue, history: HandlingHistory | undefined, fallbackAhtSeconds: number,
  open: readonly boolean[] | undefined, plannedMethod?: StaffingMethod): SimQueue {
  const options = resolveOptions();
  // The plan's method when there is one: it saw the forecast queue's own match (channel:phone is live).
  const method = plannedMethod ?? chooseMethod(queue, options.liveChannels).method;
  const live = method !== 'workload';
  const level = queue.serviceLevel ?? options.defaultServiceLevel;
  const workload = workloadOptionsFor(queue, options);
  const sla = workload.slaSeconds > 0 ? workload.slaSeconds : null;
  const reopenWork = reopenTimeSampler(history);
  const reopenRate = history?.reopenRate ?? 0;
  return {
    id: queue.id,
    strategy: queue.strategy ?? 'least_loaded',
    skills: queueSkills(queue),
    regionAffinity: queue.regionAffinity ?? false,
    maxOpenPerAgent: queue.maxOpenPerAgent ?? 1,
    live,
    patienceSeconds: live ? queue.serviceLevel?.patienceSeconds ?? null : null,
    targetWaitSeconds: live ? level.answerWithinSeconds : sla,
    asyncTargetWaitSeconds: sla,
    businessClock: workload.clock === 'business',
    ...(open ? { open } : {}),
    // Without the history's handle times, the fallback is the plan's AHT, which charges a ticket's
    // reopen work to it: drawn for the first pass and again for each reopening, each draw is that
    // AHT over 1 + the reopen rate (at the whole AHT a queue reopening 20% worked 120% of the plan).
    handleSeconds: handleTimeSampler(history, fallbackAhtSeconds / (1 + reopenRate)),
    ...(reopenWork ? { reopenHandleSeconds: reopenWork } : {}),
    reopenRate,
    reopenDelaySeconds: history?.reopenDelaySeconds ?? DEFAULT_REOPEN_DELAY_SECONDS,
  };
}

/** Agent on-duty spans from per-interval flags: consecutive intervals merged. */
export function shiftsOf(onDuty: (k: number) => boolean, grid: { start: number; intervalMs: number; count: number }): [number, number][] {
  return partShiftsOf((k) => (onDuty(k) ? 1 : 0), grid);
}

/** On-duty spans for one agent from the share of each interval worked (1: all of it; 0.7: its first 70%). */
export function partShiftsOf(share: (k: number) => number, grid: { start: number; intervalMs: number; count: number }): [number, number][] {
  const shifts: [number, number][] = [];
  for (let k = 0; k < grid.count; k++) {
    const part = Math.min(1, share(k));
    if (part <= 1e-9) continue;
    const from = grid.start + k * grid.intervalMs;
    const to = from + Math.round(part * grid.intervalMs);
    const last = shifts[shifts.length - 1];
    if (last && last[1] === from) last[1] = to;
    else shifts.push([from, to]);
  }
  return shifts;
}
