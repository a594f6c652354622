// The DeskPulse config file (config/deskpulse.yaml): calendars, teams, SLA policies, promotions,
// names of dimension values, the dispatch rules path. Read and checked once at start-up; errors name file, line and key.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { parseDuration } from './duration.ts';
import { LABELLED_DIMENSIONS } from './event-model.ts';
import type { ValueLabel } from './value-labels.ts';
import { METRICS, type MetricKey } from './metrics/catalog.ts';

export const DEFAULT_CONFIG_PATH = './config/deskpulse.yaml';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface CalendarConfig {
  id: string;
  timezone: string;
  /** Open ranges per ISO weekday (1 = Monday) as [open, close] minutes after local midnight. */
  hours: Record<number, [number, number][]>;
  holidays: string[];
}
export interface TeamConfig {
  id: string; name_zh?: string; name_en?: string; calendar: string;
  /** People in the team (staffing never plans more); absent: counted from the events. */
  headcount?: number;
}
export interface SlaPolicy { priority: string; team?: string; first_response?: number; resolution?: number; clock: 'business' | 'calendar' }
export interface DeskPulseConfig {
  file: string;
  timezone: string;
  calendars: CalendarConfig[];
  teams: TeamConfig[];
  default_calendar: string;
  sla_policies: SlaPolicy[];
  promotions: { date: string; name?: string }[];
  /** KPI targets the charts draw as lines, in the metric's unit (ratios 0..1, durations in seconds). */
  targets: Partial<Record<MetricKey, number>>;
  /** Names of dimension values in both languages (value_labels). */
  labels: ValueLabel[];
  dispatch_rules?: string;
}

export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly key: string, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${key}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** --config flag, then DESKPULSE_CONFIG, then ./config/deskpulse.yaml. */
export function resolveConfigPath(flag?: string): string {
  return resolve(flag ?? process.env.DESKPULSE_CONFIG ?? DEFAULT_CONFIG_PATH);
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A target as written ("90%" or 0.9 for shares, "2h" for durations, a number otherwise) in the metric's unit; undefined: not one. */
function targetValue(text: string, unit: string): number | undefined {
  if (unit === 'seconds') return parseDuration(text);
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  const value = unit === 'ratio' && percent ? Number(percent[1]) / 100 : /^-?\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isFinite(value)) return undefined;
  return unit === 'ratio' && (value < 0 || value > 1) ? undefined : value;
}

export function loadConfig(file: string): DeskPulseConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, undefined, '(file)', 'cannot be read; pass --config or set DESKPULSE_CONFIG');
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(file, e.linePos?.[0].line, '(yaml)', e.message.split('\n')[0]!);
  }
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as Node | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  const fail = (path: (string | number)[], reason: string): never => {
    throw new ConfigError(file, lineOf(path), path.join('.'), reason);
  };
  const known = ['version', 'timezone', 'calendars', 'teams', 'default_calendar', 'sla_policies', 'promotions', 'targets', 'labels', 'dispatch_rules', 'pii',
    // read and checked by alerts/config (alerts, notify) and the digest's schedule (reports)
    'alerts', 'notify', 'reports', 'public_url'];
  const root = doc.contents;
  if (!isMap(root)) fail([], 'the file must be a mapping of keys');
  for (const item of (root as { items: { key: unknown }[] }).items) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key);
    if (!known.includes(key)) fail([key], `unknown key; the keys are ${known.join(', ')}`);
  }
  const raw = doc.toJS() as Record<string, any>;
  const timezone = String(raw.timezone ?? 'Asia/Shanghai');
  if (!isZone(timezone)) fail(['timezone'], `unknown time zone "${timezone}"; use an IANA name such as Asia/Shanghai`);

  const calendars: CalendarConfig[] = Object.entries((raw.calendars ?? {}) as Record<string, any>).map(([id, c]) => {
    const zone = String(c?.timezone ?? timezone);
    if (!isZone(zone)) fail(['calendars', id, 'timezone'], `unknown time zone "${zone}"`);
    const hours: Record<number, [number, number][]> = {};
    for (const [day, ranges] of Object.entries((c?.hours ?? {}) as Record<string, unknown>)) {
      const dow = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1;
      if (dow === 0) fail(['calendars', id, 'hours', day], `unknown weekday; use ${WEEKDAYS.join(', ')}`);
      hours[dow] = ((ranges ?? []) as unknown[]).map((r, i) => {
        const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(String(r));
        const open = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
        const close = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
        if (!m || !(open < close) || close > 24 * 60) fail(['calendars', id, 'hours', day, i], `"${String(r)}" is not a range like "09:00-18:00" (end after start)`);
        return [open, close] as [number, number];
      });
    }
    const holidays = ((c?.holidays ?? []) as unknown[]).map((h) => (h instanceof Date ? h.toISOString().slice(0, 10) : String(h)));
    holidays.forEach((h, i) => { if (!/^\d{4}-\d\d-\d\d$/.test(h)) fail(['calendars', id, 'holidays', i], `"${h}" is not a date YYYY-MM-DD`); });
    return { id, timezone: zone, hours, holidays };
  });
  const calendarIds = new Set(calendars.map((c) => c.id));
  const teams: TeamConfig[] = ((raw.teams ?? []) as any[]).map((t, i) => {
    if (!t?.id) fail(['teams', i], 'a team needs an id');
    if (!calendarIds.has(t.calendar)) fail(['teams', i, 'calendar'], `unknown calendar "${t.calendar}"; define it under calendars`);
    if (t.headcount !== undefined && !(Number.isInteger(t.headcount) && t.headcount > 0)) {
      fail(['teams', i, 'headcount'], `"${t.headcount}" is not a number of people; give a whole number above 0, e.g. headcount: 6`);
    }
    return { id: String(t.id), name_zh: t.name_zh, name_en: t.name_en, calendar: String(t.calendar), ...(t.headcount !== undefined ? { headcount: t.headcount as number } : {}) };
  });
  const defaultCalendar = String(raw.default_calendar ?? calendars[0]?.id ?? '');
  if (!calendarIds.has(defaultCalendar)) fail(['default_calendar'], `unknown calendar "${defaultCalendar}"`);
  const sla_policies: SlaPolicy[] = ((raw.sla_policies ?? []) as any[]).map((p, i) => {
    const seconds = (key: 'first_response' | 'resolution') => {
      if (p?.[key] === undefined) return undefined;
      return parseDuration(String(p[key])) ?? fail(['sla_policies', i, key], `"${p[key]}" is not a duration like 30m, 4h, 2d`);
    };
    if (!['low', 'normal', 'high', 'urgent'].includes(p?.priority)) fail(['sla_policies', i, 'priority'], 'must be low, normal, high or urgent');
    if (!['business', 'calendar'].includes(p?.clock ?? 'business')) fail(['sla_policies', i, 'clock'], 'must be business or calendar');
    return { priority: p.priority, team: p.team, first_response: seconds('first_response'), resolution: seconds('resolution'), clock: p.clock ?? 'business' };
  });
  const promotions = ((raw.promotions ?? []) as any[]).map((p) => ({ date: p.date instanceof Date ? p.date.toISOString().slice(0, 10) : String(p.date), name: p.name }));
  const targets: Partial<Record<MetricKey, number>> = {};
  for (const [metric, written] of Object.entries((raw.targets ?? {}) as Record<string, unknown>)) {
    const definition = METRICS.find((d) => d.key === metric);
    if (!definition) fail(['targets', metric], `unknown metric; targets take ${METRICS.map((d) => d.key).join(', ')}`);
    targets[metric as MetricKey] = targetValue(String(written), definition!.unit) ?? fail(['targets', metric],
      definition!.unit === 'ratio' ? `"${String(written)}" is not a share; write e.g. 90% or 0.9`
        : definition!.unit === 'seconds' ? `"${String(written)}" is not a duration like 30m, 4h, 2d` : `"${String(written)}" is not a number`);
  }
  const labels: ValueLabel[] = Object.entries((raw.labels ?? {}) as Record<string, unknown>).flatMap(([dimension, values]) => {
    if (!LABELLED_DIMENSIONS.includes(dimension)) fail(['labels', dimension], `unknown dimension; name values of ${LABELLED_DIMENSIONS.join(', ')} (teams are named under teams)`);
    return Object.entries((values ?? {}) as Record<string, any>).map(([value, names]) => {
      const zh = names?.zh;
      const en = names?.en;
      if ((zh === undefined && en === undefined) || [zh, en].some((n) => n !== undefined && typeof n !== 'string')) {
        fail(['labels', dimension, value], 'give the value its names as { zh: 中文名, en: English name }');
      }
      return { dimension, value, zh: zh ?? null, en: en ?? null };
    });
  });
  const dispatch = raw.dispatch_rules ? resolve(dirname(file), String(raw.dispatch_rules)) : undefined;
  return { file, timezone, calendars, teams, default_calendar: defaultCalendar, sla_policies, promotions, targets, labels, dispatch_rules: dispatch };
}
