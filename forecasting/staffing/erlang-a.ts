// Erlang A (M/M/N+M): Erlang C with customer patience. A caller who waits longer than an
// exponential patience (mean `patienceSeconds`) hangs up, so the queue stays finite at any load;
// the metrics are exact, from the birth-death chain's stationary distribution (as pyworkforce's ErlangA).
import { agentLimit, erlangCStaffing, trafficIntensity, withShrinkage, type ErlangCInput, type ErlangCTarget } from './erlang-c.ts';

export interface ErlangAPerformance {
  traffic: number;
  agents: number;
  probabilityOfWaiting: number;
  /** Share of arrivals who hang up before being answered. */
  abandonment: number;
  /** Share of all arrivals answered within the target time (abandoned ones count as missed). */
  serviceLevel: number;
  /** Mean wait over all arrivals, seconds (queue length / arrival rate, Little's law). */
  asaSeconds: number;
  /** Answered work / agents: abandoned callers take no agent time. */
  occupancy: number;
}

export interface ErlangAStaffing extends ErlangAPerformance {
  scheduledAgents: number;
  boundBy: 'service-level' | 'occupancy' | 'no-traffic';
  /** The target needs more than maxAgents: `agents` is that limit and how it performs, a lower bound. */
  beyondLimit: boolean;
}

/** Tail mass below this share of the total ends the chain (and the tagged-customer walk). */
const NEGLIGIBLE = 1e-14;

/**
 * Stationary probabilities p[n] of n callers in the system: births at rate lambda, deaths at
 * min(n, N)·mu + max(n - N, 0)·theta. Grown until the tail is negligible; rescaled on the way so
 * heavy loads neither overflow nor underflow.
 */
function stationary(agents: number, lambda: number, mu: number, theta: number): Float64Array {
  // A typed array grown by doubling: a plain array's push made this loop most of a plan's time.
  let p = new Float64Array(Math.max(64, agents + 64));
  p[0] = 1;
  let total = 1;
  let n = 1;
  for (; ; n++) {
    if (n === p.length) {
      const grown = new Float64Array(p.length * 2);
      grown.set(p);
      p = grown;
    }
    const death = Math.min(n, agents) * mu + Math.max(n - agents, 0) * theta;
    const term = (p[n - 1]! * lambda) / death;
    p[n] = term;
    total += term;
    if (n > agents && term < NEGLIGIBLE * total) break;
    if (term > 1e250) {
      for (let k = 0; k <= n; k++) p[k]! /= 1e250;
      total /= 1e250;
    }
  }
  const result = p.subarray(0, n + 1);
  for (let k = 0; k <= n; k++) result[k]! /= total;
  return result;
}

/**
 * P(answered within t) for the callers who must wait, by uniformisation of the tagged caller's
 * walk: with j callers ahead it moves up at N·mu + j·theta (an agent frees or one ahead hangs up),
 * is answered from the head at N·mu, and hangs up itself at theta. All waiting callers start at
 * once (weighted by p), so one walk serves every queue position.
 */
function answeredWithinWhenWaiting(p: Float64Array, agents: number, mu: number, theta: number, t: number): number {
  const positions = p.length - agents;
  if (positions <= 0 || t <= 0) return 0;
  let dist = Float64Array.from({ length: positions }, (_, j) => p[agents + j]!);
  let next = new Float64Array(positions);
  const rate = agents * mu + positions * theta;
  const rt = rate * t;
  // Jumps by time t are Poisson(rt): past rt + 7 sd + 20 their mass is below 1e-11, beyond any service level shown.
  const steps = Math.ceil(rt + 7 * Math.sqrt(rt) + 20);
  let answered = 0;
  let logPoisson = -rt; // log P(k jumps by t), k = 0
  let result = 0;
  for (let k = 1; k <= steps; k++) {
    next.fill(0);
    let alive = 0;
    for (let j = 0; j < positions; j++) {
      const m = dist[j]!;
      if (m === 0) continue;
      const up = agents * mu + j * theta;
      if (j === 0) answered += (m * up) / rate;
      else next[j - 1]! += (m * up) / rate;
      const stay = (m * (rate - up - theta)) / rate;
      next[j]! += stay;
      alive += stay + (j > 0 ? (m * up) / rate : 0);
    }
    [dist, next] = [next, dist];
    logPoisson += Math.log(rt / k);
    result += Math.exp(logPoisson) * answered;
    if (alive < NEGLIGIBLE) {
      // Nothing left to answer: every later term adds the same mass times the Poisson tail.
      let tail = 0;
      let lp = logPoisson;
      for (let m = k + 1; m <= steps; m++) { lp += Math.log(rt / m); tail += Math.exp(lp); }
      return result + tail * answered;
    }
  }
  return result;
}

function validate(patienceSeconds: number): void {
  if (!(Number.isFinite(patienceSeconds) && patienceSeconds > 0)) {
    throw new RangeError(`patience must be a number of seconds above 0, e.g. 180; got ${patienceSeconds}`);
  }
}

/** How N agents perform on the load when callers hang up after `patienceSeconds` on average. */
export function erlangAPerformance(input: ErlangCInput, agents: number, answerWithinSeconds: number, patienceSeconds: number): ErlangAPerformance {
  validate(patienceSeconds);
  const traffic = trafficIntensity(input.arrivals, input.intervalSeconds, input.ahtSeconds);
  if (traffic === 0 || input.ahtSeconds === 0) {
    return { traffic, agents, probabilityOfWaiting: 0, abandonment: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
  }
  if (agents <= 0) {
    // Nobody answers: every caller waits until they hang up.
    return { traffic, agents, probabilityOfWaiting: 1, abandonment: 1, serviceLevel: 0, asaSeconds: patienceSeconds, occupancy: 0 };
  }
  const lambda = input.arrivals / input.intervalSeconds;
  const mu = 1 / input.ahtSeconds;
  const theta = 1 / patienceSeconds;
  const p = stationary(agents, lambda, mu, theta);
  let immediate = 0;
  let queueLength = 0;
  for (let n = 0; n < p.length; n++) {
    if (n < agents) immediate += p[n]!;
    else queueLength += (n - agents) * p[n]!;
  }
  const abandonment = Math.min(1, (theta * queueLength) / lambda);
  const answeredWithin = answerWithinSeconds > 0 ? answeredWithinWhenWaiting(p, agents, mu, theta, answerWithinSeconds) : 0;
  return {
    traffic, agents,
    probabilityOfWaiting: Math.max(0, 1 - immediate),
    abandonment,
    serviceLevel: Math.min(1, immediate + answeredWithin),
    asaSeconds: queueLength / lambda,
    occupancy: Math.min(1, (lambda * (1 - abandonment)) / (agents * mu)),
  };
}

/**
 * The smallest N meeting the service level and the occupancy cap, at most maxAgents. Both grow
 * with N, so the search starts at Erlang C's answer (O(N), and within a few agents: patience only
 * shortens the queue), gallops away from it until the answer is bracketed, then bisects: a few
 * evaluations of O(N) each.
 */
export function erlangAStaffing(input: ErlangCInput, target: ErlangCTarget & { patienceSeconds: number }): ErlangAStaffing {
  validate(target.patienceSeconds);
  if (!(target.serviceLevel > 0 && target.serviceLevel < 1)) {
    throw new RangeError(`service-level target must be a share between 0 and 1 (exclusive), e.g. 0.8; got ${target.serviceLevel}`);
  }
  const shrinkage = target.shrinkage ?? 0;
  const seen = new Map<number, ErlangAPerformance>();
  const perf = (n: number) => {
    let p = seen.get(n);
    if (!p) { p = erlangAPerformance(input, n, target.answerWithinSeconds, target.patienceSeconds); seen.set(n, p); }
    return p;
  };
  const traffic = trafficIntensity(input.arrivals, input.intervalSeconds, input.ahtSeconds);
  if (traffic === 0) return { ...perf(0), serviceLevel: 1, scheduledAgents: withShrinkage(0, shrinkage), boundBy: 'no-traffic', beyondLimit: false };
  const limit = agentLimit(target);
  const meets = (n: number) => {
    const x = perf(n);
    return x.serviceLevel >= target.serviceLevel && x.occupancy <= (target.maxOccupancy ?? 1) + 1e-12;
  };
  const answer = (n: number, beyondLimit: boolean): ErlangAStaffing => {
    const bySl = !beyondLimit && n > 1 && perf(n - 1).serviceLevel >= target.serviceLevel;
    return { ...perf(n), scheduledAgents: withShrinkage(n, shrinkage), boundBy: bySl ? 'occupancy' : 'service-level', beyondLimit };
  };
  const { serviceLevel, answerWithinSeconds, maxOccupancy } = target;
  const guess = Math.max(1, erlangCStaffing(input, { serviceLevel, answerWithinSeconds, ...(maxOccupancy !== undefined ? { maxOccupancy } : {}), maxAgents: limit }).agents);
  // low never meets the target (0 agents answer nobody), high does.
  let low: number;
  let high: number;
  if (meets(guess)) {
    high = guess;
    for (let step = 1; ; step *= 2) {
      low = Math.max(0, high - step);
      if (low === 0 || !meets(low)) break;
      high = low;
    }
  } else {
    low = guess;
    for (let step = 1; ; step *= 2) {
      if (low >= limit) return answer(limit, true);
      high = Math.min(limit, low + step);
      if (meets(high)) break;
      low = high;
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (meets(mid)) high = mid; else low = mid;
  }
  return answer(high, false);
}
