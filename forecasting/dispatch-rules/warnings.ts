// Checks of the dispatch rules against a staffing recommendation: queues whose agents cannot hold
// a forecast peak within max_open_per_agent, and queues whose matches overlap.
import { DateTime } from 'luxon';
import { MATCH_COLUMNS, type MatchField, type QueueMatch } from '../series/queues.ts';
import type { StaffingRecommendation } from '../staffing/recommend.ts';
import type { DispatchQueueRule, DispatchRules } from './read-dispatch-rules.ts';

export interface DispatchWarning {
  kind: 'capacity' | 'overlap' | 'not-in-rules' | 'unknown-key';
  queues: string[];
  message: string;
  line?: number;
}

/**
 * Capacity rule (a lower bound, so a warning is a certain shortage, not a maybe): by Little's law
 * the tickets open at once are arrivals per second x the time each stays open. A ticket stays open
 * at least until it is resolved, and the SLA allows resolution up to `sla.resolution`; we take the
 * shorter of that target and the interval as its holding time, so the open tickets of an interval
 * are at least p90 arrivals x min(1, resolution / interval). They must fit in the slots of the
 * agents working then: agents (before shrinkage) x max_open_per_agent.
 */
export function capacityWarnings(rules: DispatchRules, recommendation: StaffingRecommendation): DispatchWarning[] {
  const warnings: DispatchWarning[] = [];
  for (const q of recommendation.queues) {
    const rule = rules.queues.find((r) => r.id === q.queueId);
    if (!rule || rule.maxOpenPerAgent === null) continue;
    const maxOpen = rule.maxOpenPerAgent;
    let worst: { start: number; open: number; agents: number; short: number } | null = null;
    let affected = 0;
    for (const i of q.intervals) {
      const holding = Math.min(1, (rule.sla?.resolutionSeconds ?? i.minutes * 60) / (i.minutes * 60));
      const open = i.p90 * holding;
      const short = open - i.agents * maxOpen;
      if (short <= 1e-9) continue;
      affected += 1;
      if (!worst || short > worst.short) worst = { start: i.start, open, agents: i.agents, short };
    }
    if (!worst) continue;
    const when = DateTime.fromMillis(worst.start, { zone: q.zone }).toISO({ suppressMilliseconds: true });
    const needOpen = Math.ceil(worst.open / Math.max(1, worst.agents) - 1e-9);
    const needAgents = Math.ceil(worst.open / maxOpen - 1e-9);
    warnings.push({
      kind: 'capacity', queues: [q.queueId], line: rule.line,
      message: `queue ${q.queueId}: at ${when} the p90 forecast puts ${Math.ceil(worst.open)} tickets open at once, but ${worst.agents} working agents x ` +
        `max_open_per_agent ${maxOpen} hold ${worst.agents * maxOpen}` + (affected > 1 ? ` (${affected} intervals short)` : '') +
        `: raise max_open_per_agent to ${needOpen} or plan ${needAgents} working agents there`,
    });
  }
  return warnings;
}

function describe(values: string[] | null): string {
  return values === null ? 'any' : values.join('/');
}

/** The tickets two matches both take, per field (null = any value), or null when they are disjoint. */
export function matchOverlap(a: QueueMatch, b: QueueMatch): Partial<Record<MatchField, string[] | null>> | null {
  const common: Partial<Record<MatchField, string[] | null>> = {};
  for (const field of Object.keys(MATCH_COLUMNS) as MatchField[]) {
    const x = a[field];
    const y = b[field];
    if (x === undefined && y === undefined) continue;
    const both = x === undefined ? y! : y === undefined ? x : x.filter((v) => y.includes(v));
    if (both.length === 0) return null;
    common[field] = both;
  }
  return common;
}

/** Pairs of queues reachable by the same tickets (e.g. the same problem_type x channel). */
export function overlapWarnings(rules: DispatchRules): DispatchWarning[] {
  const warnings: DispatchWarning[] = [];
  const qs: DispatchQueueRule[] = rules.queues;
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const common = matchOverlap(qs[i]!.match, qs[j]!.match);
      if (!common) continue;
      const others = (Object.keys(common) as MatchField[]).filter((f) => f !== 'problem_type' && f !== 'channel')
        .map((f) => ` x ${f} ${describe(common[f] ?? null)}`).join('');
      warnings.push({
        kind: 'overlap', queues: [qs[i]!.id, qs[j]!.id], line: qs[j]!.line,
        message: `queues ${qs[i]!.id} (line ${qs[i]!.line}) and ${qs[j]!.id} (line ${qs[j]!.line}) both match problem_type ` +
          `${describe(common.problem_type ?? null)} x channel ${describe(common.channel ?? null)}${others}: those tickets are counted in both ` +
          'forecasts and staffed twice; narrow one of the matches',
      });
    }
  }
  return warnings;
}
