// The part of the DeskPulse config (config/deskpulse.yaml) the demo generator needs: teams, their
// calendars, promotion days and the zone, taken from the config's one reader (warehouse/config-file.ts).
import { readConfigFile } from '../../warehouse/config-file.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DemoCalendar {
  timezone?: string;
  /** Open hours per weekday, e.g. { mon: ['09:00-18:00'] }. */
  hours: Partial<Record<Weekday, readonly string[]>>;
  /** Local dates (YYYY-MM-DD) the calendar is closed. */
  holidays?: readonly (string | Date)[];
}

export interface DemoTeam {
  id: string;
  calendar: string;
  name_zh?: string;
  name_en?: string;
}

export interface DemoConfig {
  /** Zone of the demo's days and of the timestamps it writes; Asia/Shanghai when absent. */
  timezone?: string;
  calendars: Readonly<Record<string, DemoCalendar>>;
  teams: readonly DemoTeam[];
  default_calendar?: string;
  /** Extra promotion days; 06-18 and 11-11 of every year are promotion days anyway. */
  promotions?: readonly { date: string | Date; name?: string }[];
}

export const DEMO_TIMEZONE = 'Asia/Shanghai';

/** The demo's part of a DeskPulse config file, as the config's one reader checks it. */
export function readDemoConfig(file: string): DemoConfig {
  const { yaml, fail } = readConfigFile(file);
  if (!yaml.teams?.length) fail(['teams'], 'key "teams" is missing or empty; list at least one team with an id and a calendar');
  if (!yaml.calendars) fail([], 'key "calendars" is missing; define the calendars the teams name');
  const config: DemoConfig = {
    ...(yaml.timezone !== undefined ? { timezone: yaml.timezone } : {}),
    ...(yaml.default_calendar !== undefined ? { default_calendar: yaml.default_calendar } : {}),
    calendars: Object.fromEntries(Object.entries(yaml.calendars!).map(([id, c]) => [id, { ...c, hours: c.hours ?? {} }])),
    teams: yaml.teams!.map((t, i) => ({ ...t, calendar: t.calendar ?? fail(['teams', i], 'give the team its calendar, e.g. calendar: office') })),
    promotions: (yaml.promotions ?? []).map((p) => ({ date: p.date, ...(p.name !== undefined ? { name: String(p.name) } : {}) })),
  };
  checkDemoConfig(config, file);
  return config;
}

/** Refuses a config whose teams name calendars it does not define. */
export function checkDemoConfig(config: DemoConfig, where = 'config'): void {
  if (config.teams.length === 0) throw new Error(`${where}: no teams; the demo needs at least one team`);
  if (config.teams.length > 250) throw new Error(`${where}: ${config.teams.length} teams; the demo supports at most 250`);
  const seen = new Set<string>();
  for (const team of config.teams) {
    // Team ids end up in ENUM types and hand-written JSON: plain ids only, each once.
    if (!/^[A-Za-z0-9_.-]+$/.test(team.id)) throw new Error(`${where}: team id "${team.id}" may only use letters, digits, "_", "." and "-"`);
    if (seen.has(team.id)) throw new Error(`${where}: team id "${team.id}" is listed twice; give each team its own id`);
    seen.add(team.id);
    if (!config.calendars[team.calendar]) {
      throw new Error(`${where}: team "${team.id}" names calendar "${team.calendar}", which is not under "calendars"; add it or fix the name`);
    }
  }
}

/** A YAML date may arrive as a Date or as text; both become YYYY-MM-DD. */
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
