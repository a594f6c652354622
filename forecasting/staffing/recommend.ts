// Staffing per queue and interval from a forecast: Erlang C for live channels (phone, chat, or a
// queue with a service_level), the workload model for async ones; AHT per queue and local hour.
import { DateTime } from 'luxon';
import type { QueueMatch } from '../series/queues.ts';
import { ahtFor, type AhtSource, type QueueAht } from './aht.ts';
import { erlangCStaffing, withShrinkage } from './erlang-c.ts';
import { workloadStaffing, type WorkloadInterval, type WorkloadOptions } from './workload.ts';

export const LIVE_CHANNELS = ['phone', 'chat'] as const;

/** What the recommendation needs of a queue; a dispatch-rules queue (readDispatchRules) fits as is. */
export interface StaffingQueue {
  id: string;
  name?: string;
  match: QueueMatch;
  serviceLevel: { target: number; answerWithinSeconds: number } | null;
  sla: { firstResponseSeconds: number | null; resolutionSeconds: number | null; clock: 'business' | 'calendar' } | null;
}

export interface ForecastPoint {
  /** Epoch ms, or ISO 8601 with offset. */
  start: number | string;
  minutes: number;
  p10?: number;
  p50: number;
  p90: number;
  /** False when the calendar is closed then (async work waits for the opening). */
  inCalendarHours?: boolean;
}

export interface QueueForecastInput {
  queueId: string;
  /** Queue name and match, for forecast queues that are not dispatch-rule queues (channel:phone). */
  name?: string;
  match?: QueueMatch;
  zone: string;
  model: string;
  intervals: readonly ForecastPoint[];
}

export interface StaffingOptions {
  /** Share of paid time off the queue (breaks, training, absence); default 0.3. */
  shrinkage?: number;
  /** Highest occupancy for Erlang C, and the target occupancy of the workload model; default 0.85. */
  maxOccupancy?: number;
  /** AHT when history has too few tickets; default 300 s. */
  defaultAhtSeconds?: number;
  /** Replaces the history's AHT everywhere (what-if, or the CLI's --aht). */
  ahtSeconds?: number;
  /** Multiplies every AHT (what-if). */
  ahtMultiplier?: number;
  /** Which forecast quantile to staff for; default p50. */
  basis?: 'p50' | 'p90';
  /** Target for live queues without a service_level block; default 80% within 20 s. */
  defaultServiceLevel?: { target: number; answerWithinSeconds: number };
  /** Which SLA target bounds the async backlog; default first_response. */
  asyncSla?: 'first_response' | 'resolution';
  liveChannels?: readonly string[];
}

export type StaffingMethod = 'erlang_c' | 'workload';

export interface IntervalRecommendation {
  start: number;
  minutes: number;
  /** Arrivals staffed for (the basis quantile), and the forecast's p50 / p90. */
  arrivals: number;
  p50: number;
  p90: number;
  ahtSeconds: number;
  ahtSource: AhtSource;
  /** Agents working (before shrinkage) and to schedule (after). */
  agents: number;
  scheduledAgents: number;
  /** Erlang C: P(wait <= T); workload: share of arrivals handled within the SLA (null if not known in the horizon). */
  serviceLevel: number | null;
  asaSeconds: number | null;
  probabilityOfWaiting: number | null;
  occupancy: number;
  /** Workload: seconds of work carried to the next interval. */
  backlogSeconds: number | null;
}

export interface QueueRecommendation {
  queueId: string;
  queueName: string;
  zone: string;
  model: string;
  method: StaffingMethod;
  /** Why this method, in words. */
  reason: string;
  target: {
    serviceLevel: number | null;
    answerWithinSeconds: number | null;
    slaSeconds: number | null;
    clock: 'business' | 'calendar' | null;
    maxOccupancy: number;
    shrinkage: number;
  };
  intervals: IntervalRecommendation[];
  summary: {
    /** Scheduled agent-hours over the horizon. */
    agentHours: number;
    peakScheduledAgents: number;
    /** Arrival-weighted service level / SLA attainment. */
    serviceLevel: number | null;
    /** Work-weighted occupancy. */
    occupancy: number | null;
  };
}

export interface StaffingRecommendation {
  generatedAt: number;
  forecastRunId: number | null;
  options: ResolvedOptions;
  queues: QueueRecommendation[];
}

export interface RecommendInput {
  queues: readonly StaffingQueue[];
  forecasts: readonly QueueForecastInput[];
  /** History AHT per queue id (readQueueAht); missing queues use the default. */
  aht?: ReadonlyMap<string, QueueAht>;
  options?: StaffingOptions;
  generatedAt?: number;
  forecastRunId?: number | null;
}

export type ResolvedOptions = Required<Omit<StaffingOptions, 'ahtSeconds'>> & { ahtSeconds: number | null };

export function resolveOptions(o: StaffingOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    shrinkage: o.shrinkage ?? 0.3,
    maxOccupancy: o.maxOccupancy ?? 0.85,
    defaultAhtSeconds: o.defaultAhtSeconds ?? 300,
    ahtSeconds: o.ahtSeconds ?? null,
    ahtMultiplier: o.ahtMultiplier ?? 1,
    basis: o.basis ?? 'p50',
    defaultServiceLevel: o.defaultServiceLevel ?? { target: 0.8, answerWithinSeconds: 20 },
    asyncSla: o.asyncSla ?? 'first_response',
    liveChannels: o.liveChannels ?? LIVE_CHANNELS,
  };
  if (!(resolved.shrinkage >= 0 && resolved.shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), e.g. 0.3; got ${resolved.shrinkage}`);
  if (!(resolved.maxOccupancy > 0 && resolved.maxOccupancy <= 1)) throw new RangeError(`maximum occupancy must be in (0, 1], e.g. 0.85; got ${resolved.maxOccupancy}`);
  if (!(resolved.defaultAhtSeconds > 0)) throw new RangeError(`default AHT must be above 0 seconds, got ${resolved.defaultAhtSeconds}`);
  if (resolved.ahtSeconds !== null && !(resolved.ahtSeconds > 0)) throw new RangeError(`AHT must be above 0 seconds, got ${resolved.ahtSeconds}`);
  if (!(resolved.ahtMultiplier > 0)) throw new RangeError(`AHT multiplier must be above 0, got ${resolved.ahtMultiplier}`);
  return resolved;
}

/** Erlang C or workload, and why: live channels queue callers who hang up; async tickets can wait. */
export function chooseMethod(queue: StaffingQueue, liveChannels: readonly string[]): { method: StaffingMethod; reason: string } {
  const channels = queue.match.channel ?? [];
  const live = channels.filter((c) => liveChannels.includes(c.toLowerCase()));
  if (queue.serviceLevel) {
    return { method: 'erlang_c', reason: `service_level set (${Math.round(queue.serviceLevel.target * 100)}% within ${queue.serviceLevel.answerWithinSeconds}s): answered live, Erlang C` };
  }
  if (live.length > 0) {
    return { method: 'erlang_c', reason: `live channel${live.length > 1 ? 's' : ''} ${live.join(', ')} in the match: Erlang C with the default service level` };
  }
  return { method: 'workload', reason: channels.length > 0 ? `async channels only (${channels.join(', ')}): workload model` : 'no service_level and no live channel in the match: workload model' };
}

function toMillis(start: number | string, queueId: string): number {
  if (typeof start === 'number') return start;
  const dt = DateTime.fromISO(start, { setZone: true });
  if (!dt.isValid) throw new RangeError(`queue ${queueId}: forecast interval start "${start}" is not ISO 8601 with an offset`);
  return dt.toMillis();
}

/** Per-interval inputs: arrivals of the basis quantile and the AHT of the interval's local hour. */
export function planIntervals(forecast: QueueForecastInput, aht: QueueAht | undefined, o: ResolvedOptions) {
  return forecast.intervals.map((p) => {
    const start = toMillis(p.start, forecast.queueId);
    const hour = p.minutes >= 1440 ? null : DateTime.fromMillis(start, { zone: forecast.zone }).hour;
    const fromHistory = ahtFor(aht, hour, o.defaultAhtSeconds);
    const base = o.ahtSeconds !== null ? { seconds: o.ahtSeconds, source: 'override' as const } : fromHistory;
    return {
      start, minutes: p.minutes, arrivals: Math.max(0, p[o.basis]), p50: p.p50, p90: p.p90,
      ahtSeconds: base.seconds * o.ahtMultiplier, ahtSource: base.source, open: p.inCalendarHours !== false,
    };
  });
}

export type PlannedInterval = ReturnType<typeof planIntervals>[number];

export function workloadOptionsFor(queue: StaffingQueue, o: ResolvedOptions): WorkloadOptions {
  const sla = queue.sla;
  const seconds = o.asyncSla === 'resolution' ? sla?.resolutionSeconds ?? sla?.firstResponseSeconds : sla?.firstResponseSeconds ?? sla?.resolutionSeconds;
  // Without an SLA nothing may wait: each interval's work is staffed in that interval.
  return { slaSeconds: seconds ?? 0, clock: sla?.clock ?? 'business', targetOccupancy: o.maxOccupancy };
}

export function toWorkloadIntervals(planned: readonly PlannedInterval[]): WorkloadInterval[] {
  return planned.map((p) => ({ start: p.start, minutes: p.minutes, arrivals: p.arrivals, handleSeconds: p.ahtSeconds, open: p.open }));
}

function summarize(intervals: readonly IntervalRecommendation[]): QueueRecommendation['summary'] {
  let arrivals = 0;
  let met = 0;
  let work = 0;
  let busy = 0;
  for (const i of intervals) {
    if (i.serviceLevel !== null && i.arrivals > 0) { arrivals += i.arrivals; met += i.serviceLevel * i.arrivals; }
    if (i.agents > 0) { work += i.agents * i.minutes; busy += i.occupancy * i.agents * i.minutes; }
  }
  return {
    agentHours: intervals.reduce((s, i) => s + (i.scheduledAgents * i.minutes) / 60, 0),
    peakScheduledAgents: intervals.reduce((m, i) => Math.max(m, i.scheduledAgents), 0),
    serviceLevel: arrivals > 0 ? met / arrivals : null,
    occupancy: work > 0 ? busy / work : null,
  };
}

/** One queue's recommendation. */
export function recommendQueue(queue: StaffingQueue, forecast: QueueForecastInput, aht: QueueAht | undefined, options: ResolvedOptions): QueueRecommendation {
  const { method, reason } = chooseMethod(queue, options.liveChannels);
  const planned = planIntervals(forecast, aht, options);
  const level = queue.serviceLevel ?? options.defaultServiceLevel;
  let intervals: IntervalRecommendation[];
  let target: QueueRecommendation['target'];
  if (method === 'erlang_c') {
    target = { serviceLevel: level.target, answerWithinSeconds: level.answerWithinSeconds, slaSeconds: null, clock: null, maxOccupancy: options.maxOccupancy, shrinkage: options.shrinkage };
    intervals = planned.map((p) => {
      const s = erlangCStaffing({ arrivals: p.arrivals, intervalSeconds: p.minutes * 60, ahtSeconds: p.ahtSeconds },
        { serviceLevel: level.target, answerWithinSeconds: level.answerWithinSeconds, maxOccupancy: options.maxOccupancy, shrinkage: options.shrinkage });
      return {
        start: p.start, minutes: p.minutes, arrivals: p.arrivals, p50: p.p50, p90: p.p90, ahtSeconds: p.ahtSeconds, ahtSource: p.ahtSource,
        agents: s.agents, scheduledAgents: s.scheduledAgents, serviceLevel: s.serviceLevel,
        asaSeconds: s.asaSeconds, probabilityOfWaiting: s.probabilityOfWaiting, occupancy: s.occupancy, backlogSeconds: null,
      };
    });
  } else {
    const wo = workloadOptionsFor(queue, options);
    target = { serviceLevel: null, answerWithinSeconds: null, slaSeconds: wo.slaSeconds, clock: wo.clock, maxOccupancy: options.maxOccupancy, shrinkage: options.shrinkage };
    const result = workloadStaffing(toWorkloadIntervals(planned), wo);
    intervals = planned.map((p, k) => {
      const r = result.intervals[k]!;
      return {
        start: p.start, minutes: p.minutes, arrivals: p.arrivals, p50: p.p50, p90: p.p90, ahtSeconds: p.ahtSeconds, ahtSource: p.ahtSource,
        agents: r.agents, scheduledAgents: withShrinkage(r.agents, options.shrinkage), serviceLevel: r.slaAttainment,
        asaSeconds: null, probabilityOfWaiting: null, occupancy: r.occupancy, backlogSeconds: r.backlog,
      };
    });
  }
  return {
    queueId: queue.id, queueName: queue.name ?? forecast.name ?? queue.id, zone: forecast.zone, model: forecast.model,
    method, reason, target, intervals, summary: summarize(intervals),
  };
}

/** The queue config for a forecast: its dispatch-rules queue, else one built from the forecast's match. */
export function queueFor(forecast: QueueForecastInput, queues: readonly StaffingQueue[]): StaffingQueue {
  return queues.find((q) => q.id === forecast.queueId)
    ?? { id: forecast.queueId, name: forecast.name ?? forecast.queueId, match: forecast.match ?? {}, serviceLevel: null, sla: null };
}

/** Recommendations for every forecast queue. */
export function recommendStaffing(input: RecommendInput): StaffingRecommendation {
  const options = resolveOptions(input.options);
  return {
    generatedAt: input.generatedAt ?? Date.now(),
    forecastRunId: input.forecastRunId ?? null,
    options,
    queues: input.forecasts.map((f) => recommendQueue(queueFor(f, input.queues), f, input.aht?.get(f.queueId), options)),
  };
}
