// `deskpulse forecast`: arrivals per queue from the warehouse (opened directly, and said so), or
// from a counts file (--series), with the chosen model, its backtest scores and p10/p50/p90 rows.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { Warehouse, resolveDbPath } from '../../warehouse/database.ts';
import { evaluateHoldout } from '../../forecasting/backtest/holdout.ts';
import { asStoredQueues } from '../../forecasting/current-forecast.ts';
import { applyStaffing, type ApplyStaffingResult } from '../../forecasting/dispatch-rules/apply-staffing.ts';
import { forecastQueues, type ForecastQueuesResult } from '../../forecasting/forecast.ts';
import { loadDispatchRules, readForecastSettings, type LoadedDispatchRules } from '../../forecasting/forecast-config.ts';
import { recommendStaffing } from '../../forecasting/staffing/recommend.ts';
import { staffingInput } from '../../forecasting/staffing/staffing-for-forecast.ts';
import { isoInZone, queueReport, reportCsv, reportSummary, reportText, type QueueReport } from '../../forecasting/forecast-report.ts';
import { forecastSeries } from '../../forecasting/forecast-series.ts';
import { findPeaks } from '../../forecasting/peaks.ts';
import { aggregateSeries } from '../../forecasting/series/aggregate.ts';
import { readCountsCsv } from '../../forecasting/series/counts-file.ts';
import { readEventsCsv } from '../../forecasting/series/events-file.ts';
import { parseHorizon, parseInterval } from '../../forecasting/series/interval.ts';

interface ForecastFlags {
  queue?: string[];
  horizon: string;
  interval?: string;
  series?: string;
  events?: string;
  timeColumn?: string;
  valueColumn?: string;
  tz?: string;
  holdout?: string;
  top: string;
  threshold?: string;
  json?: boolean;
  csv?: boolean;
  store: boolean;
  apply?: boolean;
  dryRun?: boolean;
  who?: string;
  db?: string;
  config?: string;
}

function print(reports: QueueReport[], flags: ForecastFlags, extra: Record<string, unknown>): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...extra, queues: reports }, null, 2)}\n`);
  } else if (flags.csv) {
    process.stderr.write(`${reportSummary(reports)}\n`);
    process.stdout.write(reportCsv(reports));
  } else {
    process.stdout.write(reportText(reports));
  }
}

function peakOptions(flags: ForecastFlags): { top: number; threshold?: number } {
  const top = Number(flags.top);
  if (!Number.isInteger(top) || top < 0) throw new Error(`--top ${flags.top}: give a whole number of intervals, e.g. 5`);
  if (flags.threshold === undefined) return { top };
  const threshold = Number(flags.threshold);
  if (!Number.isFinite(threshold)) throw new Error(`--threshold ${flags.threshold}: give a number of arrivals per interval`);
  return { top, threshold };
}

function holdoutDays(flags: ForecastFlags): number | undefined {
  if (flags.holdout === undefined) return undefined;
  const { days, hours } = parseHorizon(flags.holdout);
  if (hours > 0) throw new Error(`--holdout ${flags.holdout}: give whole days, e.g. 14d`);
  return days;
}

async function forecastFile(flags: ForecastFlags): Promise<void> {
  const file = flags.series!;
  let defaultZone = 'UTC';
  try {
    defaultZone = readForecastSettings(flags.config).config.timezone;
  } catch {
    // Without a config, naive timestamps are read as UTC unless --tz says otherwise (noted below).
  }
  const counts = readCountsCsv(readFileSync(file, 'utf8'), {
    source: file, defaultZone,
    ...(flags.timeColumn !== undefined ? { timeColumn: flags.timeColumn } : {}),
    ...(flags.valueColumn !== undefined ? { valueColumn: flags.valueColumn } : {}),
    ...(flags.tz !== undefined ? { zone: flags.tz } : {}),
  });
  const series = flags.interval ? aggregateSeries(counts.series, parseInterval(flags.interval)) : counts.series;
  for (const w of counts.warnings) process.stderr.write(`${file}: ${w}\n`);
  process.stderr.write(`${file}: time zone ${counts.zoneNote}\n`);
  const events = flags.events !== undefined ? { events: readEventsCsv(readFileSync(flags.events, 'utf8'), flags.events) } : {};
  const days = holdoutDays(flags);
  const { forecast, holdout } = days !== undefined
    ? (() => {
      const e = evaluateHoldout(series, days, events);
      return { forecast: e.forecast, holdout: { days, scores: e.scores } };
    })()
    : { forecast: forecastSeries(series, { horizon: parseHorizon(flags.horizon), ...events }), holdout: undefined };
  const peaks = peakOptions(flags);
  const report = queueReport({
    id: file, name: file, forecast, format: counts.format, peaks: findPeaks(forecast.intervals, peaks),
    ...(peaks.threshold !== undefined ? { threshold: peaks.threshold } : {}),
    ...(holdout ? { holdout } : {}),
  });
  print([report], flags, { source: file, zone: counts.zoneNote });
}

/**
 * Opens the warehouse file itself (the config is not synced: forecasting only reads tickets and
 * writes its own tables), saying so, and naming a running server as the likely lock holder.
 */
export async function openWarehouseFile(dbFlag: string | undefined, command: string): Promise<Warehouse> {
  const path = resolveDbPath(dbFlag);
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(/lock/i.test(message)
      ? `${path} is in use by another process (a running \`deskpulse serve\`?): stop it, or ask the server's API (/api/forecast, /api/staffing)`
      : message);
  }
  process.stderr.write(`${command}: opened the warehouse file ${path} directly\n`);
  return warehouse;
}

/** Staffing for the forecast, written into the dispatch rules (or, on a dry run, only diffed). */
async function applyForecast(result: ForecastQueuesResult, warehouse: Warehouse, loaded: LoadedDispatchRules, flags: ForecastFlags): Promise<ApplyStaffingResult> {
  const input = await staffingInput({ runId: result.runId, generatedAt: result.generatedAt, queues: asStoredQueues(result) },
    { session: warehouse, queues: loaded.rules.queues, ...(flags.config !== undefined ? { configPath: flags.config } : {}) });
  return applyStaffing({
    db: warehouse, dispatchRulesPath: loaded.path, recommendations: recommendStaffing(input),
    who: flags.who ?? `cli:${userInfo().username}`, dryRun: Boolean(flags.dryRun),
  });
}

function printApply(applied: ApplyStaffingResult, flags: ForecastFlags): void {
  for (const w of applied.warnings) process.stderr.write(`forecast: warning: ${w.message}\n`);
  if (flags.json) return;
  process.stdout.write(applied.diff === '' ? 'dispatch rules: no change\n' : applied.diff);
  process.stderr.write(flags.dryRun
    ? `forecast: dry run: ${applied.changed ? `the staffing of ${applied.queues.join(', ')} would change` : 'nothing would change'}; nothing was written\n`
    : applied.versionId !== null ? `forecast: wrote the staffing of ${applied.queues.join(', ')}; recorded as dispatch-rules version ${applied.versionId}\n`
      : 'forecast: the dispatch rules already hold this staffing; nothing written\n');
}

async function forecastWarehouse(flags: ForecastFlags): Promise<void> {
  const settings = readForecastSettings(flags.config);
  const loaded = loadDispatchRules(settings.dispatchRulesPath);
  const warehouse = await openWarehouseFile(flags.db, 'forecast');
  try {
    const days = holdoutDays(flags);
    const result = await forecastQueues({
      db: warehouse, config: settings.config, dispatch: loaded.dispatch,
      ...(flags.queue ? { queues: flags.queue.flatMap((q) => q.split(',')) } : {}),
      horizon: flags.horizon, interval: flags.interval ?? '60m',
      ...(days !== undefined ? { holdout: days } : {}),
      store: flags.store && days === undefined,
    });
    for (const s of result.skipped) process.stderr.write(`forecast: queue ${s.queue} skipped: ${s.reason}\n`);
    // Nothing to print or staff is a failure with its reasons, never an empty file and exit 0.
    if (result.queues.length === 0) {
      throw new Error(`nothing was forecast: ${result.skipped.map((s) => `queue ${s.queue}: ${s.reason}`).join('; ') || 'no queue matched'}`);
    }
    const peaks = peakOptions(flags);
    const reports = result.queues.map((q) => queueReport({
      id: q.queue.id, name: q.queue.name, forecast: q.forecast, format: isoInZone(q.forecast.zone),
      peaks: findPeaks(q.forecast.intervals, peaks), ...(peaks.threshold !== undefined ? { threshold: peaks.threshold } : {}),
      ...(q.holdout && days !== undefined ? { holdout: { days, scores: q.holdout.scores } } : {}),
    }));
    const applied = flags.apply || flags.dryRun ? await applyForecast(result, warehouse, loaded, flags) : null;
    print(reports, flags, {
      runId: result.runId, generatedAt: new Date(result.generatedAt).toISOString(), horizon: result.horizon, skipped: result.skipped,
      ...(applied ? { dispatchRules: { dryRun: Boolean(flags.dryRun), changed: applied.changed, versionId: applied.versionId, queues: applied.queues, diff: applied.diff, warnings: applied.warnings } } : {}),
    });
    if (result.runId !== null) process.stderr.write(`forecast: stored as run ${result.runId}\n`);
    if (applied) printApply(applied, flags);
  } finally {
    warehouse.close();
  }
}

export function register(program: Command): void {
  program
    .command('forecast')
    .description(summaryOf('forecast'))
    .option('--queue <queue...>', 'dispatch-rule queue id, or team:ID, channel:NAME, problem_type:NAME, all (repeatable)')
    .option('--horizon <horizon>', 'how far ahead, e.g. 14d, 2w, 48h', '14d')
    .option('--interval <interval>', '15m, 30m, 60m or daily (default 60m; for --series the file\'s own interval)')
    .option('--series <file>', 'forecast a timestamp,count CSV (telephony/chat export) instead of the warehouse')
    .option('--events <file>', 'holidays and promotion days of --series: date,kind rows (kind holiday or promotion)')
    .option('--time-column <column>', 'timestamp column of --series (name, or 1-based number)')
    .option('--value-column <column>', 'count column of --series (name, or 1-based number)')
    .option('--tz <zone>', 'time zone of --series timestamps (default: the config\'s zone, or the one their offsets show)')
    .option('--holdout <days>', 'hold out the last days: forecast them from before and score every model on them')
    .option('--top <n>', 'how many peak intervals to list', '5')
    .option('--threshold <arrivals>', 'also list every interval whose p50 exceeds this')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV rows (queue,timestamp,p10,p50,p90); the model summary goes to stderr')
    .option('--no-store', 'do not keep this forecast in the warehouse')
    .option('--apply', 'write the staffing recommendation for this forecast into the dispatch rules (a version is recorded)')
    .option('--dry-run', 'show the diff --apply would make to the dispatch rules, and its warnings; write nothing')
    .option('--who <name>', 'who applies, for the version history (default cli:<login name>)')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (flags: ForecastFlags) => {
      if (flags.json && flags.csv) throw new Error('choose one of --json and --csv');
      if (flags.series && (flags.apply || flags.dryRun)) throw new Error('--apply and --dry-run work on warehouse queues, not on --series files');
      if ((flags.apply || flags.dryRun) && (flags.holdout !== undefined || !flags.store)) {
        throw new Error('--apply and --dry-run staff a kept forecast: drop --holdout and --no-store');
      }
      if (flags.series && flags.queue) throw new Error('--queue and --series exclude each other: a file holds one series');
      if (flags.events && !flags.series) throw new Error('--events goes with --series: warehouse queues take holidays from their calendars and promotions from the config');
      await (flags.series ? forecastFile(flags) : forecastWarehouse(flags));
    });
}
