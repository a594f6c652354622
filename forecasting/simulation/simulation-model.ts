// What the queue simulation takes and gives: queues with their dispatch rule, agents with skills and
// shifts, arrivals, and per queue and interval the tallies the reports are made of. Times are epoch ms.
import type { STRATEGIES } from '../dispatch-rules/read-dispatch-rules.ts';

export type Strategy = (typeof STRATEGIES)[number];

export interface SimQueue {
  id: string;
  /** round_robin rotates over the queue's agents, least_loaded takes the one holding fewest tickets, skill_match any agent with the skills. */
  strategy: Strategy;
  skills: readonly string[];
  /** Prefer an agent of the ticket's region (any agent when none is free). */
  regionAffinity: boolean;
  /** Tickets an agent may hold at once (assigned and not yet worked); live queues answer only idle agents. */
  maxOpenPerAgent: number;
  /** Phone / chat: a caller is answered by an idle agent or waits in line (and may hang up). */
  live: boolean;
  /** Mean patience of callers (exponential), seconds; null: nobody hangs up. */
  patienceSeconds: number | null;
  /** A wait up to this many seconds meets the target (live: answer within; async: first-response SLA); null: no target. */
  targetWaitSeconds: number | null;
  /** The target of the queue's written (async) tickets when the queue itself is live: its first-response SLA. */
  asyncTargetWaitSeconds: number | null;
  /**
   * Written tickets: the delay of the first reply that is not waiting for an agent (routing, reading,
   * the team's habits), in open time of the queue's calendar: the reply goes out that much open time
   * after an agent takes the ticket (the wait is then measured in the target's clock); drawn for a
   * uniform u. Absent: the reply is sent as the agent starts, as the staffing plan counts it.
   */
  responseLagSeconds?: (u: number) => number;
  /** Written tickets' waits count only the queue's open intervals (a business-hours SLA); calls always count clock time. */
  businessClock: boolean;
  /** Per grid interval, whether the queue's calendar is open (business waits); absent: always open. */
  open?: readonly boolean[];
  /**
   * Share of an agent's time on duty that goes to tickets (the workload plan's target occupancy: the
   * rest is the work the plan leaves out); a ticket holds its agent handle time / share. Absent: 1.
   */
  ticketTimeShare?: number;
  /** Handle time for a uniform draw u in [0, 1): the inverse of the handle-time distribution. */
  handleSeconds: (u: number) => number;
  /** Share of handled tickets that come back for more work (once), after an exponential delay. */
  reopenRate: number;
  /**
   * The work a reopened ticket brings back, for a uniform draw u. The history's handle time of a ticket
   * holds its reopen work, so handleSeconds then draws the first pass only. Absent: handleSeconds.
   */
  reopenHandleSeconds?: (u: number) => number;
  reopenDelaySeconds: number;
}

export interface SimAgent {
  id: string;
  skills: readonly string[];
  /** Queues the agent is staffed for (round_robin and least_loaded route to these agents). */
  queues: readonly string[];
  region: string | null;
  /** On-duty spans [start, end), ascending and not overlapping. */
  shifts: readonly (readonly [number, number])[];
  /**
   * Per grid interval, the share of a whole agent's work it does on duty (a plan's fractional agent:
   * at 0.7 a ticket holds it 1 / 0.7 as long, so it works 70% of an interval's work); absent: 1.
   */
  pace?: readonly number[];
}

export interface SimArrival {
  at: number;
  /** Index into SimInput.queues. */
  queue: number;
  region: string | null;
  /** A call or chat (answered by an idle agent) or a written ticket; absent: as the queue is. */
  live?: boolean;
  /** Work coming back: a ticket handled before the grid, reopened (not a new arrival; it does not reopen again). */
  reopen?: boolean;
}

export interface SimGrid {
  start: number;
  intervalMs: number;
  count: number;
}

export interface SimInput {
  grid: SimGrid;
  queues: readonly SimQueue[];
  agents: readonly SimAgent[];
  /** Ascending by time, inside the grid. */
  arrivals: readonly SimArrival[];
  seed: number;
}

export interface SimIntervalTally {
  /** New tickets (reopens are work, not arrivals). */
  arrivals: number;
  /** Arrivals whose outcome against the target is known (answered, hung up, or waiting past it by the end). */
  judged: number;
  metTarget: number;
  abandoned: number;
  /** Wait before the first answer of each answered arrival, and of those still waiting past the target at the end (so far: a lower bound), seconds. */
  waits: number[];
  /** Tickets waiting (unanswered) at the interval's end, reopens included. */
  backlogAtEnd: number;
  /** Agent seconds spent handling the queue's tickets, and agent seconds staffed for it. */
  busySeconds: number;
  staffedSeconds: number;
}

export interface SimResult {
  /** [queue][interval]. */
  tallies: SimIntervalTally[][];
  /** Tickets each agent started, per queue: [queue][agent]. */
  handled: number[][];
  /** Most tickets each agent held at once (assigned or in hand, all queues). */
  peakOpen: number[];
  /**
   * Per queue, each answered written arrival's wait for an agent (the queueing, before any reply lag),
   * in open seconds of the queue's calendar as the history's reply lag is measured (calendar seconds without one).
   */
  writtenWaits: number[][];
  reopens: number;
}
