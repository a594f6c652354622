import { describe, expect, it } from 'vitest';
import { ACTORS, EVENT_TYPES, PRIORITIES, STATUSES, type CanonicalEvent } from '../../../warehouse/event-model.ts';
import { CHANNEL_LABELS, PRODUCT_LABELS, PROBLEM_TYPE_LABELS, REGION_LABELS, SUBTYPE_LABELS } from '../../../ingest/demo/labels.ts';
import { SMALL, collect, fixtureConfig } from './fixtures/demo-fixture.ts';

const events = collect(SMALL);
const ids = (labels: readonly { id: string }[]) => new Set(labels.map((l) => l.id));
const TEAMS = new Set(fixtureConfig.teams.map((t) => t.id));
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

/** The reasons an event breaks the event model of design.md (empty when valid). */
function problems(e: CanonicalEvent): string[] {
  const out: string[] = [];
  const need = (ok: boolean, what: string) => ok || out.push(what);
  need(typeof e.event_id === 'string' && e.event_id.length > 0, 'event_id');
  need(typeof e.ticket_id === 'string' && e.event_id.startsWith(`${e.ticket_id}-`), 'ticket_id');
  need((EVENT_TYPES as readonly string[]).includes(e.type), 'type');
  need(ISO_WITH_OFFSET.test(e.occurred_at) && !Number.isNaN(Date.parse(e.occurred_at)), 'occurred_at');
  if (e.actor != null) need((ACTORS as readonly string[]).includes(e.actor), 'actor enum');
  if (e.priority != null) need((PRIORITIES as readonly string[]).includes(e.priority), 'priority enum');
  if (e.status != null) need((STATUSES as readonly string[]).includes(e.status), 'status enum');
  if (e.team_id != null) need(TEAMS.has(e.team_id), 'team_id');
  if (e.channel != null) need(ids(CHANNEL_LABELS).has(e.channel), 'channel label');
  if (e.problem_type != null) need(ids(PROBLEM_TYPE_LABELS).has(e.problem_type), 'problem_type label');
  if (e.problem_subtype != null) need(ids(SUBTYPE_LABELS).has(e.problem_subtype), 'subtype label');
  if (e.product != null) need(ids(PRODUCT_LABELS).has(e.product), 'product label');
  if (e.region != null) need(ids(REGION_LABELS).has(e.region), 'region label');
  if (e.handle_seconds != null) need(Number.isFinite(e.handle_seconds) && e.handle_seconds >= 0, 'handle_seconds');
  switch (e.type) {
    case 'created':
      need(!!e.channel && !!e.problem_type && !!e.priority && !!e.customer_id, 'created fields');
      break;
    case 'replied':
      need(!!e.actor, 'replied actor');
      if (e.actor === 'agent') need(!!e.agent_id, 'agent reply agent_id');
      if (e.actor !== 'agent') need(e.agent_id == null, 'non-agent reply without agent');
      break;
    case 'assigned':
    case 'transferred':
      need(!!e.agent_id, `${e.type} agent_id`);
      break;
    case 'status_changed':
      need(!!e.status, 'status');
      break;
    case 'rated':
      need(Number.isInteger(e.rating) && e.rating! >= 1 && e.rating! <= 5, 'rating 1..5');
      break;
  }
  if (e.type !== 'rated') need(e.rating == null && e.rating_dimension == null && e.comment == null, 'rating only on rated');
  if (e.rating_dimension != null) need(['speed', 'quality', 'attitude'].includes(e.rating_dimension), 'a known rating dimension');
  return out;
}

describe('demo events against the event model', () => {
  it('produces a sizeable sample', () => {
    expect(events.length).toBeGreaterThan(50_000);
  });

  it('has only valid events', () => {
    const bad = events.map((e) => [e.event_id, problems(e)] as const).filter(([, p]) => p.length > 0);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('uses every event type, actor, status and priority', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    expect(new Set(events.map((e) => e.actor).filter(Boolean))).toEqual(new Set(ACTORS));
    expect(new Set(events.map((e) => e.priority).filter(Boolean))).toEqual(new Set(PRIORITIES));
    expect(new Set(events.map((e) => e.status).filter(Boolean))).toEqual(new Set(['new', 'open', 'pending', 'on_hold']));
  });

  it('repeats an event_id only as an identical copy', () => {
    const first = new Map<string, string>();
    for (const e of events) {
      const text = JSON.stringify(e);
      const seen = first.get(e.event_id);
      if (seen === undefined) first.set(e.event_id, text);
      else expect(text).toBe(seen);
    }
  });

  it('starts every ticket with its created event', () => {
    const byTicket = new Map<string, CanonicalEvent[]>();
    for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e]);
    for (const [ticket, list] of byTicket) {
      const sorted = [...list].sort((a, b) => a.event_id.localeCompare(b.event_id));
      expect(sorted[0]!.type, ticket).toBe('created');
      // In time, too: nothing of a ticket happens before it was created.
      expect(list.every((e) => Date.parse(e.occurred_at) >= Date.parse(sorted[0]!.occurred_at)), ticket).toBe(true);
    }
  });

  it('answers async tickets with a system auto-reply right after creation, live ones without', () => {
    const created = new Map(events.filter((e) => e.type === 'created').map((e) => [e.ticket_id, e]));
    const autoReplies = events.filter((e) => e.type === 'replied' && e.actor === 'system');
    expect(autoReplies.length).toBeGreaterThan(1000);
    for (const reply of autoReplies) {
      const ticket = created.get(reply.ticket_id)!;
      expect(['web', 'app', 'wechat', 'email']).toContain(ticket.channel);
      expect(reply.event_id).toBe(`${reply.ticket_id}-02`);
      expect(Date.parse(reply.occurred_at) - Date.parse(ticket.occurred_at)).toBeLessThanOrEqual(60_000);
    }
    const asyncTickets = [...created.values()].filter((e) => !['phone', 'chat'].includes(e.channel!));
    expect(new Set(autoReplies.map((e) => e.ticket_id)).size).toBe(asyncTickets.length);
  });

  it('puts handle_seconds on agent work only', () => {
    const withHandle = events.filter((e) => e.handle_seconds != null);
    expect(withHandle.length).toBeGreaterThan(events.length / 4);
    expect(withHandle.every((e) => e.actor === 'agent')).toBe(true);
  });
});
