// Reads and validates the dispatch rules YAML (config/dispatch-rules.yaml): every problem is
// reported with its line, column and key path; unknown keys are kept and only warned about.
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { parseDuration } from '../../warehouse/duration.ts';
import { unreadableFileReason, type InBothLanguages } from '../bilingual-error.ts';
import { MATCH_COLUMNS, type MatchField, type QueueMatch } from '../series/queues.ts';
import { DispatchRulesError, type DispatchRulesIssue } from './dispatch-rules-error.ts';
import { maskStaffingIntervals, type MaskedBlock } from './mask-staffing-intervals.ts';
import { yamlSyntaxMessages } from './yaml-syntax.ts';

export const STRATEGIES = ['round_robin', 'least_loaded', 'skill_match'] as const;
const QUEUE_KEYS = ['id', 'name', 'match', 'strategy', 'skills', 'region_affinity', 'max_open_per_agent', 'sla', 'service_level', 'staffing'];
const ROOT_KEYS = ['version', 'timezone', 'queues'];

export interface SlaRule {
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  clock: 'business' | 'calendar';
}

export interface ServiceLevelRule {
  /** Share answered within answerWithinSeconds, e.g. 0.8. */
  target: number;
  answerWithinSeconds: number;
  /** Mean time a caller waits before hanging up: staffed by Erlang A instead of Erlang C. */
  patienceSeconds?: number;
}

/** A queue's name in both languages of the screens. */
export interface QueueNames { zh: string; en: string }

export interface DispatchQueueRule {
  id: string;
  /** The Chinese name (the file's plain name): what a text in no particular language shows. */
  name: string;
  /** `name: { zh: ..., en: ... }`; a plain `name:` (or none: the id) stands for both. */
  names: QueueNames;
  match: QueueMatch;
  strategy: (typeof STRATEGIES)[number] | null;
  skills: string[];
  regionAffinity: boolean;
  maxOpenPerAgent: number | null;
  sla: SlaRule | null;
  serviceLevel: ServiceLevelRule | null;
  /** Where the queue starts in the file (1-based). */
  line: number;
  column: number;
}

export interface DispatchRules {
  source: string;
  version: number;
  timezone: string;
  queues: DispatchQueueRule[];
  /** Unknown keys and other things that do not stop the file from being used. */
  warnings: DispatchRulesIssue[];
}

interface Context {
  lineCounter: LineCounter;
  issues: DispatchRulesIssue[];
  warnings: DispatchRulesIssue[];
}

function place(ctx: Context, node: unknown): { line?: number; column?: number } {
  const range = (node as Node | null | undefined)?.range;
  if (!range) return {};
  const pos = ctx.lineCounter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

function issue(ctx: Context, node: unknown, path: string, text: InBothLanguages): void {
  ctx.issues.push({ ...place(ctx, node), path, message: text.en, zh: text.zh });
}

/** What was found instead, for "got ..." (JSON in both languages; nothing said as such). */
const got = (value: unknown): InBothLanguages =>
  value === undefined || value === null ? { en: 'nothing', zh: '空' } : { en: JSON.stringify(value), zh: JSON.stringify(value) };

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function stringList(ctx: Context, node: unknown, path: string, example: string): string[] | null {
  if (isScalar(node) && node.value !== null && typeof node.value !== 'object') return [String(node.value)];
  if (!isSeq(node)) {
    issue(ctx, node, path, { en: `expected a list such as ${example}`, zh: `应为列表，例如 ${example}` });
    return null;
  }
  const values: string[] = [];
  node.items.forEach((item, k) => {
    if (isScalar(item) && item.value !== null && typeof item.value !== 'boolean' && typeof item.value !== 'object') values.push(String(item.value));
    else issue(ctx, item, `${path}[${k}]`, { en: 'expected a plain value (a name), not a list, mapping or empty item', zh: '应为单个值（一个名称），不能是列表、映射或空项' });
  });
  if (node.items.length === 0) issue(ctx, node, path, { en: `the list is empty: name at least one value, e.g. ${example}, or remove the key`, zh: `列表为空：至少写一个值，例如 ${example}，或删去这个键` });
  return values;
}

function duration(ctx: Context, node: unknown, path: string, example: string): number | null {
  const value = isScalar(node) ? node.value : undefined;
  const seconds = typeof value === 'string' ? parseDuration(value) ?? null : null;
  if (seconds === null) {
    const found = value === undefined ? { en: 'a collection', zh: '一组内容' } : got(value);
    issue(ctx, node, path, { en: `expected a duration with its unit, e.g. ${example}; got ${found.en}`, zh: `应为带单位的时长，例如 ${example}；实际为 ${found.zh}` });
  }
  return seconds;
}

function unknownKeys(ctx: Context, map: YAMLMap, path: string, known: readonly string[]): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!known.includes(key)) {
      ctx.warnings.push({ ...place(ctx, pair.key), path: `${path}${path ? '.' : ''}${key}`, message: `unknown key (kept as is; DeskPulse reads ${known.join(', ')})`,
        zh: `未知的键（原样保留；DeskPulse 读取 ${known.join('、')}）` });
    }
  }
}

function readMatch(ctx: Context, node: unknown, path: string): QueueMatch {
  const match: QueueMatch = {};
  if (node === undefined || node === null) return match;
  if (!isMap(node)) {
    issue(ctx, node, path, { en: 'expected a mapping such as { problem_type: [logistics], channel: [phone] }', zh: '应为映射，例如 { problem_type: [logistics], channel: [phone] }' });
    return match;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!Object.hasOwn(MATCH_COLUMNS, key)) {
      issue(ctx, pair.key, `${path}.${key}`, { en: `cannot match on "${key}": use ${Object.keys(MATCH_COLUMNS).join(', ')}`, zh: `不能按“${key}”匹配：请用 ${Object.keys(MATCH_COLUMNS).join('、')}` });
      continue;
    }
    const values = stringList(ctx, pair.value, `${path}.${key}`, '[web, app]');
    if (values) match[key as MatchField] = key === 'channel' ? values.map((v) => v.toLowerCase()) : values;
  }
  return match;
}

function readSla(ctx: Context, node: unknown, path: string): SlaRule | null {
  if (node === undefined) return null;
  if (!isMap(node)) {
    issue(ctx, node, path, { en: 'expected a mapping such as { first_response: 30m, resolution: 24h, clock: business }', zh: '应为映射，例如 { first_response: 30m, resolution: 24h, clock: business }' });
    return null;
  }
  unknownKeys(ctx, node, path, ['first_response', 'resolution', 'clock']);
  const first = node.get('first_response', true);
  const resolution = node.get('resolution', true);
  const clockNode = node.get('clock', true);
  const clock = clockNode === undefined ? 'business' : isScalar(clockNode) ? String(clockNode.value) : '';
  if (clock !== 'business' && clock !== 'calendar') issue(ctx, clockNode, `${path}.clock`, { en: `expected business or calendar, got "${clock}"`, zh: `应为 business 或 calendar，实际为“${clock}”` });
  if (first === undefined && resolution === undefined) issue(ctx, node, path, { en: 'give first_response and/or resolution, e.g. { first_response: 30m, resolution: 24h }', zh: '请给出 first_response 和/或 resolution，例如 { first_response: 30m, resolution: 24h }' });
  return {
    firstResponseSeconds: first === undefined ? null : duration(ctx, first, `${path}.first_response`, '30m'),
    resolutionSeconds: resolution === undefined ? null : duration(ctx, resolution, `${path}.resolution`, '24h'),
    clock: clock === 'calendar' ? 'calendar' : 'business',
  };
}

function readServiceLevel(ctx: Context, node: unknown, path: string): ServiceLevelRule | null {
  if (node === undefined) return null;
  if (!isMap(node)) {
    issue(ctx, node, path, { en: 'expected a mapping such as { target: 0.80, answer_within: 20s }', zh: '应为映射，例如 { target: 0.80, answer_within: 20s }' });
    return null;
  }
  unknownKeys(ctx, node, path, ['target', 'answer_within', 'patience']);
  const targetNode = node.get('target', true);
  const target = isScalar(targetNode) ? targetNode.value : undefined;
  if (typeof target !== 'number' || !(target > 0 && target < 1)) {
    issue(ctx, targetNode ?? node, `${path}.target`, { en: `expected a share between 0 and 1, e.g. 0.80; got ${got(target).en}`, zh: `应为 0 到 1 之间的比例，例如 0.80；实际为 ${got(target).zh}` });
  }
  const within = node.get('answer_within', true);
  if (within === undefined) issue(ctx, node, `${path}.answer_within`, { en: 'missing: how soon answers must come, e.g. answer_within: 20s', zh: '缺少：须在多久内接起，例如 answer_within: 20s' });
  const answerWithinSeconds = within === undefined ? null : duration(ctx, within, `${path}.answer_within`, '20s');
  const patienceNode = node.get('patience', true);
  const patienceSeconds = patienceNode === undefined ? undefined : duration(ctx, patienceNode, `${path}.patience`, '3m');
  if (patienceSeconds === 0) issue(ctx, patienceNode, `${path}.patience`, { en: 'a patience of 0 leaves nobody waiting; give the mean wait before callers hang up, e.g. 3m', zh: '耐心为 0 表示没人会等待；请给出来电者挂断前的平均等待时间，例如 3m' });
  return typeof target === 'number' && answerWithinSeconds !== null
    ? { target, answerWithinSeconds, ...(patienceSeconds ? { patienceSeconds } : {}) } : null;
}

function scalarOf(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

const NAME_EXAMPLE = 'name: { zh: 售后退换货, en: Returns & exchanges }';

/** A plain name (both languages) or a { zh, en } mapping with both; null when absent or wrong (reported). */
function readNames(ctx: Context, node: unknown, path: string): QueueNames | null {
  if (node === undefined) return null;
  const plain = (n: unknown) => (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') && String(n.value).trim() !== '' ? String(n.value) : null);
  const single = plain(node);
  if (single !== null) return { zh: single, en: single };
  if (!isMap(node)) {
    issue(ctx, node, path, { en: `expected a name, or one per language: ${NAME_EXAMPLE}`, zh: `应为名称，或每种语言一个：${NAME_EXAMPLE}` });
    return null;
  }
  unknownKeys(ctx, node, path, ['zh', 'en']);
  const names: Partial<QueueNames> = {};
  for (const lang of ['zh', 'en'] as const) {
    const value = node.get(lang, true);
    const text = plain(value);
    if (text === null) {
      issue(ctx, value ?? node, `${path}.${lang}`, {
        en: `${value === undefined ? 'missing' : 'expected a non-empty name'}: give the queue's ${lang === 'zh' ? 'Chinese' : 'English'} name, ${NAME_EXAMPLE}`,
        zh: `${value === undefined ? '缺少' : '名称不能为空'}：请给出队列的${lang === 'zh' ? '中文' : '英文'}名称，${NAME_EXAMPLE}`,
      });
    } else names[lang] = text;
  }
  return names.zh !== undefined && names.en !== undefined ? { zh: names.zh, en: names.en } : null;
}

function readQueue(ctx: Context, node: unknown, path: string): DispatchQueueRule | null {
  if (!isMap(node)) {
    issue(ctx, node, path, { en: 'each queue must be a mapping with at least id and match', zh: '每个队列都应是映射，至少包含 id 和 match' });
    return null;
  }
  unknownKeys(ctx, node, path, QUEUE_KEYS);
  const idNode = node.get('id', true);
  const id = scalarOf(idNode);
  if (typeof id !== 'string' && typeof id !== 'number') {
    issue(ctx, idNode ?? node, `${path}.id`, { en: 'every queue needs an id, e.g. id: returns', zh: '每个队列都需要 id，例如 id: returns' });
  }
  const names = readNames(ctx, node.get('name', true), `${path}.name`) ?? { zh: String(id ?? ''), en: String(id ?? '') };
  const strategyNode = node.get('strategy', true);
  const strategy = scalarOf(strategyNode);
  if (strategyNode !== undefined && !(STRATEGIES as readonly unknown[]).includes(strategy)) {
    issue(ctx, strategyNode, `${path}.strategy`, { en: `expected one of ${STRATEGIES.join(', ')}, got ${JSON.stringify(strategy ?? null)}`, zh: `应为 ${STRATEGIES.join('、')} 之一，实际为 ${JSON.stringify(strategy ?? null)}` });
  }
  const skillsNode = node.get('skills', true);
  const skills = skillsNode === undefined ? [] : stringList(ctx, skillsNode, `${path}.skills`, '[returns]') ?? [];
  const affinityNode = node.get('region_affinity', true);
  const affinity = scalarOf(affinityNode);
  if (affinityNode !== undefined && typeof affinity !== 'boolean') issue(ctx, affinityNode, `${path}.region_affinity`, { en: 'expected true or false', zh: '应为 true 或 false' });
  const maxOpenNode = node.get('max_open_per_agent', true);
  const maxOpen = scalarOf(maxOpenNode);
  if (maxOpenNode !== undefined && !(typeof maxOpen === 'number' && Number.isInteger(maxOpen) && maxOpen > 0)) {
    issue(ctx, maxOpenNode, `${path}.max_open_per_agent`, { en: `expected a whole number of tickets above 0, e.g. 8; got ${JSON.stringify(maxOpen ?? null)}`, zh: `应为大于 0 的整数工单数，例如 8；实际为 ${JSON.stringify(maxOpen ?? null)}` });
  }
  const staffing = node.get('staffing', true);
  if (staffing !== undefined && staffing !== null && !isMap(staffing) && !(isScalar(staffing) && staffing.value === null)) {
    issue(ctx, staffing, `${path}.staffing`, { en: 'expected a mapping (DeskPulse writes it) or nothing', zh: '应为映射（由 DeskPulse 写入）或留空' });
  }
  const pos = place(ctx, node);
  return {
    id: String(id ?? ''),
    name: names.zh,
    names,
    match: readMatch(ctx, node.get('match', true), `${path}.match`),
    strategy: (STRATEGIES as readonly unknown[]).includes(strategy) ? strategy as DispatchQueueRule['strategy'] : null,
    skills,
    regionAffinity: affinity === true,
    maxOpenPerAgent: typeof maxOpen === 'number' && maxOpen > 0 ? maxOpen : null,
    sla: readSla(ctx, node.get('sla', true), `${path}.sla`),
    serviceLevel: readServiceLevel(ctx, node.get('service_level', true), `${path}.service_level`),
    line: pos.line ?? 1,
    column: pos.column ?? 1,
  };
}

/** Parses the text keeping positions; throws DispatchRulesError on YAML syntax errors. */
/** Lines and columns of the original text for offsets in the masked one. */
function originalLines(text: string, original: (offset: number) => number): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) counter.addNewLine(at + 1);
  const linePos = counter.linePos.bind(counter);
  counter.linePos = (offset: number) => linePos(original(offset));
  return counter;
}

/**
 * The parsed rules without their staffing interval lines (`staffing` says where they were): node
 * ranges are offsets in the text parsed, `original` maps them back; `lineCounter` gives the lines
 * and columns of the original text.
 */
export function parseDispatchDocument(text: string, source: string): {
  doc: Document.Parsed; lineCounter: LineCounter; staffing: MaskedBlock[]; original: (offset: number) => number;
} {
  const masked = maskStaffingIntervals(text);
  const doc = parseDocument(masked.text);
  const lineCounter = originalLines(text, masked.original);
  if (doc.errors.length > 0) {
    throw new DispatchRulesError(source, doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      const text = yamlSyntaxMessages(e);
      return { line: pos.line, column: pos.col, path: '', message: text.en, zh: text.zh };
    }));
  }
  return { doc, lineCounter, staffing: masked.blocks, original: masked.original };
}

/**
 * The text of the dispatch rules file at `path`: the one place it is read, refused naming the file
 * when it cannot be, in both languages.
 */
export function readDispatchRulesText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = unreadableFileReason(err);
    throw new DispatchRulesError(path, [{ path: '', message: `cannot read the dispatch rules (${why.en}); check dispatch_rules in the config`,
      zh: `无法读取分派规则（${why.zh}）：请检查配置中的 dispatch_rules` }]);
  }
}

/** The dispatch rules file at `path`, read and validated (readDispatchRules), with its text. */
export function readDispatchRulesFile(path: string): { text: string; rules: DispatchRules } {
  const text = readDispatchRulesText(path);
  return { text, rules: readDispatchRules(text, path) };
}

/** Reads and validates the dispatch rules; throws DispatchRulesError listing every problem. */
export function readDispatchRules(text: string, source: string): DispatchRules {
  const { doc, lineCounter } = parseDispatchDocument(text, source);
  const ctx: Context = { lineCounter, issues: [], warnings: [] };
  const root = doc.contents;
  if (!isMap(root)) throw new DispatchRulesError(source, [{ ...place(ctx, root), path: '', message: 'expected a mapping with version, timezone and queues', zh: '应为包含 version、timezone 和 queues 的映射' }]);
  unknownKeys(ctx, root, '', ROOT_KEYS);
  const versionNode = root.get('version', true);
  const version = scalarOf(versionNode);
  if (version !== 1) issue(ctx, versionNode ?? root, 'version', { en: `expected version: 1 (the format this DeskPulse reads), got ${JSON.stringify(version ?? null)}`, zh: `应为 version: 1（本版 DeskPulse 读取的格式），实际为 ${JSON.stringify(version ?? null)}` });
  const zoneNode = root.get('timezone', true);
  const zone = scalarOf(zoneNode);
  if (typeof zone !== 'string' || !isValidZone(zone)) {
    issue(ctx, zoneNode ?? root, 'timezone', { en: `expected an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(zone ?? null)}`, zh: `应为 IANA 时区，例如 Asia/Shanghai，实际为 ${JSON.stringify(zone ?? null)}` });
  }
  const queuesNode = root.get('queues', true);
  const queues: DispatchQueueRule[] = [];
  if (!isSeq(queuesNode)) {
    issue(ctx, queuesNode ?? root, 'queues', { en: 'expected a list of queues (- id: ..., match: ...)', zh: '应为队列列表（- id: ..., match: ...）' });
  } else {
    const seen = new Map<string, number>();
    queuesNode.items.forEach((item, k) => {
      const queue = readQueue(ctx, item, `queues[${k}]`);
      if (!queue) return;
      const first = seen.get(queue.id);
      if (queue.id !== '' && first !== undefined) {
        issue(ctx, (item as YAMLMap).get('id', true), `queues[${k}].id`, { en: `queue id "${queue.id}" is already used by queues[${first}]: ids must be unique`,
          zh: `队列 id“${queue.id}”已被 queues[${first}] 使用：id 不能重复` });
      }
      seen.set(queue.id, k);
      queues.push(queue);
    });
  }
  if (ctx.issues.length > 0) {
    const at = (i: DispatchRulesIssue) => (i.line ?? 0) * 1e6 + (i.column ?? 0);
    throw new DispatchRulesError(source, [...ctx.issues].sort((a, b) => at(a) - at(b)));
  }
  return { source, version: 1, timezone: String(zone), queues, warnings: ctx.warnings };
}
