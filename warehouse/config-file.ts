// The one reader of the DeskPulse config file (config/deskpulse.yaml): reads it, parses the YAML
// keeping positions, checks it against one schema (every section's shape) and hands out the typed
// sections; every other module takes them from here (warehouse/config.ts adds the checks that need
// more than a shape, alerts/config the rules' and reports'). Refusals name file, line, column, key.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly column: number | undefined, readonly key: string, readonly reason: string) {
    super(`${file}${line ? `:${line}:${column ?? 1}` : ''}: ${key}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const DATE = { pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD' };
const DURATION = { description: 'a duration like 30m, 4h, 2d' };
const Duration = Type.Union([Type.String(), Type.Number()], DURATION);
const OpenRanges = Type.Array(Type.String({ description: 'a range like "09:00-18:00"' }), { description: 'a list of ranges like ["09:00-18:00"]' });

const CalendarSchema = Type.Object({
  timezone: Type.Optional(Type.String({ description: 'an IANA time zone such as Asia/Shanghai' })),
  hours: Type.Optional(Type.Partial(Type.Object({ mon: OpenRanges, tue: OpenRanges, wed: OpenRanges, thu: OpenRanges, fri: OpenRanges, sat: OpenRanges, sun: OpenRanges },
    { additionalProperties: false, description: 'open hours per weekday, e.g. { mon: ["09:00-18:00"] }' }))),
  holidays: Type.Optional(Type.Array(Type.String(DATE), { description: 'a list of dates YYYY-MM-DD' })),
}, { additionalProperties: false, description: 'a calendar { timezone, hours, holidays }' });

const TeamSchema = Type.Object({
  id: Type.String({ minLength: 1, description: 'a team id such as returns' }),
  name_zh: Type.Optional(Type.String({ description: 'a Chinese name' })),
  name_en: Type.Optional(Type.String({ description: 'an English name' })),
  calendar: Type.Optional(Type.String({ description: 'the id of a calendar under calendars' })),
  /** People in the team (staffing never plans more); absent: counted from the events. */
  headcount: Type.Optional(Type.Integer({ minimum: 1, description: 'a number of people; give a whole number above 0, e.g. headcount: 6' })),
}, { additionalProperties: false, description: 'a team { id, name_zh, name_en, calendar }' });

const SlaPolicySchema = Type.Object({
  priority: Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')], { description: 'low, normal, high or urgent' }),
  team: Type.Optional(Type.String({ description: 'a team id' })),
  first_response: Type.Optional(Duration),
  resolution: Type.Optional(Duration),
  clock: Type.Optional(Type.Union([Type.Literal('business'), Type.Literal('calendar')], { description: 'business or calendar' })),
}, { additionalProperties: false, description: 'a policy { priority, team, first_response, resolution, clock }' });

const OneOrMany = (description: string) => Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], { description });
const StepLimitSchema = Type.Object({
  status: Type.Union([Type.Literal('new'), Type.Literal('open'), Type.Literal('pending'), Type.Literal('on_hold')], { description: 'a working status: new, open, pending or on_hold' }),
  limit: Duration,
  team: Type.Optional(OneOrMany('a team id or a list of them')),
  problem_type: Type.Optional(OneOrMany('a problem type or a list of them')),
  clock: Type.Optional(Type.Union([Type.Literal('business'), Type.Literal('calendar')], { description: 'business or calendar' })),
}, { additionalProperties: false, description: 'a step limit { status, limit, team, problem_type, clock }' });

const PromotionSchema = Type.Object({
  date: Type.String(DATE),
  name: Type.Optional(Type.Union([Type.String(), Type.Number()], { description: 'a name' })),
}, { additionalProperties: false, description: 'a promotion day { date: 2026-11-11, name: 双十一 }' });

const ValueNamesSchema = Type.Object({
  zh: Type.Optional(Type.String({ description: 'a Chinese name' })),
  en: Type.Optional(Type.String({ description: 'an English name' })),
}, { additionalProperties: false, description: 'names as { zh: 中文名, en: English name }' });

/** The whole file's shape. `alerts`, `notify` and `reports` are checked item by item by alerts/config (their types live there). */
export const DeskPulseYamlSchema = Type.Object({
  version: Type.Optional(Type.Literal(1, { description: 'version 1 (the format this DeskPulse reads)' })),
  timezone: Type.Optional(Type.String({ description: 'an IANA time zone such as Asia/Shanghai' })),
  calendars: Type.Optional(Type.Record(Type.String(), CalendarSchema, { description: 'a mapping of calendars: calendars: { office: { hours: ... } }' })),
  teams: Type.Optional(Type.Array(TeamSchema, { description: 'a list of teams: teams: [ { id: returns, calendar: office } ]' })),
  default_calendar: Type.Optional(Type.String({ description: 'the id of a calendar under calendars' })),
  sla_policies: Type.Optional(Type.Array(SlaPolicySchema, { description: 'a list of policies: sla_policies: [ { priority: high, first_response: 30m } ]' })),
  step_limits: Type.Optional(Type.Array(StepLimitSchema, { description: 'a list of step limits: step_limits: [ { status: pending, limit: 24h } ]' })),
  promotions: Type.Optional(Type.Array(PromotionSchema, { description: 'a list of promotion days: promotions: [ { date: 2026-11-11 } ]' })),
  targets: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()], { description: 'a target like 90%, 0.9 or 30m' }),
    { description: 'a mapping of metric targets: targets: { csat: 80% }' })),
  labels: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), ValueNamesSchema, { description: 'a mapping of values to names: { web: { zh: 网页, en: Web } }' }),
    { description: 'a mapping of dimensions: labels: { channel: { web: { zh: 网页, en: Web } } }' })),
  dispatch_rules: Type.Optional(Type.String({ description: 'a path to the dispatch rules, relative to this file' })),
  pii: Type.Optional(Type.Object({ key_env: Type.Optional(Type.String({ description: 'an environment variable name' })) },
    { additionalProperties: false, description: 'a mapping { key_env: DESKPULSE_PII_KEY }' })),
  alerts: Type.Optional(Type.Array(Type.Unknown(), { description: 'a list of rules: alerts: [ { id: ..., kind: ... } ]' })),
  notify: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'a mapping of targets: notify: { ops: { type: webhook, url: ... } }' })),
  reports: Type.Optional(Type.Array(Type.Unknown(), { description: 'a list of reports: reports: [ { id: morning, schedule: "30 8 * * *", ... } ]' })),
  public_url: Type.Optional(Type.String({ description: 'an address such as https://deskpulse.example.com' })),
}, { additionalProperties: false });

export type DeskPulseYaml = Static<typeof DeskPulseYamlSchema>;

/** The parsed, checked file: its typed sections, and `fail` refusing a key at its line and column. */
export interface ConfigFile {
  file: string;
  yaml: DeskPulseYaml;
  fail: (path: readonly (string | number)[], reason: string) => never;
}

/** Reads and checks `file` (ConfigError naming file, line, column and key otherwise). */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, undefined, undefined, '(file)', 'cannot be read; pass --config or set DESKPULSE_CONFIG');
  }
  return parseConfigText(text, file);
}

/** The same for a text already read; `file` names it in refusals. */
export function parseConfigText(text: string, file: string): ConfigFile {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines });
  const syntax = doc.errors[0];
  if (syntax) throw new ConfigError(file, syntax.linePos?.[0].line, syntax.linePos?.[0].col, '(yaml)', syntax.message.split('\n')[0]!);
  // The place of a key's value, or of the nearest enclosing node that exists.
  const fail = (path: readonly (string | number)[], reason: string): never => {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
      if (node?.range) {
        const pos = lines.linePos(node.range[0]);
        throw new ConfigError(file, pos.line, pos.col, path.join('.') || '(file)', reason);
      }
    }
    throw new ConfigError(file, undefined, undefined, path.join('.') || '(file)', reason);
  };
  const yaml: unknown = doc.toJS() ?? {};
  if (typeof yaml !== 'object' || Array.isArray(yaml)) fail([], 'the file must be a mapping of keys (timezone:, calendars:, teams: ...)');
  const error = Value.Errors(DeskPulseYamlSchema, yaml).First();
  if (error) {
    const path = error.path.split('/').slice(1).map(unescapePointer);
    const reason = schemaReason(error.type, error.schema, error.value);
    // An unknown key is shown where the key is written, not its value.
    const key = error.type === ValueErrorType.ObjectAdditionalProperties ? keyNode(path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents, path.at(-1)!) : undefined;
    if (key?.range) {
      const pos = lines.linePos(key.range[0]);
      throw new ConfigError(file, pos.line, pos.col, path.join('.'), reason);
    }
    fail(path, reason);
  }
  return { file, yaml: yaml as DeskPulseYaml, fail };
}

function keyNode(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === key)?.key as Node | undefined;
}

const unescapePointer = (part: string) => part.replaceAll('~1', '/').replaceAll('~0', '~');

/** A schema refusal in words: what was written and what the key takes. */
function schemaReason(type: ValueErrorType, schema: TSchema, value: unknown): string {
  if (type === ValueErrorType.ObjectAdditionalProperties) return `unknown key; the keys are ${Object.keys(schema.properties ?? {}).join(', ')}`;
  const wanted = schema.description ?? 'of this type';
  if (type === ValueErrorType.ObjectRequiredProperty || value === undefined) return `missing; give ${wanted}`;
  const written = typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'a list' : 'a mapping') : JSON.stringify(value);
  return `${written} is not ${wanted}`;
}
