// What a rule finds out of line for one group: the alert's content before state and delivery.
import type { DuckDBValue } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import { DIMENSIONS, type Dimension } from '../../warehouse/metrics/filter.ts';

export interface Finding {
  /** The group's values as `dim=value,...` ('' for a rule without by:). */
  groupKey: string;
  group: Partial<Record<Dimension, string | null>>;
  /** Teams it concerns: a team lead sees it when one of them is theirs. */
  teams: string[];
  title: string;
  lines: string[];
  detail: Record<string, unknown>;
}

export function groupKeyOf(group: Partial<Record<Dimension, string | null>>): string {
  return Object.entries(group).map(([d, v]) => `${d}=${v ?? '(none)'}`).join(',');
}

/** The $<dimension> and $scope_teams parameters of ticketConditions (filter.ts) for a rule's filter. */
export function ruleFilterParams(filter: Partial<Record<Dimension, string[]>>): Record<string, DuckDBValue> {
  const params: Record<string, DuckDBValue> = { scope_teams: null };
  for (const d of DIMENSIONS) params[d] = filter[d]?.length ? listValue(filter[d]!) : null;
  return params;
}
