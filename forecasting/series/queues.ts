// Queues whose arrivals are forecast: the dispatch-rule queues and their `match` (read only here;
// the staffing write-back owns the file), or any team / channel / problem type named on request.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { SeriesInputError } from './series-input-error.ts';

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

/** Reads the queues of a dispatch-rules YAML text; errors name the file, line and column. */
export function readDispatchQueues(text: string, source: string): DispatchQueues {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const fail = (node: Node | null | undefined, reason: string): never => {
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    throw new SeriesInputError(source, pos ? `column ${pos.col}: ${reason}` : reason, pos?.line);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.linePos?.[0];
    throw new SeriesInputError(source, `${pos ? `column ${pos.col}: ` : ''}${firstError.message.split('\n')[0]}`, pos?.line);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'expected a mapping with `queues:`');
  const zoneNode = root.get('timezone', true);
  const timezone = isScalar(zoneNode) ? String(zoneNode.value) : null;
  const queuesNode = root.get('queues', true);
  if (!isSeq(queuesNode)) return fail(queuesNode ?? root, '`queues` must be a list of queues');
  const queues = queuesNode.items.map((item): QueueDefinition => {
    if (!isMap(item)) return fail(item as Node, 'each queue must be a mapping with id and match');
    const idNode = item.get('id', true);
    if (!isScalar(idNode) || String(idNode.value ?? '').trim() === '') return fail(item, 'queue without an `id`');
    const id = String(idNode.value);
    const nameNode = item.get('name', true);
    const matchNode = item.get('match', true);
    const match: QueueMatch = {};
    if (matchNode !== undefined) {
      if (!isMap(matchNode)) return fail(matchNode as Node, `queue ${id}: \`match\` must be a mapping such as { problem_type: [logistics] }`);
      for (const pair of matchNode.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!isMatchField(key)) {
          return fail(pair.key as Node, `queue ${id}: cannot match on "${key}"; use ${Object.keys(MATCH_COLUMNS).join(', ')}`);
        }
        const value = pair.value as Node | null;
        const values = isSeq(value) ? value.items.map((v) => (isScalar(v) ? String(v.value) : fail(v as Node, `queue ${id}: ${key} values must be plain strings`)))
          : isScalar(value) ? [String(value.value)] : fail(value, `queue ${id}: ${key} must be a list such as [web, app]`);
        match[key] = values;
      }
    }
    return { id, name: isScalar(nameNode) ? String(nameNode.value) : id, match, team: id };
  });
  return { timezone, queues };
}

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
  throw new Error(`unknown queue "${spec}": use a dispatch-rule queue (${dispatch.queues.map((q) => q.id).join(', ') || 'none defined'}), ` +
    `all, or FIELD:VALUE with FIELD one of ${Object.keys(MATCH_COLUMNS).join(', ')} (e.g. channel:phone)`);
}
