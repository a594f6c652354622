// What-if for planners: change volume (x1.3 for a promotion), AHT, shrinkage, occupancy or the
// service-level target, recompute, and see per queue and interval how the staffing changes and
// how today's recommendation would fare under the changed conditions.
import {
  livePerformance, queueFor, queuePlan, recommendStaffing, resolveOptions, toWorkloadIntervals, workloadOptionsFor,
  type QueueRecommendation, type RecommendInput, type StaffingQueue, type StaffingRecommendation,
} from './recommend.ts';
import { workloadPerformance } from './workload.ts';

export interface WhatIfScenario {
  /** Multiplies every forecast quantile, e.g. 1.3. */
  volumeMultiplier?: number;
  /** Replaces the AHT everywhere, seconds. */
  ahtSeconds?: number;
  /** Multiplies the AHT, e.g. 1.1. */
  ahtMultiplier?: number;
  shrinkage?: number;
  maxOccupancy?: number;
  /** Service-level target and answer time of every live queue. */
  serviceLevelTarget?: number;
  answerWithinSeconds?: number;
}

export interface WhatIfInterval {
  start: number;
  minutes: number;
  baseArrivals: number;
  arrivals: number;
  baseScheduledAgents: number;
  scheduledAgents: number;
  /** scheduledAgents - baseScheduledAgents. */
  change: number;
  baseServiceLevel: number | null;
  serviceLevel: number | null;
  /** The service level (or SLA attainment) if the base staffing met the scenario's demand. */
  serviceLevelWithBaseStaffing: number | null;
}

export interface WhatIfQueue {
  queueId: string;
  method: QueueRecommendation['method'];
  baseAgentHours: number;
  agentHours: number;
  changeAgentHours: number;
  basePeakAgents: number;
  peakAgents: number;
  intervals: WhatIfInterval[];
}

export interface WhatIfResult {
  scenario: WhatIfScenario;
  base: StaffingRecommendation;
  changed: StaffingRecommendation;
  queues: WhatIfQueue[];
  totals: { baseAgentHours: number; agentHours: number; changeAgentHours: number };
}

function scenarioInput(input: RecommendInput, s: WhatIfScenario): RecommendInput {
  const m = s.volumeMultiplier ?? 1;
  if (!(m >= 0)) throw new RangeError(`volume multiplier must be >= 0, e.g. 1.3; got ${m}`);
  const queues: StaffingQueue[] = input.queues.map((q) => (q.serviceLevel && (s.serviceLevelTarget !== undefined || s.answerWithinSeconds !== undefined)
    // The queue's other settings (a patience: Erlang A) stay; only the target and answer time change.
    ? { ...q, serviceLevel: { ...q.serviceLevel, target: s.serviceLevelTarget ?? q.serviceLevel.target, answerWithinSeconds: s.answerWithinSeconds ?? q.serviceLevel.answerWithinSeconds } }
    : q));
  const o = input.options ?? {};
  const defaultLevel = resolveOptions(o).defaultServiceLevel;
  return {
    ...input,
    queues,
    forecasts: input.forecasts.map((f) => ({
      ...f,
      intervals: f.intervals.map((p) => ({ ...p, p50: p.p50 * m, p90: p.p90 * m, ...(p.p10 !== undefined ? { p10: p.p10 * m } : {}) })),
    })),
    options: {
      ...o,
      ...(s.ahtSeconds !== undefined ? { ahtSeconds: s.ahtSeconds } : {}),
      ...(s.ahtMultiplier !== undefined ? { ahtMultiplier: (o.ahtMultiplier ?? 1) * s.ahtMultiplier } : {}),
      ...(s.shrinkage !== undefined ? { shrinkage: s.shrinkage } : {}),
      ...(s.maxOccupancy !== undefined ? { maxOccupancy: s.maxOccupancy } : {}),
      defaultServiceLevel: { target: s.serviceLevelTarget ?? defaultLevel.target, answerWithinSeconds: s.answerWithinSeconds ?? defaultLevel.answerWithinSeconds },
    },
  };
}

/** How the base recommendation's agents would do under the scenario's demand and targets. */
function baseStaffingUnderScenario(input: RecommendInput, base: QueueRecommendation, changed: QueueRecommendation): (number | null)[] {
  const forecast = input.forecasts.find((f) => f.queueId === base.queueId)!;
  const queue = queueFor(forecast, input.queues);
  const options = resolveOptions(input.options);
  const planned = queuePlan(forecast, input.aht?.get(forecast.queueId), options, input.now);
  // The people scheduled for the base, of whom the scenario's shrinkage leaves this many working.
  const working = base.intervals.map((i) => Math.floor(i.scheduledAgents * (1 - options.shrinkage) + 1e-9));
  if (changed.method !== 'workload') {
    const level = { answerWithinSeconds: changed.target.answerWithinSeconds ?? 0, patienceSeconds: changed.target.patienceSeconds ?? undefined };
    return planned.map((p, k) => (p.open ? livePerformance(p, working[k]!, level).serviceLevel : null));
  }
  const result = workloadPerformance(toWorkloadIntervals(planned), working, workloadOptionsFor(queue, options));
  return result.intervals.map((r) => r.slaAttainment);
}

export function whatIf(input: RecommendInput, scenario: WhatIfScenario): WhatIfResult {
  const base = recommendStaffing(input);
  const changedInput = scenarioInput(input, scenario);
  const changed = recommendStaffing({ ...changedInput, generatedAt: base.generatedAt });
  const queues = base.queues.map((b, q): WhatIfQueue => {
    const c = changed.queues[q]!;
    const withBase = baseStaffingUnderScenario(changedInput, b, c);
    return {
      queueId: b.queueId,
      method: c.method,
      baseAgentHours: b.summary.agentHours,
      agentHours: c.summary.agentHours,
      changeAgentHours: c.summary.agentHours - b.summary.agentHours,
      basePeakAgents: b.summary.peakScheduledAgents,
      peakAgents: c.summary.peakScheduledAgents,
      intervals: b.intervals.map((bi, k) => {
        const ci = c.intervals[k]!;
        return {
          start: bi.start, minutes: bi.minutes, baseArrivals: bi.arrivals, arrivals: ci.arrivals,
          baseScheduledAgents: bi.scheduledAgents, scheduledAgents: ci.scheduledAgents, change: ci.scheduledAgents - bi.scheduledAgents,
          baseServiceLevel: bi.serviceLevel, serviceLevel: ci.serviceLevel, serviceLevelWithBaseStaffing: withBase[k] ?? null,
        };
      }),
    };
  });
  const sum = (pick: (q: WhatIfQueue) => number) => queues.reduce((s, q) => s + pick(q), 0);
  return {
    scenario, base, changed, queues,
    totals: { baseAgentHours: sum((q) => q.baseAgentHours), agentHours: sum((q) => q.agentHours), changeAgentHours: sum((q) => q.changeAgentHours) },
  };
}
