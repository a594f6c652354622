// Which tickets a routing proposal moves: those the alert is about, as a dispatch-rule `match` — the
// alert's product and/or region (its group) within the rule's filter (complaints, a channel, ...).
// A filter or group dimension the dispatch rules cannot express (team: the ticket's current team, not
// the one it was created for; agent) is left out and said so.
import { MATCH_COLUMNS, type MatchField, type QueueMatch } from '../../forecasting/series/queues.ts';
import { DIMENSION_COLUMNS, DIMENSIONS, type Dimension } from '../../warehouse/metrics/filter.ts';
import type { AlertRule } from '../config/alert-config.ts';
import type { StoredAlert } from '../engine/alert-store.ts';

/** The group dimensions a proposal routes by. */
export const ROUTED_FIELDS = ['product', 'region'] as const;
export type RoutedField = (typeof ROUTED_FIELDS)[number];

export interface RouteMatch {
  match: QueueMatch;
  /** The alert's product and/or region, e.g. { product: 'laptop' }. */
  routed: Partial<Record<RoutedField, string>>;
  /** Dimensions of the rule's filter or the alert's group not carried into the match. */
  leftOut: Dimension[];
}

/** A dimension the dispatch rules match on the same tickets column. */
function matchFieldOf(d: Dimension): MatchField | null {
  const field = d as string as MatchField;
  return Object.hasOwn(MATCH_COLUMNS, field) && MATCH_COLUMNS[field] === DIMENSION_COLUMNS[d] ? field : null;
}

/** The alert's group: its detail's (anomaly and threshold findings keep it), else read from its key (dim=value,...). */
export function alertGroup(alert: Pick<StoredAlert, 'detail' | 'group_key'>): Partial<Record<Dimension, string | null>> {
  const kept = alert.detail.group;
  if (kept && typeof kept === 'object') return kept as Partial<Record<Dimension, string | null>>;
  const group: Partial<Record<Dimension, string | null>> = {};
  for (const pair of alert.group_key.split(',')) {
    const at = pair.indexOf('=');
    const d = pair.slice(0, at) as Dimension;
    if (at > 0 && DIMENSIONS.includes(d)) group[d] = pair.slice(at + 1) === '(none)' ? null : pair.slice(at + 1);
  }
  return group;
}

/** The match, or null when the group names no product or region (tickets without one cannot be routed by it). */
export function routeMatchOf(alert: Pick<StoredAlert, 'detail' | 'group_key'>, rule: Pick<AlertRule, 'filter'> | undefined): RouteMatch | null {
  const group = alertGroup(alert);
  const routed: Partial<Record<RoutedField, string>> = {};
  for (const f of ROUTED_FIELDS) {
    const value = group[f];
    if (typeof value === 'string' && value !== '') routed[f] = value;
  }
  if (Object.keys(routed).length === 0) return null;
  const match: QueueMatch = {};
  const leftOut: Dimension[] = [];
  for (const [d, values] of Object.entries(rule?.filter ?? {}) as [Dimension, string[]][]) {
    if (!values?.length) continue;
    const field = matchFieldOf(d);
    if (field) match[field] = d === 'channel' ? values.map((v) => v.toLowerCase()) : [...values];
    else leftOut.push(d);
  }
  // The group's other values narrow it as the alert did (by: [product, channel] -> that product on that channel).
  for (const [d, value] of Object.entries(group) as [Dimension, string | null][]) {
    const field = matchFieldOf(d);
    if (field && typeof value === 'string' && value !== '') match[field] = [d === 'channel' ? value.toLowerCase() : value];
    // by: [product, team], or a group without a value ("(none)"): the product's tickets move whatever it is
    else if (!leftOut.includes(d)) leftOut.push(d);
  }
  return { match, routed, leftOut };
}
