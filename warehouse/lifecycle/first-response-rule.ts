// What counts as a ticket's first response, per source: the first agent reply (sources that record
// replies), or a rule a mapping declares for sources that do not. Stored as text in
// first_response_sources.rule and tickets.first_response_rule; derive-tickets.sql reads that text.
import type { EventType, Status } from '../event-model.ts';

export type FirstResponseRule =
  | { kind: 'reply' }
  /** The first assignment (or transfer) to a person. */
  | { kind: 'assignment' }
  /** The first event that puts the ticket in one of these statuses (e.g. open: Active / In Progress). */
  | { kind: 'status'; statuses: readonly Status[] }
  /** The first event of this type by anyone but the customer (e.g. commented: a public comment). */
  | { kind: 'event'; type: EventType };

/** The stored text: reply | assignment | status:open|pending | event:commented. */
export function ruleText(rule: FirstResponseRule): string {
  switch (rule.kind) {
    case 'reply':
    case 'assignment': return rule.kind;
    case 'status': return `status:${rule.statuses.join('|')}`;
    case 'event': return `event:${rule.type}`;
  }
}

/** The stored text read back (as written by ruleText). */
export function parseRule(text: string): FirstResponseRule {
  const [kind, values = ''] = text.split(':', 2);
  switch (kind) {
    case 'reply':
    case 'assignment': return { kind };
    case 'status': return { kind, statuses: values.split('|') as Status[] };
    case 'event': return { kind, type: values as EventType };
    default: throw new Error(`unknown first response rule "${text}"`);
  }
}
