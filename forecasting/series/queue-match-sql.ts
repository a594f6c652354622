// The one SQL test of a tickets row against a queue's `match` (queues.ts), with its bound
// parameters: every listed field must hold one of its values, an absent field takes any. The
// warehouse's filter builder writes it, over the queue's columns: a queue's `team` is the team that
// received the ticket (created_team_id), where a dashboard filter's is the team holding it now.
import { LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { valueListConditions } from '../../warehouse/metrics/filter.ts';
import { MATCH_COLUMNS, type MatchField, type QueueMatch } from './queues.ts';

const FIELDS = Object.keys(MATCH_COLUMNS) as MatchField[];

/** Conditions on the tickets columns (qualified by `alias` if given); parameters `$<field><suffix>`. */
export function queueMatchSql(suffix = '', alias = ''): string {
  return valueListConditions(FIELDS.map((f) => [f + suffix, (alias ? `${alias}.` : '') + MATCH_COLUMNS[f]] as const));
}

/** The values and types of queueMatchSql's parameters for `match`. */
export function queueMatchParams(match: QueueMatch, suffix = ''): { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const field of FIELDS) {
    const list = match[field];
    values[field + suffix] = list === undefined ? null : listValue(list);
    types[field + suffix] = LIST(VARCHAR);
  }
  return { values, types };
}
