// Erlang C (M/M/N queue) for live channels: probability of waiting, service level, ASA and
// occupancy of N agents, and the smallest N that meets a service-level target and a maximum occupancy.

/** A = arrivals x AHT / interval: the offered load in Erlangs (agents busy on average). */
export function trafficIntensity(arrivals: number, intervalSeconds: number, ahtSeconds: number): number {
  requireFinite('arrivals', arrivals, 0);
  requireFinite('interval', intervalSeconds, Number.MIN_VALUE);
  requireFinite('AHT', ahtSeconds, 0);
  return (arrivals * ahtSeconds) / intervalSeconds;
}

function requireFinite(what: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`${what} must be a finite number >= ${min === Number.MIN_VALUE ? 'just above 0' : min}, got ${value}`);
  }
}

/**
 * Erlang B (blocking probability) by the recursion B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)).
 * Every step stays in [0, 1], so unlike A^N / N! it neither overflows nor loses precision for
 * hundreds or thousands of agents.
 */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Erlang C from Erlang B of the same N: C = N·B / (N - A·(1 - B)). */
function erlangCFromB(agents: number, traffic: number, b: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Probability that an arrival waits at all (1 when N <= A: the queue grows without bound). */
export function erlangC(agents: number, traffic: number): number {
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

/** P(wait <= T) = 1 - C·e^{-(N - A)·T / AHT}; 0 when N <= A (the wait is unbounded). */
export function serviceLevel(agents: number, traffic: number, ahtSeconds: number, withinSeconds: number): number {
  return serviceLevelFromC(erlangC(agents, traffic), agents, traffic, ahtSeconds, withinSeconds);
}

function serviceLevelFromC(c: number, agents: number, traffic: number, ahtSeconds: number, withinSeconds: number): number {
  if (traffic <= 0) return 1;
  if (agents <= traffic) return 0;
  if (ahtSeconds <= 0) return 1;
  return 1 - c * Math.exp((-(agents - traffic) * withinSeconds) / ahtSeconds);
}

/** Average speed of answer, ASA = C·AHT / (N - A), in seconds; Infinity when N <= A. */
export function averageSpeedOfAnswer(agents: number, traffic: number, ahtSeconds: number): number {
  return asaFromC(erlangC(agents, traffic), agents, traffic, ahtSeconds);
}

function asaFromC(c: number, agents: number, traffic: number, ahtSeconds: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return Number.POSITIVE_INFINITY;
  return (c * ahtSeconds) / (agents - traffic);
}

/** Share of the agents' time spent handling: A / N, capped at 1 (an overloaded queue is 100% busy). */
export function occupancy(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= 0) return 1;
  return Math.min(1, traffic / agents);
}

export interface ErlangCInput {
  arrivals: number;
  intervalSeconds: number;
  ahtSeconds: number;
}

/**
 * Working agents a plan searches at most on one queue and interval: every team DeskPulse plans for
 * is far smaller, and beyond it the answer is "more than" this (beyondLimit), so a what-if at the
 * bounds (10x volume, 4 h AHT) costs the same as an ordinary plan.
 */
export const MAX_AGENTS_SEARCHED = 1000;

export interface ErlangCTarget {
  /** Share answered within `answerWithinSeconds`, e.g. 0.8. */
  serviceLevel: number;
  answerWithinSeconds: number;
  /** Highest acceptable A/N (default 1: only N > A). */
  maxOccupancy?: number;
  /** Share of paid time not on the phones (breaks, training, absence), e.g. 0.3 (default 0). */
  shrinkage?: number;
  /** Working agents searched at most (default: no limit); beyond it the staffing says beyondLimit. */
  maxAgents?: number;
}

export interface ErlangCPerformance {
  traffic: number;
  agents: number;
  probabilityOfWaiting: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
}

export interface ErlangCStaffing extends ErlangCPerformance {
  /** Agents to schedule so that `agents` are on the floor: agents / (1 - shrinkage), rounded up. */
  scheduledAgents: number;
  /** Which constraint set `agents`: the service level, the occupancy cap, or no traffic at all. */
  boundBy: 'service-level' | 'occupancy' | 'no-traffic';
  /** The target needs more than maxAgents: `agents` is that limit and how it performs, a lower bound. */
  beyondLimit: boolean;
}

/** How N agents perform on the given load. */
export function erlangCPerformance(input: ErlangCInput, agents: number, answerWithinSeconds: number): ErlangCPerformance {
  const traffic = trafficIntensity(input.arrivals, input.intervalSeconds, input.ahtSeconds);
  const c = erlangC(agents, traffic);
  return {
    traffic,
    agents,
    probabilityOfWaiting: c,
    serviceLevel: serviceLevelFromC(c, agents, traffic, input.ahtSeconds, answerWithinSeconds),
    asaSeconds: asaFromC(c, agents, traffic, input.ahtSeconds),
    occupancy: occupancy(agents, traffic),
  };
}

/** Agents to schedule for `onFloor` working agents: divided by (1 - shrinkage), rounded up. */
export function withShrinkage(onFloor: number, shrinkage: number): number {
  if (!(shrinkage >= 0 && shrinkage < 1)) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  // The epsilon keeps 14 / (1 - 0.3) = 20.000000000000004 at 20.
  return Math.max(0, Math.ceil(onFloor / (1 - shrinkage) - 1e-9));
}

function validateTarget(t: ErlangCTarget): void {
  if (!(t.serviceLevel > 0 && t.serviceLevel < 1)) {
    throw new RangeError(`service-level target must be a share between 0 and 1 (exclusive), e.g. 0.8; got ${t.serviceLevel}`);
  }
  requireFinite('answer-within time', t.answerWithinSeconds, 0);
  if (t.maxOccupancy !== undefined && !(t.maxOccupancy > 0 && t.maxOccupancy <= 1)) {
    throw new RangeError(`maximum occupancy must be in (0, 1], e.g. 0.85; got ${t.maxOccupancy}`);
  }
  if (t.maxAgents !== undefined && !(t.maxAgents >= 1)) throw new RangeError(`agents searched must be at least 1, got ${t.maxAgents}`);
}

/** The most working agents `t` lets a search try. */
export function agentLimit(t: Pick<ErlangCTarget, 'maxAgents'>): number {
  return t.maxAgents === undefined ? Number.POSITIVE_INFINITY : Math.floor(t.maxAgents);
}

/**
 * The smallest N with service level >= target and A/N <= max occupancy. Erlang B is carried
 * forward one agent at a time, so the search costs O(N) in all rather than O(N) per candidate,
 * and N stops at maxAgents (beyondLimit).
 */
export function erlangCStaffing(input: ErlangCInput, target: ErlangCTarget): ErlangCStaffing {
  validateTarget(target);
  const shrinkage = target.shrinkage ?? 0;
  const traffic = trafficIntensity(input.arrivals, input.intervalSeconds, input.ahtSeconds);
  if (traffic === 0) {
    return {
      ...erlangCPerformance(input, 0, target.answerWithinSeconds), scheduledAgents: withShrinkage(0, shrinkage), boundBy: 'no-traffic', beyondLimit: false,
    };
  }
  const limit = agentLimit(target);
  // The occupancy cap needs N >= A / max occupancy (the epsilon keeps 8.5 / 0.85 at 10).
  const byOccupancy = Math.ceil(traffic / (target.maxOccupancy ?? 1) - 1e-9);
  let b = 1;
  let n = 0;
  let bySl: number | null = null;
  for (;;) {
    n += 1;
    b = (traffic * b) / (n + traffic * b);
    if (n <= traffic && n < limit) continue;
    const c = erlangCFromB(n, traffic, b);
    const sl = serviceLevelFromC(c, n, traffic, input.ahtSeconds, target.answerWithinSeconds);
    if (bySl === null && sl >= target.serviceLevel) bySl = n;
    const met = bySl !== null && n >= byOccupancy;
    if (met || n >= limit) {
      return {
        traffic, agents: n, probabilityOfWaiting: c, serviceLevel: sl,
        asaSeconds: asaFromC(c, n, traffic, input.ahtSeconds), occupancy: occupancy(n, traffic),
        scheduledAgents: withShrinkage(n, shrinkage),
        boundBy: bySl !== null && n > bySl ? 'occupancy' : 'service-level',
        beyondLimit: !met,
      };
    }
  }
}
