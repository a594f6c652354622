// Staffing per queue and interval from a forecast: Erlang C for live channels (phone, chat, or a
// queue with a service_level; Erlang A when it gives a patience), the workload model for async
// ones; AHT per queue and local hour. Feasible: from the next interval after now, nobody in closed
// hours, never more agents than the queue's head count (the rest is a shortfall).
import { DateTime } from 'luxon';
import type { QueueMatch } from '../series/queues.ts';
import { ahtFor, type AhtSource, type QueueAht } from './aht.ts';
import { erlangAPerformance, erlangAStaffing } from './erlang-a.ts';
import { erlangCPerformance, erlangCStaffing, MAX_AGENTS_SEARCHED, withShrinkage } from './erlang-c.ts';
import type { Headcount } from './headcount.ts';
import { drainCarriedWork, holdingAtOpening } from './live-carry-over.ts';
import { workloadStaffing, type WorkloadInterval, type WorkloadOptions } from './workload.ts';

export const LIVE_CHANNELS = ['phone', 'chat'] as const;

/** What the recommendation needs of a queue; a dispatch-rules queue (readDispatchRules) fits as is. */
export interface StaffingQueue {
  id: string;
  name?: string;
  match: QueueMatch;
  serviceLevel: { target: number; answerWithinSeconds: number; patienceSeconds?: number } | null;
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
  /** Working agents searched at most per live interval (default MAX_AGENTS_SEARCHED); beyond, "more than". */
  maxAgentsSearched?: number;
}

export type StaffingMethod = 'erlang_c' | 'erlang_a' | 'workload';

export interface IntervalRecommendation {
  start: number;
  minutes: number;
  /** Arrivals staffed for (the basis quantile), and the forecast's p50 / p90. */
  arrivals: number;
  p50: number;
  p90: number;
  ahtSeconds: number;
  ahtSource: AhtSource;
  /** False outside the queue's calendar hours: nobody is scheduled. */
  open: boolean;
  /** Agents working (before shrinkage) and to schedule (after); scheduled never exceeds the head count. */
  agents: number;
  scheduledAgents: number;
  /** Agents to schedule that the target needs, and how many of them the head count lacks. */
  requiredAgents: number;
  /** The target needs more than the agents searched: requiredAgents is a lower bound ("more than"). */
  requiredIsLowerBound: boolean;
  shortfall: number;
  /** Erlang C: P(wait <= T); workload: share of arrivals handled within the SLA (null if not known in the horizon). */
  serviceLevel: number | null;
  asaSeconds: number | null;
  probabilityOfWaiting: number | null;
  /** Erlang A: share of callers who hang up. */
  abandonment: number | null;
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
    /** Erlang A: mean patience of callers, seconds. */
    patienceSeconds: number | null;
  };
  /** People the queue has (null: unknown, no cap), and how they were counted. */
  headcount: Headcount | null;
  /** First interval planned (the next after now), epoch ms; null when nothing is left to plan. */
  planStart: number | null;
  intervals: IntervalRecommendation[];
  summary: {
    /** Scheduled agent-hours over the horizon. */
    agentHours: number;
    peakScheduledAgents: number;
    peakRequiredAgents: number;
    /** peakRequiredAgents is a lower bound: the target needs more agents than were searched. */
    peakRequiredIsLowerBound: boolean;
    /** The interval short of the most agents, with the service level the agents available give there. */
    peakShortfall: { start: number; agents: number; requiredAgents: number; scheduledAgents: number; serviceLevel: number | null } | null;
    /** Agent-hours the target needs beyond the head count, and open intervals short of agents. */
    shortfallAgentHours: number;
    intervalsShort: number;
    /** Arrival-weighted service level / SLA attainment. */
    serviceLevel: number | null;
    /** Work-weighted occupancy. */
    occupancy: number | null;
  };
}

export interface StaffingRecommendation {
  generatedAt: number;
  /** The "now" the plan starts after. */
  now: number | null;
  forecastRunId: number | null;
  /** How agents shared by several queues are counted, in both languages. */
  pooling: { en: string; zh: string };
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
  /** The plan starts at the first interval at or after this (epoch ms); absent: the whole forecast. */
  now?: number;
  /** People per queue id (readHeadcount); a queue without one is not capped. */
  headcount?: ReadonlyMap<string, Headcount>;
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
    maxAgentsSearched: o.maxAgentsSearched ?? MAX_AGENTS_SEARCHED,
  };
  if (!(resolved.shrinkage >= 0 && resolved.shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), e.g. 0.3; got ${resolved.shrinkage}`);
  if (!(resolved.maxOccupancy > 0 && resolved.maxOccupancy <= 1)) throw new RangeError(`maximum occupancy must be in (0, 1], e.g. 0.85; got ${resolved.maxOccupancy}`);
  if (!(resolved.defaultAhtSeconds > 0)) throw new RangeError(`default AHT must be above 0 seconds, got ${resolved.defaultAhtSeconds}`);
  if (resolved.ahtSeconds !== null && !(resolved.ahtSeconds > 0)) throw new RangeError(`AHT must be above 0 seconds, got ${resolved.ahtSeconds}`);
  if (!(resolved.ahtMultiplier > 0)) throw new RangeError(`AHT multiplier must be above 0, got ${resolved.ahtMultiplier}`);
  if (!(resolved.maxAgentsSearched >= 1)) throw new RangeError(`agents searched must be at least 1, got ${resolved.maxAgentsSearched}`);
  return resolved;
}

/** Erlang C / A or workload, and why: live channels queue callers who hang up; async tickets can wait. */
export function chooseMethod(queue: StaffingQueue, liveChannels: readonly string[]): { method: StaffingMethod; reason: string } {
  const channels = queue.match.channel ?? [];
  const live = channels.filter((c) => liveChannels.includes(c.toLowerCase()));
  if (queue.serviceLevel) {
    const sl = `service_level set (${Math.round(queue.serviceLevel.target * 100)}% within ${queue.serviceLevel.answerWithinSeconds}s)`;
    return queue.serviceLevel.patienceSeconds
      ? { method: 'erlang_a', reason: `${sl} with callers hanging up after ${queue.serviceLevel.patienceSeconds}s on average: answered live, Erlang A` }
      : { method: 'erlang_c', reason: `${sl}: answered live, Erlang C` };
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

const HOUR = 3_600_000;
const offsets = new Map<string, number | null>();

/**
 * The zone's UTC offset (minutes) throughout the UTC hour holding `ms`, null when it changes within
 * it. Cached: luxon's zone lookup was a tenth of a staffing plan's time (one call per interval).
 */
function hourOffset(zone: string, ms: number): number | null {
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  const key = `${zone}|${hourStart}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    const at = (t: number) => DateTime.fromMillis(t, { zone }).offset;
    const first = at(hourStart);
    offset = first === at(hourStart + HOUR - 1) ? first : null;
    offsets.set(key, offset);
  }
  return offset;
}

/** The local hour of `ms` in `zone`. */
export function localHour(ms: number, zone: string): number {
  const offset = hourOffset(zone, ms);
  if (offset === null) return DateTime.fromMillis(ms, { zone }).hour;
  return ((Math.floor((ms + offset * 60_000) / HOUR) % 24) + 24) % 24;
}

/** Per-interval inputs: arrivals of the basis quantile and the AHT of the interval's local hour. */
export function planIntervals(forecast: QueueForecastInput, aht: QueueAht | undefined, o: ResolvedOptions) {
  return forecast.intervals.map((p) => {
    const start = toMillis(p.start, forecast.queueId);
    const hour = p.minutes >= 1440 ? null : localHour(start, forecast.zone);
    const fromHistory = ahtFor(aht, hour, o.defaultAhtSeconds);
    const base = o.ahtSeconds !== null ? { seconds: o.ahtSeconds, source: 'override' as const } : fromHistory;
    return {
      start, minutes: p.minutes, arrivals: Math.max(0, p[o.basis]), p50: p.p50, p90: p.p90,
      ahtSeconds: base.seconds * o.ahtMultiplier, ahtSource: base.source, open: p.inCalendarHours !== false,
    };
  });
}

export type PlannedInterval = ReturnType<typeof planIntervals>[number];

/**
 * The intervals to plan: from the first one starting at or after `now`. A forecast that lies wholly
 * before `now` (a warehouse whose data stopped long ago) is planned whole, so it can still be read.
 */
export function fromNow<T extends { start: number }>(intervals: readonly T[], now: number | undefined): T[] {
  if (now === undefined) return [...intervals];
  const first = intervals.findIndex((i) => i.start >= now);
  return first < 0 ? [...intervals] : intervals.slice(first);
}

/** The queue's planned intervals: from now, with arrivals and AHT. */
export function queuePlan(forecast: QueueForecastInput, aht: QueueAht | undefined, o: ResolvedOptions, now: number | undefined): PlannedInterval[] {
  return fromNow(planIntervals(forecast, aht, o), now);
}

export function workloadOptionsFor(queue: StaffingQueue, o: ResolvedOptions): WorkloadOptions {
  const sla = queue.sla;
  const seconds = o.asyncSla === 'resolution' ? sla?.resolutionSeconds ?? sla?.firstResponseSeconds : sla?.firstResponseSeconds ?? sla?.resolutionSeconds;
  // Without an SLA nothing may wait: each interval's work is staffed in that interval.
  return { slaSeconds: seconds ?? 0, clock: sla?.clock ?? 'business', targetOccupancy: o.maxOccupancy };
}

export function toWorkloadIntervals(planned: readonly PlannedInterval[]): WorkloadInterval[] {
  return planned.map((p) => ({ start: p.start, minutes: p.minutes, arrivals: p.arrivals, handleSeconds: p.ahtSeconds, open: p.open }));
}

/**
 * Whole people to schedule at most (Infinity without a head count), and the agents they put on the
 * floor: fractional (5 people at 30% shrinkage work 3.5 agents' worth of async work; Erlang C / A
 * take the whole 3).
 */
export function capacityOf(headcount: Headcount | null, shrinkage: number): { scheduled: number; working: number } {
  if (!headcount) return { scheduled: Number.POSITIVE_INFINITY, working: Number.POSITIVE_INFINITY };
  const scheduled = Math.floor(headcount.agents + 1e-9);
  return { scheduled, working: scheduled * (1 - shrinkage) };
}

/** How N working agents do on a live interval: Erlang A with a patience, else Erlang C. */
export function livePerformance(p: Pick<PlannedInterval, 'arrivals' | 'minutes' | 'ahtSeconds'>, agents: number,
  level: { answerWithinSeconds: number; patienceSeconds?: number | undefined }) {
  const input = { arrivals: p.arrivals, intervalSeconds: p.minutes * 60, ahtSeconds: p.ahtSeconds };
  if (level.patienceSeconds) return erlangAPerformance(input, agents, level.answerWithinSeconds, level.patienceSeconds);
  return { ...erlangCPerformance(input, agents, level.answerWithinSeconds), abandonment: null };
}

function closedInterval(p: PlannedInterval): IntervalRecommendation {
  return {
    start: p.start, minutes: p.minutes, arrivals: p.arrivals, p50: p.p50, p90: p.p90, ahtSeconds: p.ahtSeconds, ahtSource: p.ahtSource,
    open: false, agents: 0, scheduledAgents: 0, requiredAgents: 0, requiredIsLowerBound: false, shortfall: 0, serviceLevel: null, asaSeconds: null,
    probabilityOfWaiting: null, abandonment: null, occupancy: 0, backlogSeconds: null,
  };
}

/**
 * A live interval: the agents the target needs, or as many as the head count has and how they do.
 * Callers still waiting from closed hours (`carriedSeconds` of work) are answered first: the interval
 * gets the agents to work them off in it at the target occupancy, and its own callers who wait past
 * the target behind them count as missed (live-carry-over.ts).
 */
function liveInterval(p: PlannedInterval, level: { target: number; answerWithinSeconds: number; patienceSeconds?: number },
  o: ResolvedOptions, cap: { scheduled: number; working: number }, carriedSeconds: number, requiredUncapped: number | null): { interval: IntervalRecommendation; carriedOutSeconds: number } {
  const intervalSeconds = p.minutes * 60;
  const input = { arrivals: p.arrivals, intervalSeconds, ahtSeconds: p.ahtSeconds };
  const target = {
    serviceLevel: level.target, answerWithinSeconds: level.answerWithinSeconds, maxOccupancy: o.maxOccupancy, shrinkage: o.shrinkage,
    maxAgents: o.maxAgentsSearched,
  };
  const need = level.patienceSeconds
    ? erlangAStaffing(input, { ...target, patienceSeconds: level.patienceSeconds })
    : { ...erlangCStaffing(input, target), abandonment: null };
  const forCarried = carriedSeconds > 0 ? Math.ceil(carriedSeconds / (intervalSeconds * o.maxOccupancy) - 1e-9) : 0;
  const wanted = withShrinkage(need.agents + forCarried, o.shrinkage);
  const short = wanted > cap.scheduled;
  const agents = short ? Math.floor(cap.working + 1e-9) : need.agents + forCarried;
  // What the target needs had every interval been staffed as needed: a backlog the head count left does not compound.
  const requiredAgents = requiredUncapped ?? wanted;
  const perf = agents === need.agents ? need : livePerformance(p, agents, level);
  const drain = drainCarriedWork(carriedSeconds, agents, (p.arrivals * p.ahtSeconds) / intervalSeconds, intervalSeconds, level.answerWithinSeconds);
  const interval: IntervalRecommendation = {
    start: p.start, minutes: p.minutes, arrivals: p.arrivals, p50: p.p50, p90: p.p90, ahtSeconds: p.ahtSeconds, ahtSource: p.ahtSource,
    open: true, agents, scheduledAgents: short ? cap.scheduled : wanted, requiredAgents,
    requiredIsLowerBound: need.beyondLimit,
    shortfall: Math.max(0, requiredAgents - (short ? cap.scheduled : wanted)), serviceLevel: perf.serviceLevel * (1 - drain.missedShare),
    asaSeconds: Number.isFinite(perf.asaSeconds) ? perf.asaSeconds : null, probabilityOfWaiting: perf.probabilityOfWaiting,
    abandonment: perf.abandonment,
    occupancy: agents > 0 ? Math.min(1, perf.occupancy + drain.doneSeconds / (agents * intervalSeconds)) : perf.occupancy,
    backlogSeconds: drain.carriedOutSeconds,
  };
  return { interval, carriedOutSeconds: drain.carriedOutSeconds };
}

/**
 * A live queue's intervals in order. A closed interval's callers wait for the opening: they have
 * missed the target (service level 0, as the simulation judges them; those arriving within the
 * answer time of the opening are too few to count), and the ones still holding then are carried.
 */
function liveIntervals(planned: readonly PlannedInterval[], level: { target: number; answerWithinSeconds: number; patienceSeconds?: number },
  o: ResolvedOptions, cap: { scheduled: number; working: number }, needed: readonly IntervalRecommendation[] | null = null): IntervalRecommendation[] {
  const opensAt: (number | null)[] = new Array(planned.length).fill(null);
  for (let k = planned.length - 2; k >= 0; k--) opensAt[k] = planned[k + 1]!.open ? planned[k + 1]!.start : opensAt[k + 1]!;
  let carried = 0;
  return planned.map((p, k) => {
    if (p.open) {
      const { interval, carriedOutSeconds } = liveInterval(p, level, o, cap, carried, needed?.[k]?.requiredAgents ?? null);
      carried = carriedOutSeconds;
      return interval;
    }
    const opening = opensAt[k] ?? null;
    const end = p.start + p.minutes * 60_000;
    // Past the horizon's last opening nobody is answered in the plan: all still holding.
    const holding = opening === null ? 1 : holdingAtOpening(p.minutes * 60, (opening - end) / 1000, level.patienceSeconds);
    carried += p.arrivals * holding * p.ahtSeconds;
    return {
      ...closedInterval(p), serviceLevel: p.arrivals > 0 ? 0 : null,
      abandonment: level.patienceSeconds && p.arrivals > 0 ? 1 - holding : null, backlogSeconds: carried,
    };
  });
}

function summarize(intervals: readonly IntervalRecommendation[]): QueueRecommendation['summary'] {
  let arrivals = 0;
  let met = 0;
  let work = 0;
  let busy = 0;
  let peakShortfall: QueueRecommendation['summary']['peakShortfall'] = null;
  for (const i of intervals) {
    if (i.serviceLevel !== null && i.arrivals > 0) { arrivals += i.arrivals; met += i.serviceLevel * i.arrivals; }
    if (i.agents > 0) { work += i.agents * i.minutes; busy += i.occupancy * i.agents * i.minutes; }
    if (i.shortfall > 0 && (!peakShortfall || i.shortfall > peakShortfall.agents)) {
      peakShortfall = { start: i.start, agents: i.shortfall, requiredAgents: i.requiredAgents, scheduledAgents: i.scheduledAgents, serviceLevel: i.serviceLevel };
    }
  }
  return {
    agentHours: intervals.reduce((s, i) => s + (i.scheduledAgents * i.minutes) / 60, 0),
    peakScheduledAgents: intervals.reduce((m, i) => Math.max(m, i.scheduledAgents), 0),
    peakRequiredAgents: intervals.reduce((m, i) => Math.max(m, i.requiredAgents), 0),
    peakRequiredIsLowerBound: intervals.some((i) => i.requiredIsLowerBound),
    peakShortfall,
    shortfallAgentHours: intervals.reduce((s, i) => s + (i.shortfall * i.minutes) / 60, 0),
    intervalsShort: intervals.filter((i) => i.shortfall > 0).length,
    serviceLevel: arrivals > 0 ? met / arrivals : null,
    occupancy: work > 0 ? busy / work : null,
  };
}

/** One queue's recommendation: from `now`, capped by its head count (null: no cap). */
export function recommendQueue(queue: StaffingQueue, forecast: QueueForecastInput, aht: QueueAht | undefined, options: ResolvedOptions,
  headcount: Headcount | null = null, now?: number): QueueRecommendation {
  const { method, reason } = chooseMethod(queue, options.liveChannels);
  const planned = queuePlan(forecast, aht, options, now);
  const cap = capacityOf(headcount, options.shrinkage);
  let intervals: IntervalRecommendation[];
  let target: QueueRecommendation['target'];
  if (method !== 'workload') {
    const level: NonNullable<StaffingQueue['serviceLevel']> = queue.serviceLevel ?? options.defaultServiceLevel;
    target = {
      serviceLevel: level.target, answerWithinSeconds: level.answerWithinSeconds, slaSeconds: null, clock: null,
      maxOccupancy: options.maxOccupancy, shrinkage: options.shrinkage, patienceSeconds: level.patienceSeconds ?? null,
    };
    // The agents the target needs with every interval staffed as needed, then what the head count does.
    const needed = liveIntervals(planned, level, options, capacityOf(null, options.shrinkage));
    intervals = Number.isFinite(cap.scheduled) ? liveIntervals(planned, level, options, cap, needed) : needed;
  } else {
    const wo = workloadOptionsFor(queue, options);
    target = { serviceLevel: null, answerWithinSeconds: null, slaSeconds: wo.slaSeconds, clock: wo.clock, maxOccupancy: options.maxOccupancy, shrinkage: options.shrinkage, patienceSeconds: null };
    const work = toWorkloadIntervals(planned);
    // What the SLA needs had every interval been staffed as needed (shortfalls do not compound),
    // and what the head count can do: its agents, backlog and SLA attainment.
    const needed = workloadStaffing(work, wo);
    const result = Number.isFinite(cap.working) ? workloadStaffing(work, wo, cap.working) : needed;
    // Tickets may wait up to their SLA, so a head count below an interval's steady need can still meet
    // every deadline by working the backlog in quieter hours: then nobody is missing.
    const headcountMeetsSla = result.slaAttainment === null || result.slaAttainment >= 1 - 1e-9;
    intervals = planned.map((p, k) => {
      // Closed: nobody works, but its arrivals are tickets with the SLA too; the plan's service level counts them.
      if (!p.open) return { ...closedInterval(p), backlogSeconds: result.intervals[k]!.backlog, serviceLevel: result.intervals[k]!.slaAttainment };
      const r = result.intervals[k]!;
      // At the cap every person is scheduled; the work done is the capacity they give (whole agents shown).
      const atCap = r.agents >= cap.working - 1e-9;
      const scheduledAgents = atCap ? cap.scheduled : withShrinkage(r.agents, options.shrinkage);
      const steadyNeed = withShrinkage(needed.intervals[k]!.agents, options.shrinkage);
      const requiredAgents = headcountMeetsSla ? Math.min(steadyNeed, scheduledAgents) : steadyNeed;
      return {
        start: p.start, minutes: p.minutes, arrivals: p.arrivals, p50: p.p50, p90: p.p90, ahtSeconds: p.ahtSeconds, ahtSource: p.ahtSource,
        open: true, agents: Math.floor(r.agents + 1e-9), scheduledAgents, requiredAgents, requiredIsLowerBound: false, shortfall: Math.max(0, requiredAgents - scheduledAgents),
        serviceLevel: r.slaAttainment, asaSeconds: null, probabilityOfWaiting: null, abandonment: null, occupancy: r.occupancy, backlogSeconds: r.backlog,
      };
    });
  }
  return {
    queueId: queue.id, queueName: queue.name ?? forecast.name ?? queue.id, zone: forecast.zone, model: forecast.model,
    method, reason, target, headcount, planStart: intervals[0]?.start ?? null, intervals, summary: summarize(intervals),
  };
}

/** The queue config for a forecast: its dispatch-rules queue, else one built from the forecast's match. */
export function queueFor(forecast: QueueForecastInput, queues: readonly StaffingQueue[]): StaffingQueue {
  return queues.find((q) => q.id === forecast.queueId)
    ?? { id: forecast.queueId, name: forecast.name ?? forecast.queueId, match: forecast.match ?? {}, serviceLevel: null, sla: null };
}

export const POOLING = {
  en: 'Each agent counts once: an agent who works several teams is split over them by their share of handle time in the last 4 weeks ' +
    '(teams under 10% of their time left out), unless the config gives the team a headcount.',
  zh: '每名坐席只计一次: 服务多个团队的坐席按近 4 周处理时长占比分摊到各团队 (占比低于 10% 的团队不计); 配置中给出团队人数的团队以配置为准。',
};

/** Recommendations for every forecast queue. */
export function recommendStaffing(input: RecommendInput): StaffingRecommendation {
  const options = resolveOptions(input.options);
  return {
    generatedAt: input.generatedAt ?? Date.now(),
    now: input.now ?? null,
    forecastRunId: input.forecastRunId ?? null,
    pooling: POOLING,
    options,
    queues: input.forecasts.map((f) => recommendQueue(queueFor(f, input.queues), f, input.aht?.get(f.queueId), options,
      input.headcount?.get(f.queueId) ?? null, input.now)),
  };
}
