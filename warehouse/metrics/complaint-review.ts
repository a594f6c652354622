// The complaint review: per problem type (and product), the comments of complaints and of low ratings
// given in the range, their most frequent terms (comment-terms.ts), each term's tickets per week and
// the tickets behind it. SQL picks the comments (sql/complaint-comments.sql); Node segments them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { calendarBuckets, partialBucketsOf } from './buckets.ts';
import { commentTerms } from './comment-terms.ts';
import { filterParams, type MetricFilter } from './filter.ts';
import { metricSql, queryRows, type Row } from './metric-sql.ts';
import { peopleColumns } from './people-columns.ts';
import { peopleTable } from './people-table.ts';
import { LOW_RATING } from './satisfaction.ts';
import type { Column, MetricTable } from './table.ts';

/** The problem type whose tickets are complaints (the demo's and the shipped labels' id). */
export const COMPLAINT_TYPE = 'complaint';
/** Comments segmented per group, the latest first: bounds the work of one answer; `comments_read` < `comments` says it cut. */
export const COMMENTS_PER_GROUP = 500;
/** Terms listed per group, most tickets first. */
export const TERMS_PER_GROUP = 10;

export interface ComplaintReviewOptions {
  /** One group per problem type and product (default: per problem type). */
  byProduct?: boolean;
}

interface Comment { ticketId: string; week: string; terms: string[] }
interface Group { key: Row; comments: Comment[] }

const column = (key: string, en: string, zh: string, unit: Column['unit']): Column => ({ key, label: { en, zh }, unit });
const COLUMNS = {
  term: column('term', 'Term', '词语', 'text'),
  comments: column('comments', 'Comments', '评论数', 'count'),
  comments_read: column('comments_read', 'Comments read', '已分析评论数', 'count'),
  complaints: column('complaints', 'Complaint comments', '投诉评论数', 'count'),
  low_ratings: column('low_ratings', 'Low-rating comments', '低分评论数', 'count'),
  ticket_ids: column('ticket_ids', 'Tickets behind the term', '相关工单', 'text'),
};
export const weekColumnKey = (week: string) => `week_${week}`;
const weekColumn = (week: string) => column(weekColumnKey(week), `Week of ${week}`, `${week} 当周`, 'count');

async function readGroups(db: DuckDBConnection, filter: MetricFilter, byProduct: boolean): Promise<Group[]> {
  const rows = await queryRows(db, metricSql('complaint-comments'), {
    ...filterParams(filter), by_product: byProduct, complaint_type: COMPLAINT_TYPE, low_rating: LOW_RATING, per_group: COMMENTS_PER_GROUP,
  });
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const id = JSON.stringify([row.problem_type, row.product]);
    let group = groups.get(id);
    if (!group) groups.set(id, group = { key: row, comments: [] });
    group.comments.push({ ticketId: String(row.ticket_id), week: String(row.week), terms: commentTerms(String(row.comment)) });
  }
  return [...groups.values()];
}

interface TermCount { term: string; tickets: string[]; weeks: Map<string, number> }

/** Each term of the group's comments with its tickets (a comment is one ticket's), most tickets first, then by term. */
function countTerms(comments: Comment[]): TermCount[] {
  const terms = new Map<string, TermCount>();
  for (const comment of comments) {
    for (const term of comment.terms) {
      let count = terms.get(term);
      if (!count) terms.set(term, count = { term, tickets: [], weeks: new Map() });
      count.tickets.push(comment.ticketId);
      count.weeks.set(comment.week, (count.weeks.get(comment.week) ?? 0) + 1);
    }
  }
  return [...terms.values()].sort((a, b) => b.tickets.length - a.tickets.length || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/**
 * Per group, the top terms (a row each: tickets, share of the comments read, tickets per week of
 * the range, the ticket ids) with the group's comment counts; a group whose comments hold no term
 * has one row with a null term. Team leads see their teams' tickets only (filter.scopeTeams, in SQL).
 */
export async function complaintReview(db: DuckDBConnection, filter: MetricFilter, options: ComplaintReviewOptions = {}): Promise<MetricTable> {
  const byProduct = options.byProduct ?? false;
  const weeks = calendarBuckets(filter.from, filter.to, 'week');
  const rows: Row[] = [];
  for (const { key, comments } of await readGroups(db, filter, byProduct)) {
    const group: Row = { problem_type: key.problem_type ?? null, product: key.product ?? null, comments: key.comments ?? 0,
      comments_read: comments.length, complaints: key.complaints ?? 0, low_ratings: key.low_ratings ?? 0 };
    const top = countTerms(comments).slice(0, TERMS_PER_GROUP);
    if (top.length === 0) rows.push({ ...group, term: null, tickets: 0, share: null });
    for (const { term, tickets, weeks: perWeek } of top) {
      rows.push({
        ...group, term, tickets: tickets.length, share: tickets.length / comments.length,
        ...Object.fromEntries(weeks.map((w) => [weekColumnKey(w), perWeek.get(w) ?? 0])),
        ticket_ids: [...tickets].sort().join(' '),
      });
    }
  }
  const columns = [
    ...peopleColumns('problem_type', ...(byProduct ? ['product' as const] : [])), COLUMNS.term, ...peopleColumns('tickets', 'share'),
    COLUMNS.comments, COLUMNS.comments_read, COLUMNS.complaints, COLUMNS.low_ratings, ...weeks.map(weekColumn), COLUMNS.ticket_ids,
  ];
  const name = byProduct ? 'complaint-review-by-product' : 'complaint-review';
  return { ...peopleTable(name, filter, columns, rows), partial: partialBucketsOf(filter, 'week') };
}

/**
 * The tickets whose comment holds `term` among those the review reads under `filter` (the same
 * comments, the same cut): what a term's bar lists when the filter names its group.
 */
export async function complaintTermTickets(db: DuckDBConnection, filter: MetricFilter, term: string): Promise<string[]> {
  const groups = await readGroups(db, filter, false);
  return groups.flatMap((g) => g.comments.filter((c) => c.terms.includes(term)).map((c) => c.ticketId)).sort();
}
