// The `alerts:` rules and `notify:` targets of deskpulse.yaml, as the config's one reader
// (warehouse/config-file.ts) hands them out, checked against the metric catalogue, the dimensions and
// the notify types; every refusal names file, line and column (ConfigError).
import { parseConfigText, readConfigFile, type ConfigFile } from '../../warehouse/config-file.ts';
import { parseDuration } from '../../warehouse/duration.ts';
import type { StepLimit } from '../../warehouse/config.ts';
import { METRICS } from '../../warehouse/metrics/catalog.ts';
import { DIMENSIONS, type Dimension } from '../../warehouse/metrics/filter.ts';
import { KPI_COLUMNS, type KpiColumn } from '../../warehouse/metrics/kpis.ts';
import { notifyType, notifyTypeNames } from '../notify/registry.ts';
// E-mail targets register their type when imported: rules may notify them as reports do.
import '../notify/email.ts';
import type { NotifyTarget } from '../notify/target.ts';

export const RULE_KINDS = ['threshold', 'anomaly', 'breaching', 'step'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

interface RuleBase {
  id: string;
  kind: RuleKind;
  filter: Partial<Record<Dimension, string[]>>;
  by: Dimension[];
  /** Target ids; escalation moves along this list. */
  notify: string[];
  /** Least seconds between two notifications of one alert (a group firing again within it is not re-sent). */
  cooldown: number;
}
export interface ThresholdRule extends RuleBase { kind: 'threshold'; metric: KpiColumn; window: number; below?: number; above?: number; minCount: number }
export interface AnomalyRule extends RuleBase { kind: 'anomaly'; metric: 'volume'; window: number; level: number; minCount: number }
export interface BreachingRule extends RuleBase { kind: 'breaching'; within: number; remindEvery: number; escalateAfter: number }
/** Tickets over their step limit (config step_limits:); `statuses` null: every limited status. Reminded and escalated as a breach. */
export interface StepRule extends RuleBase { kind: 'step'; statuses: StepLimit['status'][] | null; remindEvery: number; escalateAfter: number }
export type AlertRule = ThresholdRule | AnomalyRule | BreachingRule | StepRule;

export interface AlertConfig { file: string; rules: AlertRule[]; targets: Map<string, NotifyTarget> }

/** The live view's breaching horizon (warehouse/metrics/sql/live-breaching.sql looks an hour ahead). */
const MAX_WITHIN_SECONDS = 3600;
const RULE_KEYS: Record<RuleKind, string[]> = {
  threshold: ['metric', 'below', 'above', 'window', 'min_count'],
  anomaly: ['metric', 'window', 'level', 'min_count'],
  breaching: ['within', 'remind_every', 'escalate_after'],
  step: ['status', 'remind_every', 'escalate_after'],
};
const COMMON_KEYS = ['id', 'kind', 'filter', 'by', 'notify', 'cooldown'];

/** A bound as written: 0.8, "80%", or a duration ("30m") for a metric in seconds. */
function boundValue(written: unknown, unit: string): number | undefined {
  const text = String(written).trim();
  if (unit === 'seconds') return parseDuration(text) ?? (/^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined);
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return Number(percent[1]) / 100;
  return /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** A rule's or report's notify: (one id or a list), each a target defined under notify:. */
export function notifyList(written: unknown, path: (string | number)[], targets: Map<string, NotifyTarget>, fail: ConfigFile['fail'], example: string): string[] {
  const notify = (Array.isArray(written) ? written : written === undefined ? [] : [written]).map(String);
  if (notify.length === 0) fail(path, `name at least one target of notify:, e.g. notify: [${example}]`);
  notify.forEach((t, j) => {
    if (!targets.has(t)) fail([...path, j], `unknown notify target "${t}"; define it under notify: (${[...targets.keys()].join(', ') || 'none yet'})`);
  });
  return notify;
}

export function readAlertConfig(file: string): AlertConfig {
  return alertConfigOf(readConfigFile(file));
}

export function parseAlertConfig(text: string, file: string): AlertConfig {
  return alertConfigOf(parseConfigText(text, file));
}

/** The rules and targets of the config file as config-file.ts read it. */
export function alertConfigOf({ file, yaml, fail }: ConfigFile): AlertConfig {
  // The file's shape is checked (notify a mapping, alerts a list); each target and rule is checked here.
  const raw = yaml as Record<string, any>;
  const targets = new Map<string, NotifyTarget>();
  for (const [id, settings] of Object.entries((raw.notify ?? {}) as Record<string, any>)) {
    if (!settings || typeof settings !== 'object') fail(['notify', id], 'give the target as { type: webhook, url: ... }');
    const type = notifyType(String(settings.type));
    if (!type) fail(['notify', id, 'type'], `unknown type "${settings.type}"; use one of ${notifyTypeNames().join(', ')}`);
    for (const problem of type!.check(settings)) fail(problem.key ? ['notify', id, problem.key] : ['notify', id], problem.reason);
    targets.set(id, { id, type: String(settings.type), settings });
  }

  const seen = new Set<string>();
  const rules = ((raw.alerts ?? []) as any[]).map((r, i): AlertRule => {
    const at = (key: string) => ['alerts', i, key];
    if (!r || typeof r !== 'object') fail(['alerts', i], 'a rule is a mapping with id, kind, notify ...');
    if (typeof r.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(r.id)) fail(at('id'), 'a rule needs an id of letters, digits, - and _ (at most 64)');
    if (seen.has(r.id)) fail(at('id'), `a second rule "${r.id}"; ids must differ`);
    seen.add(r.id);
    if (!RULE_KINDS.includes(r.kind)) fail(at('kind'), `unknown kind "${r.kind}"; use ${RULE_KINDS.join(', ')}`);
    const kind = r.kind as RuleKind;
    for (const key of Object.keys(r)) {
      if (!COMMON_KEYS.includes(key) && !RULE_KEYS[kind].includes(key)) fail(at(key), `unknown key for a ${kind} rule; use ${[...COMMON_KEYS, ...RULE_KEYS[kind]].join(', ')}`);
    }
    const duration = (key: string, fallback?: number): number => {
      if (r[key] === undefined && fallback !== undefined) return fallback;
      if (r[key] === undefined) return fail(at(key), `give the ${key} as a duration like 30m, 2h`);
      const seconds = parseDuration(String(r[key]));
      return seconds !== undefined && seconds > 0 ? seconds : fail(at(key), `"${r[key]}" is not a duration like 30m, 2h, 1d`);
    };
    const filter: Partial<Record<Dimension, string[]>> = {};
    if (r.filter !== undefined && (typeof r.filter !== 'object' || Array.isArray(r.filter))) fail(at('filter'), 'give the filter as { dimension: [values] }');
    for (const [dimension, values] of Object.entries((r.filter ?? {}) as Record<string, unknown>)) {
      if (!DIMENSIONS.includes(dimension as Dimension)) fail(['alerts', i, 'filter', dimension], `unknown dimension; use ${DIMENSIONS.join(', ')}`);
      filter[dimension as Dimension] = (Array.isArray(values) ? values : [values]).map(String);
    }
    const by = (r.by === undefined ? [] : Array.isArray(r.by) ? r.by : [r.by]).map(String) as Dimension[];
    by.forEach((d, j) => { if (!DIMENSIONS.includes(d)) fail(['alerts', i, 'by', j], `unknown dimension "${d}"; use ${DIMENSIONS.join(', ')}`); });
    const notify = notifyList(r.notify, ['alerts', i, 'notify'], targets, fail, 'ops');
    const base = { id: r.id as string, filter, by, notify, cooldown: duration('cooldown', 1800) };
    const minCount = (fallback: number) => {
      if (r.min_count === undefined) return fallback;
      return Number.isInteger(r.min_count) && r.min_count >= 0 ? r.min_count as number : fail(at('min_count'), 'give a whole number of tickets, e.g. 5');
    };
    if (kind === 'breaching') {
      if (by.some((d) => d !== 'team')) fail(at('by'), 'a breaching rule groups by team only (or not at all)');
      const within = duration('within', 1800);
      if (within > MAX_WITHIN_SECONDS) fail(at('within'), 'at most 60m: the live view looks an hour ahead');
      return { ...base, kind, within, remindEvery: duration('remind_every', 600), escalateAfter: duration('escalate_after', 1800) };
    }
    if (kind === 'step') {
      if (by.some((d) => d !== 'team')) fail(at('by'), 'a step rule groups by team only (or not at all)');
      if (!yaml.step_limits?.length) fail(at('kind'), 'a step rule needs step limits: declare step_limits: [ { status: pending, limit: 24h } ] in this file');
      const limited = [...new Set(yaml.step_limits!.map((l) => l.status))];
      const statuses = r.status === undefined ? null : (Array.isArray(r.status) ? r.status : [r.status]).map(String);
      statuses?.forEach((s: string, j: number) => {
        if (!limited.includes(s as StepLimit['status'])) fail(Array.isArray(r.status) ? ['alerts', i, 'status', j] : at('status'), `"${s}" has no step limit; use one of ${limited.join(', ')}`);
      });
      return { ...base, kind, statuses: statuses as StepLimit['status'][] | null, remindEvery: duration('remind_every', 600), escalateAfter: duration('escalate_after', 1800) };
    }
    const metric = String(r.metric ?? 'volume');
    const definition = METRICS.find((m) => m.key === metric);
    if (!definition) fail(at('metric'), `unknown metric "${metric}"; use one of ${METRICS.map((m) => m.key).join(', ')}`);
    const window = duration('window');
    if (window > 31 * 86400) fail(at('window'), 'at most 31d');
    if (kind === 'anomaly') {
      if (metric !== 'volume') fail(at('metric'), 'an anomaly rule counts tickets: metric: volume');
      const level = r.level === undefined ? 0.001 : Number(r.level);
      if (!(level > 0 && level < 0.5)) fail(at('level'), `"${r.level}" is not a tail probability between 0 and 0.5, e.g. 0.001`);
      return { ...base, kind, metric: 'volume', window, level, minCount: minCount(5) };
    }
    if (!KPI_COLUMNS.includes(metric as KpiColumn)) fail(at('metric'), `"${metric}" has no value over a rolling window; use one of ${KPI_COLUMNS.join(', ')}`);
    if (by.length > 1) fail(at('by'), 'a threshold rule groups by one dimension');
    const bound = (key: 'below' | 'above') => r[key] === undefined ? undefined
      : boundValue(r[key], definition!.unit) ?? fail(at(key), `"${r[key]}" is not a ${definition!.unit === 'ratio' ? 'share (0.8 or 80%)' : definition!.unit === 'seconds' ? 'duration like 30m' : 'number'}`);
    const below = bound('below');
    const above = bound('above');
    if (below === undefined && above === undefined) fail(['alerts', i], 'a threshold rule needs below: or above:');
    return { ...base, kind, metric: metric as KpiColumn, window, below, above, minCount: minCount(0) };
  });
  return { file, rules, targets };
}
