// Turns a columnar demo chunk into canonical event objects, formatting exactly as the file writer's
// SQL does (ids, local times with offset, attrs), so both paths give the same events.
import type { Actor, CanonicalEvent, EventType, Priority, Status } from '../../warehouse/event-model.ts';
import type { DemoDictionaries } from './demo-plan.ts';
import type { DemoChunk } from './event-columns.ts';

export function ticketId(prefix: string, serial: number): string {
  return prefix + String(serial).padStart(6, '0');
}

export function eventId(ticket: string, seq: number): string {
  return `${ticket}-${String(seq).padStart(2, '0')}`;
}

/** ISO 8601 in the demo zone with its offset ('2026-11-11T10:21:07+08:00'), or UTC with 'Z'. */
export function formatInstant(seconds: number, offset: DemoDictionaries['offset']): string {
  const local = seconds + (offset?.seconds ?? 0);
  const day = Math.floor(local / 86_400);
  const second = local - day * 86_400;
  return dateLabel(day) + TWO_DIGITS[Math.floor(second / 3600)]! + ':' + TWO_DIGITS[Math.floor(second / 60) % 60]! + ':'
    + TWO_DIGITS[second % 60]! + (offset?.label ?? 'Z');
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dateLabels = new Map<number, string>();

/** 'YYYY-MM-DDT' of a day number (days since 1970-01-01), remembered: a demo has a few hundred. */
function dateLabel(day: number): string {
  let label = dateLabels.get(day);
  if (label === undefined) dateLabels.set(day, (label = `${new Date(day * 86_400_000).toISOString().slice(0, 10)}T`));
  return label;
}

export function decodeChunk(chunk: DemoChunk, dict: DemoDictionaries): CanonicalEvent[] {
  const c = chunk.columns;
  const events: CanonicalEvent[] = new Array(chunk.length);
  const label = <T extends string>(list: readonly string[], code: number): T | undefined => {
    if (code === 0) return undefined;
    const value = list[code - 1];
    if (value === undefined) throw new Error(`demo chunk: code ${code} is outside its dictionary of ${list.length} entries`);
    return value as T;
  };
  for (let i = 0; i < chunk.length; i++) {
    const ticket = ticketId(dict.ticketPrefixes[c.ticket_day[i]!]!, c.ticket_serial[i]!);
    const e: CanonicalEvent = {
      event_id: eventId(ticket, c.seq[i]!),
      ticket_id: ticket,
      type: dict.eventTypes[c.type[i]!] as EventType,
      occurred_at: formatInstant(c.at[i]!, dict.offset),
    };
    const actor = label<Actor>(dict.actors, c.actor[i]!);
    if (actor) e.actor = actor;
    const agent = label(dict.agents, c.agent[i]!);
    if (agent) e.agent_id = agent;
    const team = label(dict.teams, c.team[i]!);
    if (team) e.team_id = team;
    const channel = label(dict.channels, c.channel[i]!);
    if (channel) e.channel = channel;
    const problemType = label(dict.problemTypes, c.problem_type[i]!);
    if (problemType) e.problem_type = problemType;
    const subtype = label(dict.subtypes, c.subtype[i]!);
    if (subtype) e.problem_subtype = subtype;
    const product = label(dict.products, c.product[i]!);
    if (product) e.product = product;
    const region = label(dict.regions, c.region[i]!);
    if (region) e.region = region;
    const priority = label<Priority>(dict.priorities, c.priority[i]!);
    if (priority) e.priority = priority;
    if (c.customer[i]! > 0) e.customer_id = customerId(c.customer[i]!);
    const status = label<Status>(dict.statuses, c.status[i]!);
    if (status) e.status = status;
    if (c.rating[i]! > 0) e.rating = c.rating[i]!;
    const dimension = label(dict.ratingDimensions, c.rating_dimension[i]!);
    if (dimension) e.rating_dimension = dimension;
    const comment = label(dict.comments, c.comment[i]!);
    if (comment) e.comment = comment;
    if (c.handle[i]! >= 0) e.handle_seconds = c.handle[i]!;
    if (c.order_no[i]! > 0) e.attrs = { order_no: orderNo(c.order_no[i]!) };
    events[i] = e;
  }
  return events;
}

/** Customer numbers start above this, so customer ids have 8 digits without padding. */
export const CUSTOMER_ID_BASE = 10_000_000;

export function customerId(n: number): string {
  return `C${CUSTOMER_ID_BASE + n}`;
}

export function orderNo(n: number): string {
  return `SO${n}`;
}
