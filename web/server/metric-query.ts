// The query string every metric route accepts (date range, zone, dimension filters, clock, export
// format) as one TypeBox schema, and its translation into the warehouse's MetricFilter for a caller
// (warehouse/metrics/scoped-filter.ts), refusing a team lead's request for another team.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import type { Dimension, MetricFilter } from '../../warehouse/metrics/filter.ts';
import { foreignTeams, scopedFilter, type Principal } from '../../warehouse/metrics/scoped-filter.ts';
import { COMPARISONS } from '../../warehouse/metrics/comparison.ts';
import { ForeignTeamsError } from './auth/foreign-teams-error.ts';

/** Longest value list per dimension: enough for any real selection, bounded for the parser. */
export const MAX_VALUES = 10_000;

const values = (description: string) => Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: MAX_VALUES, description: `${description}; repeat the parameter for several values`,
}));

/** A day from 1900 to 2999: outside them a previous period's dates no longer have four-digit years. */
const DAY_PATTERN = '^(19|2[0-9])[0-9]{2}-';

export const FilterQueryProperties = {
  from: Type.Optional(Type.String({ format: 'date', pattern: DAY_PATTERN, description: 'first local day, YYYY-MM-DD, 1900..2999 (default: 28 days before to)' })),
  to: Type.Optional(Type.String({ format: 'date', pattern: DAY_PATTERN, description: 'last local day, YYYY-MM-DD, 1900..2999 (default: yesterday)' })),
  tz: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone of the range (default: the config timezone)' })),
  team: values('team id'),
  agent: values('agent id'),
  channel: values('channel'),
  problem_type: values('problem type'),
  problem_subtype: values('problem subtype'),
  priority: values('priority'),
  region: values('region'),
  product: values('product'),
  clock: Type.Optional(Type.Union([Type.Literal('business'), Type.Literal('calendar')], { description: 'durations in business (default) or calendar time' })),
  compare: Type.Optional(Type.Union(COMPARISONS.map((c) => Type.Literal(c)), {
    description: 'compare with: previous (default; the period before, or for a range from the 1st within one month the same days of last month), week (same weekdays a week earlier), year (same dates a year earlier), month (same days of last month)',
  })),
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh')], { description: 'language of export headers (default en)' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('ndjson'), Type.Literal('arrow')], {
    description: 'download as CSV, XLSX, NDJSON or an Arrow IPC stream instead of JSON: every row under the filter (lists are not paged), with the filter written in the file',
  })),
} satisfies Record<Dimension | 'from' | 'to' | 'tz' | 'clock' | 'compare' | 'lang' | 'format', unknown>;

/** ?exact=true on a table the daily rollup may answer: from the tickets instead (x-source says which answered). */
export const ExactProperty = {
  exact: Type.Optional(Type.Boolean({
    description: 'true: from the tickets; else the daily rollup answers when the range has no filter (x-source: rollup, quantiles approximate within 1%)',
  })),
};

/** Whether the request lets the daily rollup answer (no ?exact=true). */
export const rollupAllowed = (query: unknown): boolean => (query as { exact?: boolean } | undefined)?.exact !== true;

/** The filter query plus a route's own fields; unknown fields are refused (400 naming the field). */
export function filterQuery<P extends TProperties>(extra: P = {} as P): TObject<typeof FilterQueryProperties & P> {
  return Type.Object({ ...FilterQueryProperties, ...extra }, { additionalProperties: false });
}

const FilterQuerySchema = Type.Object(FilterQueryProperties);
export type FilterQuery = Static<typeof FilterQuerySchema>;

export type { Principal };

/**
 * A team lead asking for a team not theirs (e.g. a shared `?team=other` link) is refused with a
 * 403 the page shows, not answered with the empty intersection of the filter and their scope.
 */
export function toMetricFilter(query: FilterQuery, principal: Principal, defaultZone: string): MetricFilter {
  const foreign = foreignTeams(query.team ?? [], principal);
  // The error handler names the teams by their labels (foreign-teams-error.ts).
  if (foreign.length > 0) throw new ForeignTeamsError(foreign, principal.teams ?? []);
  return scopedFilter(query, principal, defaultZone);
}
