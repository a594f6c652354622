// Queues whose arrivals are forecast: the dispatch-rule queues and their `match` (read by
// dispatch-rules/read-dispatch-rules.ts), or any team / channel / problem type named on request.
import { BilingualError } from '../bilingual-error.ts';

/** Ticket attributes a queue may match on, and the tickets column each one reads. */
export const MATCH_COLUMNS = {
  problem_type: 'problem_type',
  problem_subtype: 'problem_subtype',
  channel: 'channel',
  team: 'created_team_id',
  product: 'product',
  region: 'region',
  priority: 'priority',
} as const;
export type MatchField = keyof typeof MATCH_COLUMNS;
export type QueueMatch = Partial<Record<MatchField, string[]>>;

export interface QueueDefinition {
  /** Dispatch-rule queue id, or "team:returns", "channel:phone", "problem_type:logistics", "all". */
  id: string;
  name: string;
  /** A dispatch-rule queue's name in each language. */
  names?: { zh: string; en: string };
  /** Every listed field must hold one of its values; an empty match takes every ticket. */
  match: QueueMatch;
  /** Team whose calendar gives the queue's zone and open hours, when known. */
  team: string | null;
}

export interface DispatchQueues {
  /** The file's `timezone`, if it has one. */
  timezone: string | null;
  queues: QueueDefinition[];
}

const isMatchField = (key: string): key is MatchField => Object.hasOwn(MATCH_COLUMNS, key);

/**
 * A queue from a --queue argument: a dispatch-rule queue id, "team:ID", "channel:NAME",
 * "problem_type:NAME" (any match field), or "all".
 */
export function queueFromSpec(spec: string, dispatch: DispatchQueues): QueueDefinition {
  const known = dispatch.queues.find((q) => q.id === spec);
  if (known) return known;
  if (spec === 'all') return { id: 'all', name: 'all tickets', match: {}, team: null };
  const m = /^([a-z_]+):(.+)$/.exec(spec);
  if (m && isMatchField(m[1]!)) {
    const field = m[1] as MatchField;
    return { id: spec, name: spec, match: { [field]: m[2]!.split(',') }, team: field === 'team' ? m[2]! : null };
  }
  const ids = dispatch.queues.map((q) => q.id);
  throw new BilingualError({
    en: `unknown queue "${spec}": use a dispatch-rule queue (${ids.join(', ') || 'none defined'}), ` +
      `all, or FIELD:VALUE with FIELD one of ${Object.keys(MATCH_COLUMNS).join(', ')} (e.g. channel:phone)`,
    zh: `未知队列“${spec}”：请用分派规则中的队列（${ids.join('、') || '尚未定义任何队列'}）、all（全部工单），` +
      `或 字段:值，字段为 ${Object.keys(MATCH_COLUMNS).join('、')} 之一（例如 channel:phone）`,
  });
}
