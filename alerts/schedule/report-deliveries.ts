// The config's scheduled reports with where each digest went, for the Alerts page, GET
// /api/alerts/reports and the CLI: send-report.ts records every attempt in alert_deliveries under
// report:<id>:<day>; folded here as the alerts' attempts are (delivery-history.ts), one delivery
// per day and target: sent or failed, why, when. A team lead sees the reports written for their teams only.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { Cron } from 'croner';
import { queryRows } from '../../warehouse/metrics/metric-sql.ts';
import { withinTeams } from '../../warehouse/metrics/scoped-filter.ts';
import { foldAttempts, type Delivery } from '../engine/delivery-history.ts';
import type { ReportConfig, ReportDefinition } from '../digest/report-config.ts';
import { lastRuns } from './report-runs.ts';

/** One digest (of `day`) to one target. */
export interface ReportDelivery extends Delivery { day: string }

export interface ReportStatus {
  id: string; schedule: string; timezone: string; scope: { role: string; teams: string[] }; language: string; notify: string[];
  next_run_at: string | null;
  last_run: { scheduled_for: string; ran_at: string; outcome: 'sent' | 'failed'; why: string | null } | null;
  /** Newest first. */
  deliveries: ReportDelivery[];
}

/** Deliveries listed per report. */
export const DELIVERIES_PER_REPORT = 20;

const REPORT_PREFIX = 'report:';

/**
 * The reports `teams` may see: null (admin, manager) every report; a team lead's teams only those
 * written for a team lead of theirs alone (withinTeams): a report that also spans another team is
 * hidden whole (its scope names that team, its digest holds its figures), as is a manager's digest
 * (no teams of its own: every team).
 */
export function visibleReports(reports: readonly ReportDefinition[], teams: readonly string[] | null): ReportDefinition[] {
  return reports.filter((r) => withinTeams(r.scope.teams ?? [], teams));
}

/** Each report's deliveries, newest first, at most `perReport`. */
export async function reportDeliveries(db: DuckDBConnection, reportIds: readonly string[], perReport = DELIVERIES_PER_REPORT): Promise<Map<string, ReportDelivery[]>> {
  const byReport = new Map<string, ReportDelivery[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return byReport;
  const attempts = await queryRows(db, `SELECT alert_id, target, epoch_ms("at") AS at_ms, attempt, outcome, why FROM alert_deliveries
    WHERE starts_with(alert_id, $prefix) AND list_contains($ids, split_part(alert_id, ':', 2))`, { prefix: REPORT_PREFIX, ids: listValue([...reportIds]) });
  const folded = foldAttempts(attempts.map((a) => ({ alert_id: String(a.alert_id), target: String(a.target), at: new Date(Number(a.at_ms)).toISOString(),
    attempt: Number(a.attempt), outcome: a.outcome as Delivery['outcome'], why: (a.why as string | null) ?? null })));
  for (const [key, deliveries] of folded) {
    const [, id, day] = key.split(':');
    byReport.get(id!)?.push(...deliveries.map((d) => ({ ...d, day: day ?? '' })));
  }
  for (const [id, list] of byReport) byReport.set(id, list.sort((a, b) => b.at.localeCompare(a.at) || a.target.localeCompare(b.target)).slice(0, perReport));
  return byReport;
}

/** The reports `teams` may see, each with its schedule, next and last run and its deliveries. */
export async function reportStatuses(db: DuckDBConnection, rc: ReportConfig, teams: readonly string[] | null, now = new Date()): Promise<ReportStatus[]> {
  const reports = visibleReports(rc.reports, teams);
  const [deliveries, runs] = [await reportDeliveries(db, reports.map((r) => r.id)), await lastRuns(db)];
  return reports.map((r) => {
    const run = runs.get(r.id);
    return {
      id: r.id, schedule: r.schedule, timezone: rc.timezone, scope: { role: r.scope.role, teams: r.scope.teams ?? [] }, language: r.language, notify: r.notify,
      next_run_at: new Cron(r.schedule, { paused: true, timezone: rc.timezone }).nextRun(now)?.toISOString() ?? null,
      last_run: run ? { scheduled_for: run.scheduled_for.toISOString(), ran_at: run.ran_at.toISOString(), outcome: run.outcome, why: run.why } : null,
      deliveries: deliveries.get(r.id) ?? [],
    };
  });
}
