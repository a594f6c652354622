// The dispatch rules as the simulation applies them: which on-duty agents may take a queue's
// ticket, and which of them gets it (round_robin, least_loaded, skill_match, region affinity,
// max_open_per_agent).
import type { SimAgent, SimQueue } from './simulation-model.ts';

/** Agents a queue routes to: skill_match any agent holding all its skills, the others the agents staffed for it. */
export function candidateAgents(queue: SimQueue, agents: readonly SimAgent[]): number[] {
  const result: number[] = [];
  agents.forEach((a, k) => {
    const skilled = queue.skills.length > 0 && queue.skills.every((s) => a.skills.includes(s));
    const staffed = a.queues.includes(queue.id);
    if (queue.strategy === 'skill_match' ? skilled || (queue.skills.length === 0 && staffed) : staffed) result.push(k);
  });
  return result;
}

/** What routing reads of the agents' state at the moment of choice. */
export interface FloorState {
  onDuty: Uint8Array;
  /** Tickets each agent holds (assigned or in hand). */
  open: Int32Array;
  /** When each agent last became idle (longest-idle breaks least_loaded ties). */
  idleSince: Float64Array;
  region: readonly (string | null)[];
}

/** Whether agent `a` may take one more ticket of `queue` now: a call only when idle, a written ticket up to max_open_per_agent. */
export function canTake(queue: SimQueue, a: number, floor: FloorState, live: boolean): boolean {
  if (floor.onDuty[a] !== 1) return false;
  return live ? floor.open[a] === 0 : floor.open[a]! < queue.maxOpenPerAgent;
}

/**
 * The agent to give a ticket of `queue`, or -1 when none may take it.
 * `cursor` is the queue's round-robin position, advanced past the chosen agent.
 */
export function chooseAgent(queue: SimQueue, candidates: readonly number[], floor: FloorState, ticket: { region: string | null; live: boolean },
  cursor: { at: number }): number {
  const { region, live } = ticket;
  const n = candidates.length;
  if (n === 0) return -1;
  const wantRegion = queue.regionAffinity && region !== null;
  if (queue.strategy === 'round_robin') {
    // Two passes when the region matters: the next agent of the region, else the next agent.
    for (let pass = wantRegion ? 0 : 1; pass < 2; pass++) {
      for (let k = 0; k < n; k++) {
        const pos = (cursor.at + k) % n;
        const a = candidates[pos]!;
        if (!canTake(queue, a, floor, live) || (pass === 0 && floor.region[a] !== region)) continue;
        cursor.at = (pos + 1) % n;
        return a;
      }
    }
    return -1;
  }
  let best = -1;
  for (const a of candidates) {
    if (!canTake(queue, a, floor, live)) continue;
    if (best < 0 || better(a, best, floor, wantRegion ? region : null)) best = a;
  }
  return best;
}

/** Least loaded first: same region, then fewer tickets held, then idle longest. */
function better(a: number, b: number, floor: FloorState, region: string | null): boolean {
  if (region !== null) {
    const ra = floor.region[a] === region;
    if (ra !== (floor.region[b] === region)) return ra;
  }
  if (floor.open[a] !== floor.open[b]) return floor.open[a]! < floor.open[b]!;
  return floor.idleSince[a]! < floor.idleSince[b]!;
}
