// Everything the demo derives from its options before generating a ticket: the days and their
// facts, team calendars and routing, the agents, and the dictionaries that decode event codes.
import { DateTime } from 'luxon';
import { ACTORS, EVENT_TYPES, PRIORITIES, STATUSES } from '../../warehouse/event-model.ts';
import { CalendarClock } from './calendar-clock.ts';
import { DEMO_TIMEZONE, checkDemoConfig, isoDate, type DemoConfig, type DemoTeam } from './demo-config.ts';
import { PROBLEM_SHARE, promotionFactors, type DayFacts } from './demand-model.ts';
import { CHANNEL_LABELS, PRODUCT_LABELS, PROBLEM_TYPE_LABELS, REGION_LABELS, SUBTYPE_LABELS } from './labels.ts';
import { RATING_COMMENTS } from './rating-comments.ts';
import { RATING_DIMENSIONS } from './ticket-lifecycle.ts';
import { buildRoster, type DemoAgent } from './roster.ts';
import { cumulative } from './rng.ts';

export interface DemoOptions {
  /** Number of days, ending with `end`. */
  days: number;
  /** Mean tickets per day in an ordinary week; promotions and weekdays move it up and down. */
  ticketsPerDay: number;
  seed: number;
  /** Last day (YYYY-MM-DD, local in the config's zone, Asia/Shanghai by default); yesterday when absent. */
  end?: string;
  config: DemoConfig;
}

/** Strings that decode the event code columns; index 0 of a code is null, so code c is entry c - 1. */
export interface DemoDictionaries {
  /** Ticket id prefix per creation day index: 'T' + yyyymmdd. */
  ticketPrefixes: string[];
  eventTypes: readonly string[];
  actors: readonly string[];
  agents: string[];
  teams: string[];
  channels: string[];
  problemTypes: string[];
  subtypes: string[];
  products: string[];
  regions: string[];
  priorities: readonly string[];
  statuses: readonly string[];
  comments: readonly string[];
  /** What a rating rates, beside the overall rating (speed, quality, attitude). */
  ratingDimensions: readonly string[];
  /** Zone of the written local times, and their fixed offset ('+08:00'); null: written in UTC ('Z'). */
  zone: string;
  offset: { label: string; seconds: number } | null;
}

export interface DemoPlan {
  options: DemoOptions;
  zone: string;
  /** Local dates, oldest first. */
  dates: string[];
  /** Start of each local day as epoch seconds; entry `days` is the end of the last day. */
  dayStart: Float64Array;
  endInstant: number;
  facts: DayFacts[];
  /** Slow growth over the period, 1 in its middle. */
  trend: Float64Array;
  teams: readonly DemoTeam[];
  teamClocks: CalendarClock[];
  /** When customers write back: 08:00-23:00 every day. */
  customerClock: CalendarClock;
  roster: DemoAgent[];
  /** Per team: candidate agent indexes and cumulative weights (own agents first, fast ones more). */
  agentPools: { agents: number[]; weights: Float64Array }[];
  /** Per problem type: candidate home teams and cumulative weights. */
  routes: { teams: number[]; weights: Float64Array }[];
  /** Per problem type: the team tickets are moved to when another team has to help. */
  relatedTeam: number[];
  /** The escalations team, or -1 (escalations then stay in the team). */
  escalationTeam: number;
  /** Tickets a team receives on an ordinary day: the base of its load factor. */
  teamBaseline: Float64Array;
  dictionaries: DemoDictionaries;
}

const ROUTES: readonly (readonly [string, number][])[] = [
  [['returns', 1]],
  [['logistics', 1]],
  [['quality', 1]],
  [['install', 1]],
  [['presales', 1]],
  [['escalations', 0.6], ['returns', 0.25], ['quality', 0.15]],
  [['returns', 1]],
];
const RELATED = ['quality', 'returns', 'install', 'quality', 'returns', 'returns', 'presales'];
/**
 * Mean recorded handle minutes per ticket of each problem type over its whole life (replies,
 * talk, transfers, notes, resolution), as ticket-lifecycle.ts produces them: measured on the
 * default demo (120 days x 3,000 tickets/day). Sizes the roster; re-measure if the lifecycle changes.
 */
const HANDLE_MINUTES_PER_TICKET = [10.7, 9.3, 14.1, 13.9, 8.6, 19.6, 7.5];

export function defaultDemoEnd(zone = DEMO_TIMEZONE): string {
  return DateTime.now().setZone(zone).minus({ days: 1 }).toISODate()!;
}

function checkOptions(o: DemoOptions): void {
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 3660) throw new Error(`demo days: ${o.days} is not a whole number from 1 to 3660`);
  if (!(o.ticketsPerDay > 0 && o.ticketsPerDay <= 100_000)) throw new Error(`demo ticketsPerDay: ${o.ticketsPerDay} is not a number above 0 and at most 100000`);
  if (!Number.isSafeInteger(o.seed)) throw new Error(`demo seed: ${o.seed} is not a whole number`);
  if (o.end !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(o.end) && DateTime.fromISO(o.end).isValid)) {
    throw new Error(`demo end: "${o.end}" is not a date like 2026-11-22`);
  }
  checkDemoConfig(o.config, 'demo config');
}

/** The zone's offset if it is the same over the whole range ('+08:00' for Shanghai), else null. */
function fixedOffset(zone: string, dayStart: Float64Array): DemoDictionaries['offset'] {
  const offsets = new Set<number>();
  for (const t of dayStart) {
    offsets.add(DateTime.fromSeconds(t, { zone }).offset);
    offsets.add(DateTime.fromSeconds(t + 43_200, { zone }).offset);
  }
  if (offsets.size !== 1) return null;
  const minutes = [...offsets][0]!;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return { label: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`, seconds: minutes * 60 };
}

function teamIndex(teams: readonly DemoTeam[], id: string): number {
  return teams.findIndex((t) => t.id === id);
}

/** Per problem type: the home teams it is routed to and their cumulative weights. */
function demoRoutes(teams: readonly DemoTeam[]): DemoPlan['routes'] {
  return ROUTES.map((choices, pt) => {
    const known = choices.map(([id, w]) => [teamIndex(teams, id), w] as const).filter(([i]) => i >= 0);
    if (known.length === 0) return { teams: [pt % teams.length], weights: cumulative([1]) };
    return { teams: known.map(([i]) => i), weights: cumulative(known.map(([, w]) => w)) };
  });
}

/** Tickets and recorded handle hours each team gets on an ordinary day. */
function ordinaryDay(routes: DemoPlan['routes'], teamCount: number, ticketsPerDay: number): { tickets: Float64Array; handleHours: Float64Array } {
  const tickets = new Float64Array(teamCount);
  const handleHours = new Float64Array(teamCount);
  routes.forEach((route, pt) => {
    const total = route.weights[route.weights.length - 1]!;
    route.teams.forEach((ti, k) => {
      const w = route.weights[k]! - (k > 0 ? route.weights[k - 1]! : 0);
      const n = ticketsPerDay * PROBLEM_SHARE[pt]! * (w / total);
      tickets[ti]! += n;
      handleHours[ti]! += (n * HANDLE_MINUTES_PER_TICKET[pt]!) / 60;
    });
  });
  return { tickets, handleHours };
}

/**
 * The demo's agents for these options: each team staffed for the workload of its ordinary open day
 * (a team open 5 days a week does the week's tickets in those 5), so the roster grows with the
 * volume. Everything that names the demo's agents must build it from here.
 */
export function demoRoster(options: Pick<DemoOptions, 'ticketsPerDay' | 'config'>): DemoAgent[] {
  const { teams, calendars } = options.config;
  const perDay = ordinaryDay(demoRoutes(teams), teams.length, options.ticketsPerDay).handleHours;
  return buildRoster(teams, teams.map((team, i) => {
    const openDays = Object.values(calendars[team.calendar]!.hours).filter((spans) => spans && spans.length > 0).length;
    return (perDay[i]! * 7) / Math.max(1, openDays);
  }));
}

export function planDemo(options: DemoOptions): DemoPlan {
  checkOptions(options);
  const { config, days } = options;
  const zone = config.timezone ?? DEMO_TIMEZONE;
  const last = DateTime.fromISO(options.end ?? defaultDemoEnd(zone), { zone });
  const first = last.minus({ days: days - 1 });
  const dates: string[] = [];
  const dayStart = new Float64Array(days + 1);
  for (let d = 0; d <= days; d++) {
    const day = first.plus({ days: d });
    dayStart[d] = day.toSeconds();
    if (d < days) dates.push(day.toISODate()!);
  }

  const teams = config.teams;
  const clockFrom = first.minus({ days: 1 }).toISODate()!;
  const clockTo = last.plus({ days: 2 }).toISODate()!;
  const teamClocks = teams.map((t) => CalendarClock.build(config.calendars[t.calendar]!, zone, clockFrom, clockTo));
  const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['08:00-23:00']]));
  const customerClock = CalendarClock.build({ timezone: zone, hours: everyDay }, zone, clockFrom, clockTo);

  const holidays = new Set(teams.flatMap((t) => (config.calendars[t.calendar]!.holidays ?? []).map(isoDate)));
  const promotions = promotionFactors(dates, (config.promotions ?? []).map((p) => isoDate(p.date)));
  const facts = dates.map((date, d): DayFacts => ({
    weekday: first.plus({ days: d }).weekday - 1,
    isHoliday: holidays.has(date),
    promotion: promotions[d]!,
  }));
  const trend = Float64Array.from(dates, (_, d) => Math.exp((0.1 * (d - (days - 1) / 2)) / 365));

  const roster = demoRoster(options);
  const agentPools = teams.map((team, ti) => {
    const agents: number[] = [];
    const weights: number[] = [];
    roster.forEach((a, ai) => {
      if (a.team === ti) agents.push(ai), weights.push(1 / a.speed);
      else if (a.skills.includes(team.id)) agents.push(ai), weights.push(0.15 / a.speed);
    });
    return { agents, weights: cumulative(weights) };
  });

  const routes = demoRoutes(teams);
  const relatedTeam = RELATED.map((id, pt) => {
    const i = teamIndex(teams, id);
    return i >= 0 ? i : (routes[pt]!.teams[0]! + 1) % teams.length;
  });
  const teamBaseline = ordinaryDay(routes, teams.length, options.ticketsPerDay).tickets;

  const dictionaries: DemoDictionaries = {
    ticketPrefixes: dates.map((d) => `T${d.replaceAll('-', '')}`),
    eventTypes: EVENT_TYPES,
    actors: ACTORS,
    agents: roster.map((a) => a.id),
    teams: teams.map((t) => t.id),
    channels: CHANNEL_LABELS.map((l) => l.id),
    problemTypes: PROBLEM_TYPE_LABELS.map((l) => l.id),
    subtypes: SUBTYPE_LABELS.map((l) => l.id),
    products: PRODUCT_LABELS.map((l) => l.id),
    regions: REGION_LABELS.map((l) => l.id),
    priorities: PRIORITIES,
    statuses: STATUSES,
    comments: RATING_COMMENTS,
    ratingDimensions: RATING_DIMENSIONS,
    zone,
    offset: fixedOffset(zone, dayStart),
  };

  return {
    options, zone, dates, dayStart, endInstant: dayStart[days]!, facts, trend, teams, teamClocks, customerClock,
    roster, agentPools, routes, relatedTeam, escalationTeam: teamIndex(teams, 'escalations'), teamBaseline, dictionaries,
  };
}
