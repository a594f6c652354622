// The dispatch-rule change that sends an alert's tickets to a team, and the new text of the rules.
// Queues are tried in file order and the first whose match takes a ticket gets it (as the replay
// simulation routes), so a dispatcher expects the specialist queue AHEAD of the general one that
// takes those tickets today. A queue of that team already routing other values of the same kind
// (product or region) under the same conditions is extended instead of adding a second one; tickets
// the team's queue already takes need no change. Only the inserted queue (or the one edited list) is
// written: comments, order and every other byte stay, and the result is checked before it is used.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { DispatchRulesError } from '../../forecasting/dispatch-rules/dispatch-rules-error.ts';
import { parseDispatchDocument, readDispatchRules, type DispatchQueueRule, type QueueNames, type ServiceLevelRule, type SlaRule } from '../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { matchOverlap } from '../../forecasting/dispatch-rules/warnings.ts';
import { queueSkills } from '../../forecasting/simulation/queue-rules.ts';
import type { MatchField, QueueMatch } from '../../forecasting/series/queues.ts';
import { ROUTED_FIELDS, type RouteMatch, type RoutedField } from './route-match.ts';

export interface TeamRef { id: string; names: QueueNames }
export interface QueueRef { queue: string; names: QueueNames }

export type RouteChange =
  | {
    kind: 'add-queue'; queue: string; names: QueueNames; match: QueueMatch; skills: string[];
    /** Line of the new queue in the new text. */
    line: number;
    /** The queue it goes ahead of (null: no queue takes these tickets today; it goes first). */
    ahead: QueueRef | null;
    /** Where its SLA and service level come from: the queue that takes the tickets today (else the team's). */
    slaFrom: QueueRef | null;
    sla: SlaRule | null;
    serviceLevel: ServiceLevelRule | null;
    maxOpenPerAgent: number | null;
  }
  | { kind: 'extend-match'; queue: string; names: QueueNames; match: QueueMatch; added: Partial<Record<RoutedField, string>>; line: number };

export interface RoutePlan {
  /** null: the rules already send these tickets to the team (`already`). */
  change: RouteChange | null;
  already: QueueRef | null;
  /** The first queue whose match takes these tickets today (null: none does). */
  takenBy: QueueRef | null;
  text: string;
}

const ref = (q: DispatchQueueRule): QueueRef => ({ queue: q.id, names: q.names });
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const fieldsOf = (m: QueueMatch) => Object.keys(m).filter((f) => m[f as MatchField] !== undefined) as MatchField[];

/** Whether queue `q` takes every ticket `match` takes. */
function covers(q: QueueMatch, match: QueueMatch): boolean {
  return fieldsOf(q).every((f) => match[f] !== undefined && match[f]!.every((v) => q[f]!.includes(v)));
}

/** The first queue, in file order, whose match takes some of these tickets. */
export function firstTaker(queues: readonly DispatchQueueRule[], match: QueueMatch): DispatchQueueRule | null {
  return queues.find((q) => matchOverlap(q.match, match) !== null) ?? null;
}

/** The team's people: a queue named by the team's id, or a skill_match queue asking the skills of the team's queue. */
function routesTo(q: DispatchQueueRule, team: string, teamSkills: readonly string[]): boolean {
  return q.id === team || (q.strategy === 'skill_match' && sameSet(queueSkills(q), teamSkills));
}

/** A plain YAML scalar when it reads back as the same string, else double-quoted (JSON is valid YAML). */
function scalar(value: string): string {
  const plain = /^[\p{L}\p{N}_][\p{L}\p{N}_.\-/]*$/u.test(value) && !/^(true|false|null|yes|no|on|off|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

const list = (values: readonly string[]) => `[${values.map(scalar).join(', ')}]`;
const flowMatch = (m: QueueMatch) => `{ ${fieldsOf(m).map((f) => `${f}: ${list(m[f]!)}`).join(', ')} }`;

/** 900 -> 15m, 28800 -> 8h (the unit people write). */
function durationText(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

function slaText(sla: SlaRule): string {
  const parts = [
    ...(sla.firstResponseSeconds !== null ? [`first_response: ${durationText(sla.firstResponseSeconds)}`] : []),
    ...(sla.resolutionSeconds !== null ? [`resolution: ${durationText(sla.resolutionSeconds)}`] : []),
    `clock: ${sla.clock}`,
  ];
  return `{ ${parts.join(', ')} }`;
}

function serviceLevelText(s: ServiceLevelRule): string {
  return `{ target: ${s.target}, answer_within: ${durationText(s.answerWithinSeconds)}${s.patienceSeconds ? `, patience: ${durationText(s.patienceSeconds)}` : ''} }`;
}

const FIELD_NAMES: Record<RoutedField, { en: string; zh: string }> = { product: { en: 'products', zh: '产品' }, region: { en: 'regions', zh: '地区' } };

function newQueueId(team: string, fields: readonly RoutedField[], taken: readonly string[]): string {
  const base = fields.length === 1 ? `${team}-${fields[0]}s` : `${team}-${fields.join('-')}`;
  let id = base;
  for (let k = 2; taken.includes(id); k++) id = `${base}-${k}`;
  return id;
}

const lineStartAt = (text: string, line: number) => {
  let at = 0;
  for (let k = 1; k < line; k++) at = text.indexOf('\n', at) + 1;
  return at;
};

/** Where a queue's text starts: its `- ` line, or the comment lines right above it (they are about it). */
function queueStart(text: string, q: DispatchQueueRule): { at: number; dash: number } {
  let at = lineStartAt(text, q.line);
  const dash = text.slice(at).search(/\S/);
  while (at > 0) {
    const prev = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(prev, at - 1);
    if (!(line.trimStart().startsWith('#') && line.length - line.trimStart().length === dash)) break;
    at = prev;
  }
  return { at, dash };
}

function renderQueue(c: Extract<RouteChange, { kind: 'add-queue' }>, dash: number, keyColumn: number, why: string): string {
  const pad = ' '.repeat(dash);
  const key = ' '.repeat(keyColumn);
  return [
    `${pad}# ${why}`,
    `${pad}-${' '.repeat(Math.max(1, keyColumn - dash - 1))}id: ${scalar(c.queue)}`,
    `${key}name: { zh: ${JSON.stringify(c.names.zh)}, en: ${JSON.stringify(c.names.en)} }`,
    `${key}match: ${flowMatch(c.match)}`,
    `${key}strategy: skill_match`,
    `${key}skills: ${list(c.skills)}`,
    ...(c.maxOpenPerAgent !== null ? [`${key}max_open_per_agent: ${c.maxOpenPerAgent}`] : []),
    ...(c.sla ? [`${key}sla: ${slaText(c.sla)}`] : []),
    ...(c.serviceLevel ? [`${key}service_level: ${serviceLevelText(c.serviceLevel)}`] : []),
  ].map((l) => `${l}\n`).join('');
}

/** Adds the routed values to `queue`'s match lists (a [list] or single value), in place. */
function extendText(text: string, source: string, index: number, added: Partial<Record<RoutedField, string>>): string {
  const { doc, original } = parseDispatchDocument(text, source);
  const queues = isMap(doc.contents) ? doc.contents.get('queues', true) : undefined;
  const item = isSeq(queues) ? queues.items[index] : undefined;
  const match = isMap(item) ? (item as YAMLMap).get('match', true) : undefined;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [field, value] of Object.entries(added) as [RoutedField, string][]) {
    const node = isMap(match) ? match.get(field, true) : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const flowList = isSeq(node) && node.flow;
    if (!range || !(flowList || isScalar(node))) {
      throw new DispatchRulesError(source, [{ path: `queues[${index}].match.${field}`,
        message: `write the list on one line, e.g. ${field}: [a, b], so DeskPulse can add ${value} to it` }]);
    }
    const values = isSeq(node) ? node.items.map((i) => String(isScalar(i) ? i.value : i)) : [String(node.value)];
    edits.push({ start: original(range[0]), end: original(range[1]), text: list([...values, value]) });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Guard: the new text routes these tickets to the team first, and changes no other queue. */
function check(before: readonly DispatchQueueRule[], afterText: string, source: string, changed: string, match: QueueMatch, team: string, teamSkills: readonly string[]): void {
  const after = readDispatchRules(afterText, source).queues;
  const taker = firstTaker(after, match);
  const strip = (qs: readonly DispatchQueueRule[]) => JSON.stringify(qs.filter((q) => q.id !== changed).map(({ line: _l, column: _c, ...q }) => q));
  if (!taker || taker.id !== changed || !routesTo(taker, team, teamSkills) || !covers(taker.match, match) || strip(before) !== strip(after)) {
    throw new DispatchRulesError(source, [{ path: '', message: 'internal check failed: the proposed change would not route these tickets as shown; nothing was written (please report this with the file)' }]);
  }
}

/**
 * The change sending `route.match`'s tickets to `team` and the text with it (the text as is when
 * nothing is to change). `why` is the comment line above a new queue.
 */
export function planRoute(text: string, source: string, route: RouteMatch, team: TeamRef, why: string): RoutePlan {
  const rules = readDispatchRules(text, source);
  const queues = rules.queues;
  const teamQueue = queues.find((q) => q.id === team.id);
  const teamSkills = teamQueue ? queueSkills(teamQueue) : [team.id];
  const taker = firstTaker(queues, route.match);
  const takenBy = taker ? ref(taker) : null;
  if (taker && routesTo(taker, team.id, teamSkills) && covers(taker.match, route.match)) return { change: null, already: ref(taker), takenBy, text };

  const routedFields = ROUTED_FIELDS.filter((f) => route.routed[f] !== undefined);
  const takerAt = taker ? queues.indexOf(taker) : queues.length;
  // Same conditions, another value of ONE kind, and reached before the queue taking them today. A
  // list grown by a value takes it with every value of the other lists: so they must be the alert's
  // own (laptop in north, then earbuds in south, is a second queue, not laptop and earbuds in north
  // and south, which would take laptop in south too).
  const newFields = (q: DispatchQueueRule) => routedFields.filter((f) => !q.match[f]!.includes(route.routed[f]!));
  const extendable = queues.findIndex((q, k) => k <= takerAt && routesTo(q, team.id, teamSkills)
    && sameSet(fieldsOf(q.match), fieldsOf(route.match)) && newFields(q).length === 1
    && fieldsOf(route.match).every((f) => f === newFields(q)[0] || sameSet(q.match[f]!, route.match[f]!)));
  if (extendable >= 0) {
    const q = queues[extendable]!;
    const added = Object.fromEntries(newFields(q).map((f) => [f, route.routed[f]!]));
    const after = extendText(text, source, extendable, added);
    const match = { ...q.match, ...Object.fromEntries(Object.entries(added).map(([f, v]) => [f, [...q.match[f as MatchField]!, v]])) };
    check(queues, after, source, q.id, route.match, team.id, teamSkills);
    return { change: { kind: 'extend-match', queue: q.id, names: q.names, match, added, line: q.line }, already: null, takenBy, text: after };
  }

  const ahead = taker ?? queues[0] ?? null;
  const slaSource = taker ?? teamQueue ?? null;
  const fieldNames = { en: routedFields.map((f) => FIELD_NAMES[f].en).join(' and '), zh: routedFields.map((f) => FIELD_NAMES[f].zh).join('与') };
  const change: Extract<RouteChange, { kind: 'add-queue' }> = {
    kind: 'add-queue', queue: newQueueId(team.id, routedFields, queues.map((q) => q.id)),
    names: { en: `${team.names.en}: routed ${fieldNames.en}`, zh: `${team.names.zh}：专项${fieldNames.zh}` },
    match: route.match, skills: teamSkills, line: 0, ahead: ahead ? ref(ahead) : null,
    slaFrom: slaSource ? ref(slaSource) : null, sla: slaSource?.sla ?? null, serviceLevel: slaSource?.serviceLevel ?? null,
    maxOpenPerAgent: teamQueue?.maxOpenPerAgent ?? null,
  };
  if (!ahead) throw new DispatchRulesError(source, [{ path: 'queues', message: 'the dispatch rules have no queue yet: add the general queues first' }]);
  const { at, dash } = queueStart(text, ahead);
  const after = text.slice(0, at) + renderQueue(change, dash, ahead.column - 1, why) + text.slice(at);
  change.line = text.slice(0, at).split('\n').length + 1;
  check(queues, after, source, change.queue, route.match, team.id, teamSkills);
  return { change, already: null, takenBy, text: after };
}
