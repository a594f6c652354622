// Who asks and what they may see, as every reader of the metrics (the API, the digest) applies it:
// a request's range, zone and dimension values become a MetricFilter, narrowed for a team lead to
// their own teams (enforced in SQL through scopeTeams).
import { DateTime } from 'luxon';
import { DIMENSIONS, type Clock, type Dimension, type MetricFilter } from './filter.ts';
import type { ComparisonKind } from './comparison.ts';

/** Who is asking: the role and, for team leads, the teams they may see. */
export interface Principal {
  role: 'admin' | 'manager' | 'team_lead' | 'planner' | 'ingest';
  teams: string[] | null;
  tokenId: string | null;
}

/** A filter as asked: days (default the 28 days to yesterday), zone, dimension values, clock, comparison. */
export type FilterRequest = { from?: string; to?: string; tz?: string; clock?: Clock; compare?: ComparisonKind }
  & Partial<Record<Dimension, string[]>>;

/** The asked teams a team lead may not see (none for other roles). */
export function foreignTeams(asked: readonly string[], principal: Pick<Principal, 'role' | 'teams'>): string[] {
  if (principal.role !== 'team_lead') return [];
  return asked.filter((t) => !(principal.teams ?? []).includes(t));
}

/**
 * Whether something concerning `teams` (an alert, a scheduled report) may be shown to a caller scoped
 * to `scope` (a team lead's teams; null: every team): only when every team it concerns is theirs. One
 * that also concerns another team is hidden whole (it names that team, its figures count its tickets),
 * as is one concerning no team in particular (the whole desk).
 */
export function withinTeams(teams: readonly string[], scope: readonly string[] | null): boolean {
  return scope === null || (teams.length > 0 && teams.every((t) => scope.includes(t)));
}

/** The warehouse filter for `request` as seen by `principal`: team leads are scoped to their teams. */
export function scopedFilter(request: FilterRequest, principal: Pick<Principal, 'role' | 'teams'>, defaultZone: string): MetricFilter {
  const timezone = request.tz ?? defaultZone;
  const yesterday = DateTime.now().setZone(timezone).minus({ days: 1 }).toISODate() ?? '';
  const to = request.to ?? yesterday;
  const from = request.from ?? (DateTime.fromISO(to, { zone: timezone }).minus({ days: 27 }).toISODate() ?? to);
  const values: Partial<Record<Dimension, string[]>> = {};
  for (const dimension of DIMENSIONS) {
    if (request[dimension]?.length) values[dimension] = request[dimension];
  }
  return {
    from, to, timezone, values, clock: request.clock ?? 'business', ...(request.compare ? { comparison: request.compare } : {}),
    scopeTeams: principal.role === 'team_lead' ? (principal.teams ?? []) : null,
  };
}
