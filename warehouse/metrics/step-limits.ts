// Step time limits (config step_limits:, migrations/0028): the on-time rate per step (step_on_time:
// share of step visits ended in the range within their limit) and the tickets over their step limit
// at an instant (the `step` alert). Both measure in the limit's clock, as the SLA clocks do.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MetricFilter } from './filter.ts';
import { metricColumn } from './catalog.ts';
import { COLUMNS } from './columns.ts';
import { metricParams } from './kpis.ts';
import { metricSql, queryRows } from './metric-sql.ts';
import { zonedRows } from './zoned-rows.ts';
import type { Column, MetricTable } from './table.ts';
import { STATUSES } from '../event-model.ts';
import type { StepLimit } from '../config.ts';

const c = (key: string, en: string, zh: string, unit: Column['unit']): Column => ({ key, label: { en, zh }, unit });
const VISITS = c('visits', 'Step visits', '环节停留次数', 'count');
const ON_TIME = c('on_time', 'Within limit', '时限内完成', 'count');

/** Statuses the config limits, in the lifecycle's order. */
async function limitedStatuses(db: DuckDBConnection): Promise<string[]> {
  const held = new Set((await queryRows(db, 'SELECT DISTINCT status FROM step_limits', {})).map((r) => String(r.status)));
  return STATUSES.filter((s) => held.has(s));
}

/**
 * Per limited status (then 'all'): visits ended in the range, those within their limit, and the share
 * (null when none ended). No limits configured: no rows and stepLimits.unavailable = 'no_step_limits'.
 */
export async function stepOnTime(db: DuckDBConnection, filter: MetricFilter): Promise<MetricTable> {
  const statuses = await limitedStatuses(db);
  const byStatus = new Map((await queryRows(db, metricSql('step-on-time'), metricParams(filter))).map((r) => [String(r.status), r]));
  const row = (status: string, visits: number, onTime: number) => ({ status, visits, on_time: onTime, step_on_time: visits === 0 ? null : onTime / visits });
  const rows = statuses.map((s) => row(s, Number(byStatus.get(s)?.visits ?? 0), Number(byStatus.get(s)?.on_time ?? 0)));
  if (rows.length > 0) rows.push(row('all', rows.reduce((a, r) => a + r.visits, 0), rows.reduce((a, r) => a + r.on_time, 0)));
  return {
    name: 'step-on-time', period: { from: filter.from, to: filter.to, timezone: filter.timezone }, previous: null,
    clock: filter.clock ?? 'business', columns: [COLUMNS.status, VISITS, ON_TIME, metricColumn('step_on_time')], rows,
    stepLimits: { unavailable: statuses.length === 0 ? 'no_step_limits' : null },
  };
}

export interface OverdueStep {
  ticket_id: string; status: StepLimit['status']; team: string | null; agent: string | null; priority: string;
  clock: string; limit_seconds: number; started_at: string; spent_seconds: number;
}

/** Tickets in a working status at `now` for longer than its step limit, most overdue first. */
export async function overdueSteps(db: DuckDBConnection, filter: MetricFilter, now: Date): Promise<OverdueStep[]> {
  const rows = await zonedRows(db, metricSql('step-overdue'), { ...metricParams(filter), now: now.toISOString() }, filter.timezone);
  return rows as unknown as OverdueStep[];
}
