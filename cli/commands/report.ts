// `deskpulse report list | send ID [--dry-run [dir]]`: the config's scheduled reports (schedule,
// scope, targets, next and last run), and one digest made now for a day (default yesterday in the
// config's zone): sent to its targets, or with --dry-run written to files to look at.
import type { Command } from 'commander';
import { Cron } from 'croner';
import { summaryOf } from '../command-list.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { runningServer } from '../server-note.ts';
import { resolveConfigPath } from '../../warehouse/config.ts';
import { resolveDbPath } from '../../warehouse/database.ts';
import { readReportConfig, type ReportConfig } from '../../alerts/digest/report-config.ts';
import { dayBefore } from '../../alerts/digest/digest-data.ts';
import { composeDigest, deliverDigest, writeDryRun } from '../../alerts/digest/send-report.ts';

interface Flags { db?: string; config?: string; json?: boolean }
const DEFAULT_DRY_RUN_DIR = 'deskpulse-digest';
const FALLBACK_BASE_URL = 'http://127.0.0.1:3000';

function reportOf(rc: ReportConfig, id: string) {
  const report = rc.reports.find((r) => r.id === id);
  if (!report) throw new Error(`${rc.file}: no report "${id}" under reports:; the reports are: ${rc.reports.map((r) => r.id).join(', ') || 'none'}`);
  return report;
}

export function register(program: Command): void {
  const report = program.command('report').description(summaryOf('report'));
  const common = (c: Command) => c
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)');

  common(report.command('list').description('the reports of the config: schedule (config zone), scope, language, targets, next run').option('--json', 'print JSON'))
    .action((flags: Flags) => {
      const rc = readReportConfig(resolveConfigPath(flags.config));
      const rows = rc.reports.map((r) => ({
        id: r.id, schedule: r.schedule, timezone: rc.timezone, scope: r.scope, language: r.language, notify: r.notify,
        next: new Cron(r.schedule, { paused: true, timezone: rc.timezone }).nextRun()?.toISOString() ?? null,
      }));
      if (flags.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      if (rows.length === 0) return void process.stdout.write(`${rc.file}: no reports: configured\n`);
      for (const r of rows) {
        const scope = r.scope.teams ? `${r.scope.role} of ${r.scope.teams.join(', ')}` : r.scope.role;
        process.stdout.write(`${r.id}\t"${r.schedule}" (${r.timezone})\t${scope}\t${r.language}\t-> ${r.notify.join(', ')}\tnext ${r.next ?? '-'}\n`);
      }
    });

  common(report.command('send <id>')
    .description('make the report\'s digest now and send it to its targets (or write it to files with --dry-run)')
    .option('--dry-run [dir]', `write <id>-<day>.eml, .html, .png and .txt to dir (default ./${DEFAULT_DRY_RUN_DIR}) instead of sending`)
    .option('--day <YYYY-MM-DD>', 'the day the digest reports on (default yesterday in the config zone)'))
    .action(async (id: string, flags: Flags & { dryRun?: string | true; day?: string }) => {
      const rc = readReportConfig(resolveConfigPath(flags.config));
      const definition = reportOf(rc, id);
      const day = flags.day ?? dayBefore(new Date(), rc.timezone);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`--day ${day}: give a day as YYYY-MM-DD`);
      const baseUrl = runningServer(resolveDbPath(flags.db))?.url ?? FALLBACK_BASE_URL;
      const warehouse = await openWarehouse(flags);
      try {
        const digest = await composeDigest(warehouse, rc, definition, day, { baseUrl });
        if (flags.dryRun !== undefined) {
          const files = await writeDryRun(flags.dryRun === true ? DEFAULT_DRY_RUN_DIR : flags.dryRun, rc, digest);
          process.stdout.write(`report ${id} for ${day} (not sent):\n${files.map((f) => `  ${f}`).join('\n')}\n`);
          return;
        }
        const { failed } = await deliverDigest(warehouse, rc, digest);
        if (failed.length > 0) throw new Error(`report ${id}: not delivered to ${failed.join('; ')}`);
        process.stdout.write(`report ${id} for ${day} sent to ${definition.notify.join(', ')}\n`);
      } finally {
        warehouse.close();
      }
    });
}
