// The complaint review over the demo (issue 20 §4): the demo's comments are composed from parts, so
// each problem type's terms are many and none dominates (none in more than 30% of its comments), and
// fillers (stop words, spans of time) are never terms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoConfig } from '../../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../../ingest/demo/demo-into-warehouse.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { commentTerms } from '../../../warehouse/metrics/comment-terms.ts';
import { complaintReview, TERMS_PER_GROUP } from '../../../warehouse/metrics/complaint-review.ts';

const RANGE = { from: '2026-10-01', to: '2026-10-28', timezone: 'Asia/Shanghai' };
let w: Warehouse;

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await syncConfig(w.db, loadConfig('config/deskpulse.yaml'));
  await demoIntoWarehouse(w, { days: 28, ticketsPerDay: 200, seed: 11, end: RANGE.to, config: readDemoConfig('config/deskpulse.yaml') });
}, 120_000);
afterAll(() => w?.close());

describe('complaint review over the demo', () => {
  it('the demo\'s comments are varied: per problem type, no term in more than 30% of its comments', async () => {
    const rows = (await w.db.runAndReadAll('SELECT problem_type, rating_comment FROM tickets WHERE rating_comment IS NOT NULL')).getRowObjectsJS();
    const byType = new Map<string, string[][]>();
    for (const r of rows) byType.set(String(r.problem_type), [...(byType.get(String(r.problem_type)) ?? []), commentTerms(String(r.rating_comment))]);
    const judged = [...byType].filter(([, comments]) => comments.length >= 40);
    expect(judged.length).toBeGreaterThanOrEqual(4);
    for (const [type, comments] of judged) {
      const counts = new Map<string, number>();
      for (const terms of comments) for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      expect(n / comments.length, `${type}: "${top}" in ${n} of ${comments.length}`).toBeLessThanOrEqual(0.3);
      expect(counts.size, type).toBeGreaterThanOrEqual(40);
    }
  });

  it('lists a full set of terms for each group with comments, and no fillers', async () => {
    const t = await complaintReview(w.db, RANGE);
    const groups = new Map<string, typeof t.rows>();
    for (const row of t.rows) groups.set(String(row.problem_type), [...(groups.get(String(row.problem_type)) ?? []), row]);
    for (const rows of groups.values()) if (Number(rows[0]!.comments_read) >= 15) expect(rows.length, String(rows[0]!.problem_type)).toBe(TERMS_PER_GROUP);
    const terms = new Set(t.rows.map((r) => String(r.term)));
    expect(terms.size).toBeGreaterThanOrEqual(30);
    for (const filler of ['took', 'three', 'twice', 'again', 'never', 'days', '没有', '已经', '一直', '三天', '两周']) expect(terms.has(filler), filler).toBe(false);
  });
});
