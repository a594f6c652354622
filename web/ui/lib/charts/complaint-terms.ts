// The complaint review's table (/api/problems/complaint-review) as the panel draws it: one group per
// problem type (and product) with its comment counts, its terms as bars and its top terms per week.
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, MetricTable } from '../api/types.ts';
import type { Bar } from './bar.ts';
import type { Drillable } from './drill.ts';
import type { Point } from './trend.ts';

export interface ReviewGroup {
  problemType: Cell;
  product: Cell;
  comments: number;
  commentsRead: number;
  complaints: number;
  lowRatings: number;
  /** The group's term rows, most tickets first (none when its comments hold no term). */
  terms: Record<string, Cell>[];
}

const WEEK_PREFIX = 'week_';
const count = (v: Cell | undefined) => (typeof v === 'number' ? v : 0);

/** The week starts of the table (its week_YYYY-MM-DD columns), in order. */
export const reviewWeeks = (table: MetricTable) =>
  table.columns.filter((c) => c.key.startsWith(WEEK_PREFIX)).map((c) => c.key.slice(WEEK_PREFIX.length));

/** The rows grouped by problem type and product, in the table's order. */
export function reviewGroups(table: MetricTable): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const row of table.rows) {
    const id = JSON.stringify([row.problem_type ?? null, row.product ?? null]);
    let group = groups.get(id);
    if (!group) {
      groups.set(id, group = { problemType: row.problem_type ?? null, product: row.product ?? null, comments: count(row.comments),
        commentsRead: count(row.comments_read), complaints: count(row.complaints), lowRatings: count(row.low_ratings), terms: [] });
    }
    if (typeof row.term === 'string') group.terms.push(row);
  }
  return [...groups.values()];
}

/** One bar per term: how many of the group's comments (one per ticket) use it. */
export function termBars(group: ReviewGroup, drill?: (term: string) => Drillable | null): Bar[] {
  return group.terms.map((row) => ({ category: String(row.term), value: count(row.tickets), ...drill?.(String(row.term)) }));
}

/** The weekly counts of the group's `top` most frequent terms, as trend points. */
export function termWeekPoints(group: ReviewGroup, weeks: string[], top: number,
  drill?: (term: string, week: string) => Drillable | null): Point[] {
  return group.terms.slice(0, top).flatMap((row) => weeks.map((week) => ({
    x: week, series: String(row.term), value: count(row[`${WEEK_PREFIX}${week}`]), ...drill?.(String(row.term), week),
  })));
}

/**
 * `spec` with ticks on whole numbers only on the count axis `channel`: a term counts a few comments,
 * and ticks at 0.5 formatted as counts read "0 0 1 1".
 */
export function wholeCountTicks(spec: TopLevelSpec, channel: 'x' | 'y'): TopLevelSpec {
  const encoding = (spec as { encoding?: Record<string, { axis?: object } | undefined> }).encoding ?? {};
  const axis = encoding[channel];
  if (!axis) return spec;
  return { ...spec, encoding: { ...encoding, [channel]: { ...axis, axis: { ...axis.axis, tickMinStep: 1 } } } } as TopLevelSpec;
}
