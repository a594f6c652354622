// Distributions of the range: arrivals by weekday x hour (local), first response time buckets,
// time in each status (requester / agent wait) and reply times per day. Every bucket has a row.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from './filter.ts';
import { localDays } from './buckets.ts';
import { metricColumn } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { metricParams, queryKpis } from './kpis.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { firstResponseCoverage } from './first-response.ts';
import { rollupArrivals } from '../rollups/rollup-arrivals.ts';
import { rollupStatusTimes } from '../rollups/rollup-status-times.ts';
import type { Column, MetricTable } from './table.ts';

const table = (name: string, filter: MetricFilter, columns: Column[], rows: MetricTable['rows']): MetricTable => ({
  name, period: { from: filter.from, to: filter.to, timezone: filter.timezone }, previous: null,
  clock: filter.clock ?? 'business', columns, rows,
});

/** Tickets created per local weekday (1 = Monday) and hour: 168 rows. `rollup`: from the daily rollup when it answers the filter (source says which). */
export async function arrivalHeatmap(db: DuckDBConnection, filter: MetricFilter, options: { rollup?: boolean } = {}): Promise<MetricTable> {
  const fromRollup = options.rollup ? await rollupArrivals(db, filter) : null;
  const counts = new Map((fromRollup ?? await queryKpis(db, filter, { key: 'weekday_hour', kpis: ['volume'] })).map((r) => [r.key, r.volume]));
  const rows = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) rows.push({ weekday, hour, tickets: counts.get(weekday * 100 + hour) ?? 0 });
  }
  return { ...table('heatmap', filter, [COLUMNS.weekday, COLUMNS.hour, COLUMNS.tickets], rows), source: fromRollup ? 'rollup' : 'facts' };
}

export const FRT_BUCKETS = ['<1h', '1-4h', '4-8h', '8-24h', '>24h', 'unanswered'] as const;

/** Tickets created in the range whose first response is measured, per bucket; share of them (the rows sum to 1). */
export async function frtBuckets(db: DuckDBConnection, filter: MetricFilter): Promise<MetricTable> {
  const counts = new Map((await queryRows(db, metricSql('frt-buckets'), metricParams(filter))).map((r) => [r.bucket, r.tickets as number]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    ...table('frt-buckets', filter, [COLUMNS.bucket, COLUMNS.tickets, COLUMNS.share], FRT_BUCKETS.map((bucket) => {
      const tickets = counts.get(bucket) ?? 0;
      return { bucket, tickets, share: total === 0 ? null : tickets / total };
    })),
    firstResponse: (await firstResponseCoverage(db, filter)).current,
  };
}

export const STATUS_MEASURES = ['new', 'open', 'pending', 'on_hold', 'requester_wait', 'agent_wait'] as const;

/**
 * Per working status and per wait (requester = new + open + on_hold, agent = pending): tickets, median, p90, mean.
 * `rollup`: from the daily rollup when it answers the filter (source says which; its medians and p90s
 * are within 1%, each row marked approximate).
 */
export async function statusTimes(db: DuckDBConnection, filter: MetricFilter, options: { rollup?: boolean } = {}): Promise<MetricTable> {
  const fromRollup = options.rollup ? await rollupStatusTimes(db, filter) : null;
  const rows = fromRollup ?? await queryRows(db, metricSql('status-times'), metricParams(filter));
  const byMeasure = new Map(rows.map((r) => [r.measure, r]));
  return {
    ...table('status-times', filter, [COLUMNS.status, COLUMNS.tickets, COLUMNS.median, COLUMNS.p90, COLUMNS.mean],
      STATUS_MEASURES.map((status) => {
        const r = byMeasure.get(status);
        return { status, tickets: r?.tickets ?? 0, median: r?.median ?? null, p90: r?.p90 ?? null, mean: r?.mean ?? null,
          ...(fromRollup ? { approximate: true } : {}) };
      })),
    source: fromRollup ? 'rollup' : 'facts',
  };
}

/** Agent replies per local day of the range with the median and p90 reply time. */
export async function replyTimes(db: DuckDBConnection, filter: MetricFilter): Promise<MetricTable> {
  const byDay = new Map((await queryKpis(db, filter, { key: 'bucket', grain: 'day', kpis: ['replies', 'reply_median', 'reply_p90'] })).map((r) => [r.key, r]));
  return table('reply-times', filter,
    [COLUMNS.day, metricColumn('replies'), metricColumn('reply_median', 'median'), metricColumn('reply_p90', 'p90')],
    localDays(filter.from, filter.to).map((day) => {
      const r = byDay.get(day);
      return { day, replies: r?.replies ?? 0, median: r?.reply_median ?? null, p90: r?.reply_p90 ?? null };
    }));
}
