// What a team lead may read of an alert rule (design.md §Roles: their own teams only). A rule whose
// filter names no team watches every team: its filter tells nothing of another team, and it raises the
// lead's alerts (by: team), so it is shown. A rule naming teams is shown with the lead's teams alone
// (the others are left out, as an admin tool shows a team lead only their own groups), and hidden
// when it names none of theirs. The same narrowing makes an alert's ticket query.
import type { Dimension } from '../../warehouse/metrics/filter.ts';

export type RuleFilter = Partial<Record<Dimension, string[]>>;

/** `filter` as a caller scoped to `scope` (a team lead's teams; null: every team) may read it; null: not at all. */
export function ruleFilterSeenBy(filter: RuleFilter, scope: readonly string[] | null): RuleFilter | null {
  if (scope === null || !filter.team?.length) return filter;
  const team = filter.team.filter((t) => scope.includes(t));
  return team.length > 0 ? { ...filter, team } : null;
}

/**
 * Whether a caller scoped to `scope` may silence every group of a rule: only when every team the
 * rule can alert about is theirs (its filter names teams, all theirs); else only an alert's group.
 */
export function mayActOnWholeRule(filter: RuleFilter, scope: readonly string[] | null): boolean {
  return scope === null || (Boolean(filter.team?.length) && filter.team!.every((t) => scope.includes(t)));
}
