// The config's reports on their cron schedules inside `serve` (croner, in the config's zone). Each
// run is recorded in report_runs; at start a report whose latest scheduled time has no run (the
// server was down then) runs once for that time: one catch-up, however many were missed. Runs go
// one at a time in the background; a failed delivery is recorded and never stops the server. A change
// of the config file reschedules (as the alert rules are reloaded).
import { Cron } from 'croner';
import type { Warehouse } from '../../warehouse/database.ts';
import type { DeliveryOptions } from '../notify/deliver.ts';
import { dayBefore } from '../digest/digest-data.ts';
import { readReportConfig, type ReportConfig, type ReportDefinition } from '../digest/report-config.ts';
import { composeDigest, deliverDigest } from '../digest/send-report.ts';
import { watchConfigFile } from '../config/watch-config.ts';
import { lastRuns, recordRun } from './report-runs.ts';

export interface SchedulerLog { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

export class ReportScheduler {
  private jobs: { id: string; job: Cron }[] = [];
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private reloaded = false;
  private unwatch: (() => void) | null = null;

  constructor(private readonly warehouse: Warehouse, private readonly configPath: string, private readonly baseUrl: string,
    private readonly log: SchedulerLog, private readonly delivery: DeliveryOptions = {}) {}

  async start(now = new Date()): Promise<void> {
    this.unwatch = watchConfigFile(this.configPath, () => this.reload());
    const rc = this.read('reports: none scheduled');
    if (!rc || rc.reports.length === 0) return;
    let runs: Awaited<ReturnType<typeof lastRuns>>;
    try {
      runs = await this.warehouse.withConnection((db) => lastRuns(db));
    } catch (err) {
      this.log.error({ reports: 'runs' }, `reports: none scheduled: the last runs could not be read: ${(err as Error).message}`);
      return;
    }
    if (this.stopped || this.reloaded) return; // the config changed meanwhile: its schedules are in force
    this.scheduleAll(rc);
    for (const [i, report] of rc.reports.entries()) {
      const { job } = this.jobs[i]!;
      const latest = job.previousRuns(1, now)[0];
      const last = runs.get(report.id);
      if (latest && (!last || last.scheduled_for.getTime() < latest.getTime())) {
        this.log.info({ report: report.id, scheduledFor: latest.toISOString() }, `reports: ${report.id} missed its run of ${latest.toISOString()}: running it once now`);
        this.enqueue(rc, report, latest);
      } else {
        this.log.info({ report: report.id, next: job.nextRun()?.toISOString() }, `reports: ${report.id} up to date; next run ${job.nextRun()?.toISOString() ?? 'never'}`);
      }
    }
  }

  /**
   * The config changed: its reports replace the schedules in force (a bad file keeps them, and the
   * log says why). No catch-up here: a report added or moved now waits for its next time.
   */
  reload(): void {
    if (this.stopped) return;
    const rc = this.read(`reports: the config was not reloaded, the ${this.jobs.length} schedules in force stay`);
    if (!rc) return;
    this.reloaded = true;
    this.scheduleAll(rc);
    this.log.info({ reports: this.schedules().map((s) => ({ id: s.id, next: s.next?.toISOString() ?? null })) },
      `reports: ${rc.reports.length} scheduled after the config changed`);
  }

  /** The schedules in force and when each runs next. */
  schedules(): { id: string; schedule: string; next: Date | null }[] {
    return this.jobs.map(({ id, job }) => ({ id, schedule: job.getPattern() ?? '', next: job.nextRun() }));
  }

  private read(refusal: string): ReportConfig | null {
    try {
      return readReportConfig(this.configPath);
    } catch (err) {
      this.log.error({ reports: 'config' }, `${refusal}: ${(err as Error).message}`);
      return null;
    }
  }

  private scheduleAll(rc: ReportConfig): void {
    for (const { job } of this.jobs) job.stop();
    this.jobs = rc.reports.map((report) => ({ id: report.id, job: new Cron(report.schedule, { timezone: rc.timezone, protect: true }, () => {
      // the minute the schedule named (the callback may fire a few ms after it)
      this.enqueue(rc, report, new Date(Math.floor(Date.now() / 60_000) * 60_000));
    }) }));
  }

  private enqueue(rc: ReportConfig, report: ReportDefinition, scheduledFor: Date): void {
    this.queue = this.queue.then(() => (this.stopped ? undefined : this.run(rc, report, scheduledFor)));
  }

  private async run(rc: ReportConfig, report: ReportDefinition, scheduledFor: Date): Promise<void> {
    const day = dayBefore(scheduledFor, rc.timezone);
    let outcome: 'sent' | 'failed' = 'sent';
    let why: string | null = null;
    try {
      const digest = await composeDigest(this.warehouse, rc, report, day, { baseUrl: this.baseUrl });
      const { failed } = await deliverDigest(this.warehouse, rc, digest, this.delivery);
      if (failed.length > 0) [outcome, why] = ['failed', failed.join('; ')];
    } catch (err) {
      [outcome, why] = ['failed', (err as Error).message];
    }
    try {
      await this.warehouse.withConnection((db) => recordRun(db, { report_id: report.id, scheduled_for: scheduledFor, ran_at: new Date(), outcome, why }));
    } catch (err) {
      this.log.error({ report: report.id }, `reports: the run of ${report.id} was not recorded: ${(err as Error).message}`);
    }
    if (outcome === 'sent') this.log.info({ report: report.id, day }, `reports: ${report.id} for ${day} sent to ${report.notify.join(', ')}`);
    else this.log.error({ report: report.id, day }, `reports: ${report.id} for ${day} failed: ${why}`);
  }

  /** Stops the schedules; waits for a run in progress at most `graceMs` (a hanging SMTP server must not hold up shutdown). */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    this.unwatch?.();
    for (const { job } of this.jobs) job.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise((r) => { timer = setTimeout(r, graceMs); })]);
    clearTimeout(timer);
  }
}
