// The discrete-event simulation of queues over a grid of intervals: tickets arrive, the dispatch
// rules hand them to agents on duty (or they wait in their queue's line behind those waiting: calls
// oldest first, written tickets in the order the workload plan works them), each agent works one
// ticket at a time (its own assigned tickets first, then the first in line it may take), callers
// hang up after their patience, handled tickets may reopen; a queue whose calendar is closed routes
// nothing until it opens. Deterministic for the input's seed.
import { EventHeap } from './event-heap.ts';
import { RandomStream } from './random-stream.ts';
import { planningDeadlines } from '../staffing/workload.ts';
import { candidateAgents, chooseAgent, type FloorState } from './routing.ts';
import type { SimInput, SimIntervalTally, SimResult } from './simulation-model.ts';

const WAITING = 0;
const ASSIGNED = 1;
const IN_HAND = 2;
const DONE = 3;
const ABANDONED = 4;

interface Ticket {
  queue: number;
  arrival: number;
  region: string | null;
  live: boolean;
  /** Grid interval of the arrival; -1 for a reopen (work, not a new arrival). */
  interval: number;
  state: number;
}

// Event kinds.
const Kind = { Arrive: 0, Finish: 1, OnDuty: 2, OffDuty: 3, HangUp: 4, Opens: 5 } as const;
interface SimEvent { kind: number; index: number }

function emptyTally(): SimIntervalTally {
  return { arrivals: 0, judged: 0, metTarget: 0, abandoned: 0, waits: [], backlogAtEnd: 0, busySeconds: 0, staffedSeconds: 0 };
}

/**
 * Open seconds of each queue's calendar before each grid interval (null: no calendar, always open):
 * business-clock waits, and reply delays, which pass in open time.
 */
function openSecondsBefore(input: SimInput): (Float64Array | null)[] {
  const { grid } = input;
  return input.queues.map((q) => {
    if (!q.open) return null;
    const before = new Float64Array(grid.count + 1);
    for (let k = 0; k < grid.count; k++) before[k + 1] = before[k]! + (q.open[k] ? grid.intervalMs / 1000 : 0);
    return before;
  });
}

/**
 * Per queue, the instant each grid interval's written tickets are due as the workload plan works
 * them (its planning deadline: the SLA's, the night's and weekend's backlog over the next opening's
 * hours); null for a queue without a written-ticket target.
 */
function plannedDue(input: SimInput): (Float64Array | null)[] {
  const { grid } = input;
  const intervals = Array.from({ length: grid.count }, (_, k) => ({ start: grid.start + k * grid.intervalMs, minutes: grid.intervalMs / 60_000, arrivals: 0, handleSeconds: 0 }));
  return input.queues.map((q) => {
    const target = q.live ? q.asyncTargetWaitSeconds : q.targetWaitSeconds;
    if (target === null) return null;
    const open = intervals.map((iv, k) => ({ ...iv, open: q.open?.[k] ?? true }));
    const by = planningDeadlines(open, { slaSeconds: target, clock: q.businessClock ? 'business' : 'calendar' });
    return Float64Array.from(by, (d) => grid.start + (d + 1) * grid.intervalMs);
  });
}

/** The run, pausing (yielding) every 1,024 events so that a caller may give the event loop a turn. */
function* simulationSteps(input: SimInput): Generator<void, SimResult> {
  const { grid, queues, agents } = input;
  const end = grid.start + grid.count * grid.intervalMs;
  const nAgents = agents.length;
  const tallies = queues.map(() => Array.from({ length: grid.count }, emptyTally));
  const handled = queues.map(() => new Array<number>(nAgents).fill(0));
  const peakOpen = new Array<number>(nAgents).fill(0);
  const writtenWaits: number[][] = queues.map(() => []);
  const service = new RandomStream(input.seed, 1);
  const patience = new RandomStream(input.seed, 2);
  const reopening = new RandomStream(input.seed, 3);
  const lagging = new RandomStream(input.seed, 4);

  const candidates = queues.map((q) => candidateAgents(q, agents));
  const queuesOfAgent: number[][] = agents.map(() => []);
  candidates.forEach((list, q) => { for (const a of list) queuesOfAgent[a]!.push(q); });
  const cursors = queues.map(() => ({ at: 0 }));
  const floor: FloorState = {
    onDuty: new Uint8Array(nAgents), open: new Int32Array(nAgents), idleSince: new Float64Array(nAgents).fill(grid.start),
    region: agents.map((a) => a.region),
  };
  const inHand = new Int32Array(nAgents).fill(-1);
  const assigned: number[][] = agents.map(() => []);
  const lines = queues.map(() => new EventHeap<number>());
  const waiting = new Int32Array(queues.length);
  const tickets: Ticket[] = [];
  const events = new EventHeap<SimEvent>();
  const openBefore = openSecondsBefore(input);
  const dueBy = plannedDue(input);
  const span = Math.max(1, end - grid.start);
  let reopens = 0;

  const targetOf = (ticket: Ticket) => {
    const queue = queues[ticket.queue]!;
    return !ticket.live && queue.live ? queue.asyncTargetWaitSeconds : queue.targetWaitSeconds;
  };
  /**
   * A waiting ticket's place in line: a written one by when the plan works it (then oldest first),
   * as the workload plan orders its work; a call by its arrival.
   */
  const placeOf = (ticket: Ticket) => {
    const due = ticket.live ? null : dueBy[ticket.queue];
    return due ? due[intervalOf(ticket.arrival)]! + (ticket.arrival - grid.start) / span : ticket.arrival;
  };
  const intervalOf = (t: number) => Math.min(grid.count - 1, Math.max(0, Math.floor((t - grid.start) / grid.intervalMs)));
  /**
   * A queue routes no ticket while its calendar is closed (its callers and messages wait for the
   * opening), whoever is on duty: an agent of a later-closing team with its skills does not answer it.
   */
  const closed = (q: number, t: number) => queues[q]!.open?.[intervalOf(t)] === false;
  const businessAt = (q: number, t: number) => {
    const before = openBefore[q]!;
    const k = intervalOf(t);
    const into = Math.min(grid.intervalMs, Math.max(0, t - (grid.start + k * grid.intervalMs))) / 1000;
    return before[k]! + (queues[q]!.open![k] ? into : 0);
  };
  /** Open seconds from a ticket's arrival to `to` (calendar seconds for a queue always open). */
  const openWait = (ticket: Ticket, to: number) => (openBefore[ticket.queue]
    ? businessAt(ticket.queue, to) - businessAt(ticket.queue, ticket.arrival) : (to - ticket.arrival) / 1000);
  /** A ticket's wait until `to` in its target's clock: open time for a written ticket of a business-clock queue. */
  const waitSeconds = (ticket: Ticket, to: number) => (queues[ticket.queue]!.businessClock && !ticket.live
    ? openWait(ticket, to) : (to - ticket.arrival) / 1000);
  /** The instant `seconds` of queue q's open time after t (calendar time past the grid, or without a calendar). */
  const afterOpen = (q: number, t: number, seconds: number) => {
    const open = queues[q]!.open;
    let at = t;
    let left = seconds * 1000;
    if (open) {
      for (let k = intervalOf(t); left > 0 && at < end; k++) {
        const intervalEnd = grid.start + (k + 1) * grid.intervalMs;
        if (open[k]) {
          if (left <= intervalEnd - at) return at + left;
          left -= intervalEnd - at;
        }
        at = intervalEnd;
      }
    }
    return at + left;
  };

  /** Agent seconds over [from, to) added to a per-interval figure of queue q. */
  const spread = (q: number, from: number, to: number, add: (t: SimIntervalTally, seconds: number, k: number) => void) => {
    let t = Math.max(from, grid.start);
    const stop = Math.min(to, end);
    while (t < stop) {
      const k = intervalOf(t);
      const boundary = Math.min(stop, grid.start + (k + 1) * grid.intervalMs);
      add(tallies[q]![k]!, (boundary - t) / 1000, k);
      t = boundary;
    }
  };

  // A queue's openings: its idle agents on duty take the tickets that waited for it.
  queues.forEach((queue, q) => {
    queue.open?.forEach((open, k) => { if (open && k > 0 && !queue.open![k - 1]) events.push(grid.start + k * grid.intervalMs, { kind: Kind.Opens, index: q }); });
  });

  // Staffed time: each on-duty span, at the agent's pace, split evenly over the queues the agent is staffed for.
  agents.forEach((agent, a) => {
    const staffedFor = queues.flatMap((q, k) => (agent.queues.includes(q.id) ? [k] : []));
    for (const [from, to] of agent.shifts) {
      events.push(from, { kind: Kind.OnDuty, index: a });
      events.push(to, { kind: Kind.OffDuty, index: a });
      for (const q of staffedFor) spread(q, from, to, (tally, s, k) => { tally.staffedSeconds += (s * (agent.pace?.[k] ?? 1)) / staffedFor.length; });
    }
  });

  const start = (a: number, ticketIndex: number, now: number) => {
    const ticket = tickets[ticketIndex]!;
    const q = ticket.queue;
    const queue = queues[q]!;
    if (ticket.state === WAITING) floor.open[a]! += 1;
    peakOpen[a] = Math.max(peakOpen[a]!, floor.open[a]!);
    ticket.state = IN_HAND;
    inHand[a] = ticketIndex;
    waiting[q]! -= 1;
    handled[q]![a]! += 1;
    if (ticket.interval >= 0) {
      const tally = tallies[q]![ticket.interval]!;
      const queued = waitSeconds(ticket, now);
      if (!ticket.live) writtenWaits[q]!.push(openWait(ticket, now));
      // The reply goes out `lag` of open time (as the history measured it) after an agent takes the
      // ticket: a business clock counts that much more, the calendar the closed hours it spans too.
      const lag = !ticket.live && queue.responseLagSeconds ? queue.responseLagSeconds(lagging.uniform()) : 0;
      const wait = lag === 0 || queue.businessClock ? queued + lag : waitSeconds(ticket, afterOpen(q, now, lag));
      tally.waits.push(wait);
      const target = targetOf(ticket);
      if (target !== null) {
        tally.judged += 1;
        if (wait <= target) tally.metTarget += 1;
      }
    }
    const draw = ticket.interval < 0 && queue.reopenHandleSeconds ? queue.reopenHandleSeconds : queue.handleSeconds;
    const handle = Math.max(0, draw(service.uniform())) * 1000;
    const done = now + handle / ((queue.ticketTimeShare ?? 1) * (agents[a]!.pace?.[intervalOf(now)] ?? 1));
    // Busy is the ticket's own handle time: occupancy as the plan counts it.
    spread(q, now, now + handle, (tally, s) => { tally.busySeconds += s; });
    events.push(done, { kind: Kind.Finish, index: a });
  };

  const lineHead = (q: number) => {
    const line = lines[q]!;
    while (line.size > 0 && tickets[line.peek()!]!.state !== WAITING) line.pop();
    return line.peekTime();
  };

  /**
   * An idle agent on duty: its own assigned tickets first, else the first in the lines it may take.
   * Tickets waiting in line are taken one at a time: assigned ahead, each would wait behind the others.
   */
  const takeNext = (a: number, now: number) => {
    const own = assigned[a]!.shift();
    if (own !== undefined) { start(a, own, now); return; }
    let bestLine = -1;
    let bestPlace = Number.POSITIVE_INFINITY;
    for (const q of queuesOfAgent[a]!) {
      if (closed(q, now)) continue;
      const place = lineHead(q);
      if (place < bestPlace) { bestPlace = place; bestLine = q; }
    }
    if (bestLine >= 0) start(a, lines[bestLine]!.pop()!, now);
  };

  const dispatch = (ticketIndex: number, now: number) => {
    const ticket = tickets[ticketIndex]!;
    const q = ticket.queue;
    const place = placeOf(ticket);
    // Behind tickets already waiting before it: a new one does not jump the line; a closed queue routes nothing.
    const a = closed(q, now) || lineHead(q) <= place ? -1 : chooseAgent(queues[q]!, candidates[q]!, floor, ticket, cursors[q]!);
    if (a < 0) { lines[q]!.push(place, ticketIndex); return; }
    if (inHand[a]! < 0) { start(a, ticketIndex, now); return; }
    ticket.state = ASSIGNED;
    floor.open[a]! += 1;
    peakOpen[a] = Math.max(peakOpen[a]!, floor.open[a]!);
    assigned[a]!.push(ticketIndex);
  };

  const arrive = (ticketIndex: number, now: number) => {
    const ticket = tickets[ticketIndex]!;
    const queue = queues[ticket.queue]!;
    waiting[ticket.queue]! += 1;
    if (ticket.interval >= 0) tallies[ticket.queue]![ticket.interval]!.arrivals += 1;
    // A reopened ticket is work the team owes, not a caller in line: it does not hang up.
    if (ticket.live && queue.patienceSeconds !== null && ticket.interval >= 0) {
      events.push(now + patience.exponential(queue.patienceSeconds) * 1000, { kind: Kind.HangUp, index: ticketIndex });
    }
    dispatch(ticketIndex, now);
  };

  const finish = (a: number, now: number) => {
    const ticketIndex = inHand[a]!;
    const ticket = tickets[ticketIndex]!;
    const queue = queues[ticket.queue]!;
    ticket.state = DONE;
    inHand[a] = -1;
    floor.open[a]! -= 1;
    floor.idleSince[a] = now;
    // A ticket reopens once: the history's reopen work is all its work after the first resolution.
    if (ticket.interval >= 0 && queue.reopenRate > 0 && reopening.uniform() < queue.reopenRate) {
      const back = now + reopening.exponential(queue.reopenDelaySeconds) * 1000;
      if (back < end) {
        reopens += 1;
        tickets.push({ queue: ticket.queue, arrival: back, region: ticket.region, live: ticket.live, interval: -1, state: WAITING });
        events.push(back, { kind: Kind.Arrive, index: tickets.length - 1 });
      }
    }
    if (floor.onDuty[a] === 1) takeNext(a, now);
  };

  const offDuty = (a: number, now: number) => {
    floor.onDuty[a] = 0;
    // Assigned tickets not yet started go back to be routed again; the one in hand is finished.
    const back = assigned[a]!.splice(0);
    for (const ticketIndex of back) {
      tickets[ticketIndex]!.state = WAITING;
      floor.open[a]! -= 1;
    }
    for (const ticketIndex of back) dispatch(ticketIndex, now);
  };

  const hangUp = (ticketIndex: number) => {
    const ticket = tickets[ticketIndex]!;
    if (ticket.state !== WAITING) return;
    ticket.state = ABANDONED;
    waiting[ticket.queue]! -= 1;
    const tally = tallies[ticket.queue]![ticket.interval]!;
    tally.abandoned += 1;
    if (targetOf(ticket) !== null) tally.judged += 1;
  };

  let boundary = 0;
  const closeIntervalsUpTo = (t: number) => {
    while (boundary < grid.count && grid.start + (boundary + 1) * grid.intervalMs <= t) {
      for (let q = 0; q < queues.length; q++) tallies[q]![boundary]!.backlogAtEnd = waiting[q]!;
      boundary += 1;
    }
  };

  let next = 0;
  let steps = 0;
  const arrivals = input.arrivals;
  for (;;) {
    if ((++steps & 1023) === 0) yield;
    const arrivalAt = next < arrivals.length ? arrivals[next]!.at : Number.POSITIVE_INFINITY;
    const now = Math.min(arrivalAt, events.peekTime());
    if (!(now < end)) break;
    closeIntervalsUpTo(now);
    // Same time: duty changes and finishes before arrivals, so a shift's first caller finds its agents.
    if (events.peekTime() <= arrivalAt) {
      const e = events.pop()!;
      if (e.kind === Kind.Finish) finish(e.index, now);
      else if (e.kind === Kind.OnDuty) { floor.onDuty[e.index] = 1; floor.idleSince[e.index] = now; if (inHand[e.index]! < 0) takeNext(e.index, now); }
      else if (e.kind === Kind.OffDuty) offDuty(e.index, now);
      else if (e.kind === Kind.HangUp) hangUp(e.index);
      else if (e.kind === Kind.Opens) { for (const a of candidates[e.index]!) if (floor.onDuty[a] === 1 && inHand[a]! < 0) takeNext(a, now); }
      else arrive(e.index, now);
    } else {
      const a = arrivals[next++]!;
      tickets.push({ queue: a.queue, arrival: a.at, region: a.region, live: a.live ?? queues[a.queue]!.live, interval: a.reopen ? -1 : intervalOf(a.at), state: WAITING });
      arrive(tickets.length - 1, now);
    }
  }
  closeIntervalsUpTo(end);
  // Still waiting at the end and past the target: a miss already, its wait so far a lower bound.
  // Within the target the outcome is unknown: neither judged nor in the FRT.
  for (const ticket of tickets) {
    if (ticket.interval < 0 || (ticket.state !== WAITING && ticket.state !== ASSIGNED)) continue;
    const wait = waitSeconds(ticket, end);
    const target = targetOf(ticket);
    if (target === null || wait <= target) continue;
    const tally = tallies[ticket.queue]![ticket.interval]!;
    tally.waits.push(wait);
    tally.judged += 1;
  }
  return { tallies, handled, peakOpen, writtenWaits, reopens };
}

export function simulateQueues(input: SimInput): SimResult {
  const steps = simulationSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same run, giving the event loop a turn every `sliceMs` of work: a server answers other requests while it runs. */
export async function simulateQueuesYielding(input: SimInput, sliceMs = 10): Promise<SimResult> {
  const steps = simulationSteps(input);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}
