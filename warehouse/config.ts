// The DeskPulse config (config/deskpulse.yaml) as the warehouse uses it: calendars, teams, SLA policies,
// promotions, targets, names of dimension values, the dispatch rules path. The file is read and its shape
// checked by config-file.ts; this adds what a shape cannot say. Errors name file, line, column and key.
import { dirname, resolve } from 'node:path';
import { readConfigFile, type ConfigFile } from './config-file.ts';
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
/** How long a ticket may stay in one working status (the `step` alert, the step on-time rate); team/problem_type absent: any. */
export interface StepLimit { status: 'new' | 'open' | 'pending' | 'on_hold'; limit: number; teams?: string[]; problem_types?: string[]; clock: 'business' | 'calendar' }
export interface DeskPulseConfig {
  file: string;
  timezone: string;
  calendars: CalendarConfig[];
  teams: TeamConfig[];
  default_calendar: string;
  sla_policies: SlaPolicy[];
  step_limits: StepLimit[];
  promotions: { date: string; name?: string }[];
  /** KPI targets the charts draw as lines, in the metric's unit (ratios 0..1, durations in seconds). */
  targets: Partial<Record<MetricKey, number>>;
  /** Names of dimension values in both languages (value_labels). */
  labels: ValueLabel[];
  dispatch_rules?: string;
}

export { ConfigError } from './config-file.ts';

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
  return deskPulseConfigOf(readConfigFile(file));
}

/** The checked config of a file read by config-file.ts: zones, ranges, durations, ids that must exist. */
export function deskPulseConfigOf({ file, yaml, fail }: ConfigFile): DeskPulseConfig {
  const timezone = yaml.timezone ?? 'Asia/Shanghai';
  if (!isZone(timezone)) fail(['timezone'], `unknown time zone "${timezone}"; use an IANA name such as Asia/Shanghai`);

  const calendars: CalendarConfig[] = Object.entries(yaml.calendars ?? {}).map(([id, c]) => {
    const zone = c.timezone ?? timezone;
    if (!isZone(zone)) fail(['calendars', id, 'timezone'], `unknown time zone "${zone}"`);
    const hours: Record<number, [number, number][]> = {};
    for (const [day, ranges] of Object.entries(c.hours ?? {})) {
      hours[WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1] = (ranges ?? []).map((r, i) => {
        const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(r);
        const open = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
        const close = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
        if (!m || !(open < close) || close > 24 * 60) fail(['calendars', id, 'hours', day, i], `"${r}" is not a range like "09:00-18:00" (end after start)`);
        return [open, close] as [number, number];
      });
    }
    return { id, timezone: zone, hours, holidays: c.holidays ?? [] };
  });
  const calendarIds = new Set(calendars.map((c) => c.id));
  const teams: TeamConfig[] = (yaml.teams ?? []).map((t, i) => {
    if (t.calendar === undefined) fail(['teams', i], `give the team its calendar, one of ${[...calendarIds].join(', ') || 'none yet: define one under calendars'}`);
    if (!calendarIds.has(t.calendar!)) fail(['teams', i, 'calendar'], `unknown calendar "${t.calendar}"; define it under calendars`);
    return { id: t.id, name_zh: t.name_zh, name_en: t.name_en, calendar: t.calendar!, ...(t.headcount !== undefined ? { headcount: t.headcount } : {}) };
  });
  const defaultCalendar = yaml.default_calendar ?? calendars[0]?.id ?? '';
  if (!calendarIds.has(defaultCalendar)) fail(['default_calendar'], `unknown calendar "${defaultCalendar}"`);
  const sla_policies: SlaPolicy[] = (yaml.sla_policies ?? []).map((p, i) => {
    const seconds = (key: 'first_response' | 'resolution') => {
      if (p[key] === undefined) return undefined;
      return parseDuration(String(p[key])) ?? fail(['sla_policies', i, key], `"${p[key]}" is not a duration like 30m, 4h, 2d`);
    };
    return { priority: p.priority, team: p.team, first_response: seconds('first_response'), resolution: seconds('resolution'), clock: p.clock ?? 'business' };
  });
  const teamIds = new Set(teams.map((t) => t.id));
  const listOf = (written: string | string[] | undefined) => (written === undefined ? undefined : Array.isArray(written) ? written : [written]);
  const step_limits: StepLimit[] = (yaml.step_limits ?? []).map((s, i) => {
    const limit = parseDuration(String(s.limit));
    if (limit === undefined || limit <= 0) fail(['step_limits', i, 'limit'], `"${s.limit}" is not a duration like 30m, 24h, 3d`);
    const stepTeams = listOf(s.team);
    // Teams must exist when the config names any (a typo would otherwise match nothing, silently).
    stepTeams?.forEach((t, j) => {
      if (teamIds.size > 0 && !teamIds.has(t)) fail(['step_limits', i, 'team', ...(Array.isArray(s.team) ? [j] : [])], `unknown team "${t}"; use one of ${[...teamIds].join(', ')}`);
    });
    return { status: s.status, limit: limit!, teams: stepTeams, problem_types: listOf(s.problem_type), clock: s.clock ?? 'business' };
  });
  const promotions = (yaml.promotions ?? []).map((p) => ({ date: p.date, name: p.name === undefined ? undefined : String(p.name) }));
  const targets: Partial<Record<MetricKey, number>> = {};
  for (const [metric, written] of Object.entries(yaml.targets ?? {})) {
    const definition = METRICS.find((d) => d.key === metric);
    if (!definition) fail(['targets', metric], `unknown metric; targets take ${METRICS.map((d) => d.key).join(', ')}`);
    targets[metric as MetricKey] = targetValue(String(written), definition!.unit) ?? fail(['targets', metric],
      definition!.unit === 'ratio' ? `"${String(written)}" is not a share; write e.g. 90% or 0.9`
        : definition!.unit === 'seconds' ? `"${String(written)}" is not a duration like 30m, 4h, 2d` : `"${String(written)}" is not a number`);
  }
  const labels: ValueLabel[] = Object.entries(yaml.labels ?? {}).flatMap(([dimension, values]) => {
    if (!LABELLED_DIMENSIONS.includes(dimension)) fail(['labels', dimension], `unknown dimension; name values of ${LABELLED_DIMENSIONS.join(', ')} (teams are named under teams)`);
    return Object.entries(values).map(([value, { zh, en }]) => {
      if (zh === undefined && en === undefined) fail(['labels', dimension, value], 'give the value its names as { zh: 中文名, en: English name }');
      return { dimension, value, zh: zh ?? null, en: en ?? null };
    });
  });
  const dispatch = yaml.dispatch_rules ? resolve(dirname(file), yaml.dispatch_rules) : undefined;
  return { file, timezone, calendars, teams, default_calendar: defaultCalendar, sla_policies, step_limits, promotions, targets, labels, dispatch_rules: dispatch };
}
