// The filter every metric takes: a local date range in a time zone, dimension value lists, the
// clock for durations and the team scope of the caller; turned into bound parameters, never SQL text.
import { DateTime, IANAZone } from 'luxon';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { localTimeParams } from './local-time.ts';
import { comparisonRange, type ComparisonKind } from './comparison.ts';

export type Clock = 'calendar' | 'business';

const DAY_MS = 86_400_000;

/** Dimensions a metric can be filtered and grouped by, with the tickets column behind each. */
export const DIMENSION_COLUMNS = {
  team: 'team_id',
  agent: 'agent_id',
  channel: 'channel',
  problem_type: 'problem_type',
  problem_subtype: 'problem_subtype',
  priority: 'priority',
  region: 'region',
  product: 'product',
} as const;
export type Dimension = keyof typeof DIMENSION_COLUMNS;
export const DIMENSIONS = Object.keys(DIMENSION_COLUMNS) as Dimension[];

export interface MetricFilter {
  /** First and last local day of the range (inclusive), YYYY-MM-DD, in `timezone`. */
  from: string;
  to: string;
  timezone: string;
  /** Dimension filters: a ticket matches when its value is one of the listed ones. */
  values?: Partial<Record<Dimension, string[]>>;
  /** Durations in calendar or business time (default business). */
  clock?: Clock;
  /** The teams the caller may see (team_lead); null or absent: every team. Enforced in SQL. */
  scopeTeams?: string[] | null;
  /** What the range is compared with (comparison.ts; default previous). */
  comparison?: ComparisonKind;
}

export class FilterError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

/**
 * Longest range a query may span; longer ones are refused rather than scanned. Five years holds any
 * year-over-year view a dashboard draws; with the previous period a query then reads ten.
 */
export const MAX_RANGE_DAYS = 366 * 5;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function localDay(value: string, zone: string, field: string): DateTime {
  const day = DAY.test(value) ? DateTime.fromISO(value, { zone }) : DateTime.invalid('format');
  if (!day.isValid) throw new FilterError(field, `${field}: "${value}" is not a date; use YYYY-MM-DD`);
  return day;
}

/** The range as UTC instants [start, end) plus its length in days; checks order, zone and span. */
export function periodBounds(filter: MetricFilter): { start: Date; end: Date; days: number } {
  // Luxon also takes "local" and "system" (the server's zone), which DuckDB does not know.
  if (!IANAZone.isValidZone(filter.timezone)) {
    throw new FilterError('tz', `tz: "${filter.timezone}" is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  const from = localDay(filter.from, filter.timezone, 'from');
  const to = localDay(filter.to, filter.timezone, 'to');
  if (to < from) throw new FilterError('to', `to (${filter.to}) is before from (${filter.from}); swap them`);
  const days = Math.round(to.diff(from, 'days').days) + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new FilterError('from', `the range spans ${days} days; at most ${MAX_RANGE_DAYS} days (5 years) may be queried at once; narrow from/to`);
  }
  return { start: from.toUTC().toJSDate(), end: to.plus({ days: 1 }).toUTC().toJSDate(), days };
}

/** The period `filter` is compared with (its `comparison`, default the period before: comparison.ts). */
export function previousPeriod(filter: MetricFilter): MetricFilter {
  periodBounds(filter);
  return { ...filter, ...comparisonRange(filter, filter.comparison ?? 'previous') };
}

/**
 * Bound parameters shared by every metric query:
 *   $start, $end  TIMESTAMPTZ bounds of the range, $tz the zone,
 *   $<dimension>  a VARCHAR[] (or NULL = no filter) per dimension, $scope_teams likewise,
 *   $business     true when durations are in business time.
 */
export function filterParams(filter: MetricFilter): Record<string, DuckDBValue> {
  const { start, end } = periodBounds(filter);
  // Local times are looked up for the range and the previous period, with a day's margin.
  const span = end.getTime() - start.getTime() + DAY_MS;
  const params: Record<string, DuckDBValue> = {
    ...localTimeParams(filter.timezone, new Date(start.getTime() - span), new Date(end.getTime() + DAY_MS)),
    start: start.toISOString(), end: end.toISOString(), tz: filter.timezone,
    business: (filter.clock ?? 'business') === 'business',
    // An empty scope must match nothing; an empty list has no element type to bind, and no team id is ''.
    scope_teams: filter.scopeTeams ? listValue(filter.scopeTeams.length > 0 ? filter.scopeTeams : ['']) : null,
  };
  for (const dimension of DIMENSIONS) {
    const values = filter.values?.[dimension];
    params[dimension] = values && values.length > 0 ? listValue(values) : null;
  }
  return params;
}

/** The dimensions `filter` restricts to some values. */
export function filteredDimensions(filter: MetricFilter): Dimension[] {
  return DIMENSIONS.filter((d) => (filter.values?.[d]?.length ?? 0) > 0);
}

const PARAMETER = /^[a-z_][a-z0-9_]*$/;
const COLUMN = /^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;

/**
 * The one way a filter of value lists becomes SQL: for each [parameter, column], the column holds
 * one of the values of the VARCHAR[] parameter $parameter, or the parameter is NULL (any value); all
 * ANDed. The names come from declared lists (checked here), the values are always bound.
 */
export function valueListConditions(pairs: ReadonlyArray<readonly [parameter: string, column: string]>): string {
  if (pairs.length === 0) return 'true';
  return pairs.map(([parameter, column]) => {
    if (!PARAMETER.test(parameter) || !COLUMN.test(column)) throw new Error(`bad filter parameter or column: ${parameter}, ${column}`);
    return `($${parameter} IS NULL OR list_contains($${parameter}, ${column}))`;
  }).join('\n  AND ');
}

/** The team scope alone on `teamColumn`: the caller's teams ($scope_teams; NULL: every team). */
export function teamScopeCondition(teamColumn: string): string {
  return valueListConditions([['scope_teams', teamColumn]]);
}

/**
 * The WHERE condition on a tickets-shaped relation `alias` for the dimension filters and the
 * team scope (not the date range: each metric says which instant falls in the range).
 */
export function ticketConditions(alias: string): string {
  return valueListConditions([
    ...DIMENSIONS.map((d) => [d, `${alias}.${DIMENSION_COLUMNS[d]}`] as const),
    ['scope_teams', `${alias}.team_id`],
  ]);
}
