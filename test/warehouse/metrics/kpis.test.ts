import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { KPI_COLUMNS, kpiSql, metricParams, queryKpis, type KpiQuery } from '../../../warehouse/metrics/kpis.ts';
import { queryRows } from '../../../warehouse/metrics/metric-sql.ts';
import { previousPeriod } from '../../../warehouse/metrics/filter.ts';
import { metricWarehouse, NOW, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(); });
afterAll(() => w.close());

const QUERIES: KpiQuery[] = [
  { key: 'period', now: NOW },
  { key: 'period', adjoining: previousPeriod(WEEK), now: NOW },
  { key: 'bucket', grain: 'day', now: NOW },
  { key: 'dimension', dimension: 'agent', now: NOW },
];
const COUNTS = new Set(['volume', 'resolved', 'unanswered', 'frt_unmeasured', 'replies']);

describe('KPI query asking for some KPIs', () => {
  it('answers each KPI asked alone as the query of all of them does, and nothing else', async () => {
    for (const query of QUERIES) {
      const all = new Map((await queryKpis(w.db, WEEK, query)).map((r) => [r.key, r]));
      for (const kpi of KPI_COLUMNS) {
        const alone = await queryKpis(w.db, WEEK, { ...query, kpis: [kpi] });
        expect(alone.every((r) => Object.keys(r).sort().join() === ['key', kpi].sort().join())).toBe(true);
        // Keys come from the facts of the KPI's kind only; another kind's keys answer 0 or nothing there.
        for (const [key, row] of all) {
          const found = alone.find((r) => r.key === key);
          expect([query.key, kpi, key, found?.[kpi] ?? (COUNTS.has(kpi) ? 0 : null)]).toEqual([query.key, kpi, key, row[kpi]]);
        }
        expect(alone.every((r) => all.has(r.key))).toBe(true);
      }
    }
  });

  it('does not read the replies for ticket KPIs, nor the tickets for reply times', async () => {
    // The tables the plan scans, from its JSON form.
    const scanned = async (query: KpiQuery) => {
      const [row] = await queryRows(w.db, `EXPLAIN (FORMAT JSON) ${kpiSql(WEEK, query)}`, { ...metricParams(WEEK, query), grain: 'day' });
      return new Set([...String(row!.explain_value).matchAll(/"Table": "(?:\w+\.)*(\w+)"/g)].map((m) => m[1]));
    };
    expect(await scanned({ key: 'weekday_hour', kpis: ['volume'] })).toEqual(new Set(['tickets', 'sla_policies', 'calendar_open_intervals']));
    expect(await scanned({ key: 'bucket', kpis: ['replies', 'reply_median'] })).toEqual(new Set(['agent_replies']));
    expect(await scanned({ key: 'bucket' })).toEqual(new Set(['tickets', 'sla_policies', 'calendar_open_intervals', 'agent_replies']));
  });
});
