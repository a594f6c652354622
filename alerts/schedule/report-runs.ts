// The last run of each scheduled report (table report_runs, migration 0023).
import type { DuckDBConnection } from '@duckdb/node-api';

export interface ReportRun { report_id: string; scheduled_for: Date; ran_at: Date; outcome: 'sent' | 'failed'; why: string | null }

export async function lastRuns(db: DuckDBConnection): Promise<Map<string, ReportRun>> {
  const reader = await db.runAndReadAll("SELECT report_id, epoch_ms(scheduled_for) AS scheduled_for, epoch_ms(ran_at) AS ran_at, outcome, why FROM report_runs");
  return new Map(reader.getRowObjectsJS().map((r) => [String(r.report_id), {
    report_id: String(r.report_id), scheduled_for: new Date(Number(r.scheduled_for)), ran_at: new Date(Number(r.ran_at)),
    outcome: r.outcome as ReportRun['outcome'], why: (r.why as string | null) ?? null,
  }]));
}

export async function recordRun(db: DuckDBConnection, run: ReportRun): Promise<void> {
  await db.run(`INSERT OR REPLACE INTO report_runs VALUES ($id, $scheduled::TIMESTAMPTZ, $ran::TIMESTAMPTZ, $outcome, $why)`, {
    id: run.report_id, scheduled: run.scheduled_for.toISOString(), ran: run.ran_at.toISOString(), outcome: run.outcome, why: run.why,
  });
}
