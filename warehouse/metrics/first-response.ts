// Whether the first response metrics can be measured for a range: a ticket's first response is
// measured only where its source records one (agent replies, or the rule its mapping declares).
// A range none of whose tickets is measured has them "not available"; see first-response-notes.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from './filter.ts';
import { metricParams } from './kpis.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { coverageOf } from './first-response-notes.ts';
import type { FirstResponseCoverage } from './table.ts';
import { rollupAnswers, rollupRuleCounts } from '../rollups/daily-rollup.ts';

/**
 * Coverage of the filter's range ('current'; a comparison period is asked as a filter of its own).
 * `rollupZone` (the caller's rollupZone, when it may answer from the rollup): from the daily rollup's
 * tickets per rule when it answers the filter, the same counts without reading a year's tickets
 * (about 10 ms at 10 M events).
 */
export async function firstResponseCoverage(db: DuckDBConnection, filter: MetricFilter, options: { rollupZone?: string | null } = {}): Promise<{ current: FirstResponseCoverage }> {
  const rows = rollupAnswers(filter, options.rollupZone ?? null)
    ? await rollupRuleCounts(db, filter.from, filter.to)
    : await queryRows(db, metricSql('first-response-coverage', { key: 'period' }), metricParams(filter));
  return { current: coverageOf(rows.map((r) => ({ rule: r.rule as string | null, tickets: Number(r.tickets) }))) };
}

