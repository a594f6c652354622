// The tickets behind an alert as the query of the dashboards' ticket list (/tickets, /api/tickets):
// the rule's filter narrowed to the alert's group, created over the episode's windows (local days of
// the config's zone; the list's range is whole days), or, for a breaching alert, the tickets about to
// breach now (for a step alert, those open now).
import { DateTime } from 'luxon';
import { DIMENSIONS, type Dimension } from '../../warehouse/metrics/filter.ts';
import type { AlertRule } from '../config/alert-config.ts';
import type { StoredAlert } from './alert-store.ts';

export type TicketsQuery = Record<string, string[]>;

export function ticketsQuery(alert: Pick<StoredAlert, 'kind' | 'detail' | 'first_fired_at' | 'last_seen_at'>, rule: AlertRule | undefined, timezone: string): TicketsQuery {
  const query: TicketsQuery = {};
  for (const d of DIMENSIONS) if (rule?.filter[d]?.length) query[d] = [...rule.filter[d]!];
  // A group without a value ("(none)") cannot be asked for: the list shows the rule's filter then.
  const group = (alert.detail.group ?? {}) as Partial<Record<Dimension, string | null>>;
  for (const [d, value] of Object.entries(group)) if (DIMENSIONS.includes(d as Dimension) && value) query[d] = [value];
  if (alert.kind === 'breaching') return { ...query, on: ['breaching'] };
  // Over a step limit: tickets open now (the alert's detail names which).
  if (alert.kind === 'step') return { ...query, on: ['open'] };
  const window = rule && 'window' in rule ? rule.window : 0;
  const day = (iso: string, minusSeconds = 0) => DateTime.fromISO(iso, { zone: timezone }).minus({ seconds: minusSeconds }).toISODate()!;
  return { ...query, from: [day(alert.first_fired_at, window)], to: [day(alert.last_seen_at)] };
}
