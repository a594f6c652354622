// `deskpulse forecast`: arrivals per queue from the warehouse (opened directly, and said so), or
// from a counts file (--series), with the chosen model, its backtest scores and p10/p50/p90 rows.
import { cliActor } from '../cli-actor.ts';
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
import { isoInZone, queueReport, reportCsv, type QueueReport } from '../../forecasting/forecast-report.ts';
import { forecastSeries } from '../../forecasting/forecast-series.ts';
import { findPeaks } from '../../forecasting/peaks.ts';
import { aggregateSeries } from '../../forecasting/series/aggregate.ts';
import { readCountsCsv } from '../../forecasting/series/counts-file.ts';
import { readEventsCsv } from '../../forecasting/series/events-file.ts';
import { parseHorizon, parseInterval } from '../../forecasting/series/interval.ts';
import { queueFromSpec } from '../../forecasting/series/queues.ts';
import { cliLang, type CliLang } from '../lang.ts';
import { WAREHOUSE_OPTIONS, withHelpIn, type OptionHelp } from './help-in.ts';
import { BilingualError } from '../../forecasting/bilingual-error.ts';
import type { SkippedQueue } from '../../forecasting/forecast.ts';
import { flagErrorsIn, readFlagFile, withErrorsIn } from './forecast-errors.ts';
import { forecastSummary, forecastText } from './forecast-text.ts';

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
  lang?: string;
}

/** The command's own notes, in the chosen language (queue ids, paths and the diff are data). */
const NOTES = {
  en: {
    zone: (note: string) => `time zone ${note}`,
    skipped: (queue: string, reason: string) => `forecast: queue ${queue} skipped: ${reason}`,
    fileNote: (file: string, note: string) => `${file}: ${note}`,
    stored: (run: number) => `forecast: stored as run ${run}`,
    warning: (message: string) => `forecast: warning: ${message}`,
    noChange: 'dispatch rules: no change',
    dryRun: (queues: string[] | null) => `forecast: dry run: ${queues ? `the staffing of ${queues.join(', ')} would change` : 'nothing would change'}; nothing was written`,
    wrote: (queues: string[], version: number) => `forecast: wrote the staffing of ${queues.join(', ')}; recorded as dispatch-rules version ${version}`,
    unchanged: 'forecast: the dispatch rules already hold this staffing; nothing written',
  },
  zh: {
    zone: (note: string) => `时区 ${note}`,
    skipped: (queue: string, reason: string) => `forecast：队列 ${queue} 未预测：${reason}`,
    fileNote: (file: string, note: string) => `${file}：${note}`,
    stored: (run: number) => `forecast：已保存为第 ${run} 次预测`,
    warning: (message: string) => `forecast：警告：${message}`,
    noChange: '分派规则：无变化',
    dryRun: (queues: string[] | null) => `forecast：试运行：${queues ? `${queues.join('、')} 的排班将会改变` : '不会有任何改变'}；未写入任何内容`,
    wrote: (queues: string[], version: number) => `forecast：已写入 ${queues.join('、')} 的排班；记为分派规则第 ${version} 版`,
    unchanged: 'forecast：分派规则已是这份排班；未写入',
  },
} as const;

function print(reports: QueueReport[], flags: ForecastFlags, lang: CliLang, extra: Record<string, unknown>): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...extra, queues: reports }, null, 2)}\n`);
  } else if (flags.csv) {
    process.stderr.write(`${forecastSummary(reports, lang)}\n`);
    process.stdout.write(reportCsv(reports));
  } else {
    process.stdout.write(forecastText(reports, lang));
  }
}

function peakOptions(flags: ForecastFlags): { top: number; threshold?: number } {
  const top = Number(flags.top);
  if (flags.top.trim() === '' || !Number.isInteger(top) || top < 0) {
    throw new BilingualError({ en: `--top ${flags.top}: give a whole number of intervals, e.g. 5`, zh: `--top ${flags.top}：请给出时段个数（整数），例如 5` });
  }
  if (flags.threshold === undefined) return { top };
  const threshold = Number(flags.threshold);
  if (flags.threshold.trim() === '' || !Number.isFinite(threshold)) {
    throw new BilingualError({ en: `--threshold ${flags.threshold}: give a number of arrivals per interval`, zh: `--threshold ${flags.threshold}：请给出每个时段的进线数，例如 40` });
  }
  return { top, threshold };
}

function holdoutDays(flags: ForecastFlags): number | undefined {
  if (flags.holdout === undefined) return undefined;
  const { days, hours } = parseHorizon(flags.holdout);
  if (hours > 0) throw new BilingualError({ en: `--holdout ${flags.holdout}: give whole days, e.g. 14d`, zh: `--holdout ${flags.holdout}：请给出整天数，例如 14d` });
  return days;
}

async function forecastFile(flags: ForecastFlags, lang: CliLang): Promise<void> {
  const file = flags.series!;
  let defaultZone = 'UTC';
  try {
    defaultZone = readForecastSettings(flags.config).config.timezone;
  } catch {
    // Without a config, naive timestamps are read as UTC unless --tz says otherwise (noted below).
  }
  const counts = readCountsCsv(readFlagFile('--series', file), {
    source: file, defaultZone,
    ...(flags.timeColumn !== undefined ? { timeColumn: flags.timeColumn } : {}),
    ...(flags.valueColumn !== undefined ? { valueColumn: flags.valueColumn } : {}),
    ...(flags.tz !== undefined ? { zone: flags.tz } : {}),
  });
  const series = flags.interval ? aggregateSeries(counts.series, parseInterval(flags.interval)) : counts.series;
  const notes = NOTES[lang];
  for (const w of counts.warnings) process.stderr.write(`${notes.fileNote(file, w[lang])}\n`);
  process.stderr.write(`${notes.fileNote(file, notes.zone(counts.zoneNote[lang]))}\n`);
  const events = flags.events !== undefined ? { events: readEventsCsv(readFlagFile('--events', flags.events), flags.events) } : {};
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
  print([report], flags, lang, { source: file, zone: counts.zoneNote.en });
}

/**
 * Opens the warehouse file itself (the config is not synced: forecasting only reads tickets and
 * writes its own tables), saying so, and naming a running server as the likely lock holder.
 */
export async function openWarehouseFile(dbFlag: string | undefined, command: string, lang: CliLang = 'en'): Promise<Warehouse> {
  const path = resolveDbPath(dbFlag);
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path);
  } catch (err) {
    const message = (err as Error).message;
    if (!/lock/i.test(message)) throw err;
    throw new BilingualError({
      en: `${path} is in use by another process (a running \`deskpulse serve\`?): stop it, or ask the server's API (/api/forecast, /api/staffing)`,
      zh: `${path} 正被另一个进程占用（可能是正在运行的 \`deskpulse serve\`）：请先停止它，或向服务器的接口（/api/forecast、/api/staffing）请求`,
    });
  }
  process.stderr.write(lang === 'zh' ? `${command}：直接打开了仓库文件 ${path}\n` : `${command}: opened the warehouse file ${path} directly\n`);
  return warehouse;
}

function nothingForecast(skipped: readonly SkippedQueue[]): BilingualError {
  return new BilingualError({
    en: `nothing was forecast: ${skipped.map((s) => `queue ${s.queue}: ${s.reasons.en}`).join('; ') || 'no queue matched'}`,
    zh: `没有预测出任何队列：${skipped.map((s) => `队列 ${s.queue}：${s.reasons.zh}`).join('；') || '没有匹配的队列'}`,
  });
}

/** Staffing for the forecast, written into the dispatch rules (or, on a dry run, only diffed). */
async function applyForecast(result: ForecastQueuesResult, warehouse: Warehouse, loaded: LoadedDispatchRules, flags: ForecastFlags): Promise<ApplyStaffingResult> {
  const input = await staffingInput({ runId: result.runId, generatedAt: result.generatedAt, queues: asStoredQueues(result) },
    { session: warehouse, queues: loaded.rules.queues, ...(flags.config !== undefined ? { configPath: flags.config } : {}) });
  return applyStaffing({
    db: warehouse, dispatchRulesPath: loaded.path, recommendations: recommendStaffing(input),
    who: flags.who ?? cliActor(), dryRun: Boolean(flags.dryRun),
  });
}

function printApply(applied: ApplyStaffingResult, flags: ForecastFlags, lang: CliLang): void {
  const notes = NOTES[lang];
  for (const w of applied.warnings) process.stderr.write(`${notes.warning(w.messages?.[lang] ?? w.message)}\n`);
  if (flags.json) return;
  process.stdout.write(applied.diff === '' ? `${notes.noChange}\n` : applied.diff);
  process.stderr.write(`${flags.dryRun ? notes.dryRun(applied.changed ? applied.queues : null)
    : applied.versionId !== null ? notes.wrote(applied.queues, applied.versionId) : notes.unchanged}\n`);
}

async function forecastWarehouse(flags: ForecastFlags, lang: CliLang): Promise<void> {
  const settings = readForecastSettings(flags.config);
  const loaded = loadDispatchRules(settings.dispatchRulesPath);
  // The flags are checked before the warehouse is opened: a typo costs no lock and no note.
  const days = holdoutDays(flags);
  const peaks = peakOptions(flags);
  parseHorizon(flags.horizon);
  parseInterval(flags.interval ?? '60m');
  const queues = flags.queue?.flatMap((q) => q.split(','));
  for (const spec of queues ?? []) queueFromSpec(spec, loaded.dispatch);
  const warehouse = await openWarehouseFile(flags.db, 'forecast', lang);
  try {
    const result = await forecastQueues({
      db: warehouse, config: settings.config, dispatch: loaded.dispatch,
      ...(queues ? { queues } : {}),
      horizon: flags.horizon, interval: flags.interval ?? '60m',
      ...(days !== undefined ? { holdout: days } : {}),
      store: flags.store && days === undefined,
    });
    for (const s of result.skipped) process.stderr.write(`${NOTES[lang].skipped(s.queue, s.reasons[lang])}\n`);
    // Nothing to print or staff is a failure with its reasons, never an empty file and exit 0.
    if (result.queues.length === 0) throw nothingForecast(result.skipped);
    const reports = result.queues.map((q) => queueReport({
      id: q.queue.id, name: q.queue.name, forecast: q.forecast, format: isoInZone(q.forecast.zone),
      peaks: findPeaks(q.forecast.intervals, peaks), ...(peaks.threshold !== undefined ? { threshold: peaks.threshold } : {}),
      ...(q.holdout && days !== undefined ? { holdout: { days, scores: q.holdout.scores } } : {}),
    }));
    const applied = flags.apply || flags.dryRun ? await applyForecast(result, warehouse, loaded, flags) : null;
    print(reports, flags, lang, {
      runId: result.runId, generatedAt: new Date(result.generatedAt).toISOString(), horizon: result.horizon, skipped: result.skipped,
      ...(applied ? { dispatchRules: { dryRun: Boolean(flags.dryRun), changed: applied.changed, versionId: applied.versionId, queues: applied.queues, diff: applied.diff, warnings: applied.warnings } } : {}),
    });
    if (result.runId !== null) process.stderr.write(`${NOTES[lang].stored(result.runId)}\n`);
    if (applied) printApply(applied, flags, lang);
  } finally {
    warehouse.close();
  }
}

/** Flags that exclude or need each other. */
function checkFlagCombinations(flags: ForecastFlags): void {
  const refuse = (en: string, zh: string) => { throw new BilingualError({ en, zh }); };
  if (flags.json && flags.csv) refuse('choose one of --json and --csv', '--json 与 --csv 只能选一个');
  if (flags.series && (flags.apply || flags.dryRun)) {
    refuse('--apply and --dry-run work on warehouse queues, not on --series files', '--apply 和 --dry-run 作用于仓库的队列，不能用于 --series 文件');
  }
  if ((flags.apply || flags.dryRun) && (flags.holdout !== undefined || !flags.store)) {
    refuse('--apply and --dry-run staff a kept forecast: drop --holdout and --no-store', '--apply 和 --dry-run 按保存下来的预测排班：请去掉 --holdout 和 --no-store');
  }
  if (flags.series && flags.queue) refuse('--queue and --series exclude each other: a file holds one series', '--queue 与 --series 不能同时使用：一个文件只有一条序列');
  if (flags.events && !flags.series) {
    refuse('--events goes with --series: warehouse queues take holidays from their calendars and promotions from the config',
      '--events 只与 --series 一起使用：仓库的队列从日历取节假日、从配置取促销日');
  }
}

/** The options of `deskpulse forecast`, with their help in both languages. */
const FORECAST_OPTIONS: readonly OptionHelp[] = [
  { flags: '--queue <queue...>', text: { en: 'dispatch-rule queue id, or team:ID, channel:NAME, problem_type:NAME, all (repeatable)', zh: '分派规则中的队列 id，或 team:ID、channel:NAME、problem_type:NAME、all（可重复）' } },
  { flags: '--horizon <horizon>', text: { en: 'how far ahead, e.g. 14d, 2w, 48h', zh: '预测多远，例如 14d、2w、48h' }, defaultValue: '14d' },
  { flags: '--interval <interval>', text: { en: '15m, 30m, 60m or daily (default 60m; for --series the file\'s own interval)', zh: '15m、30m、60m 或 daily（默认 60m；--series 用文件自身的间隔）' } },
  { flags: '--series <file>', text: { en: 'forecast a timestamp,count CSV (telephony/chat export) instead of the warehouse', zh: '预测一个 timestamp,count 的 CSV（话务或在线客服导出），而不是仓库' } },
  { flags: '--events <file>', text: { en: 'holidays and promotion days of --series: date,kind rows (kind holiday or promotion)', zh: '--series 的节假日和促销日：每行 date,kind（kind 为 holiday 或 promotion）' } },
  { flags: '--time-column <column>', text: { en: 'timestamp column of --series (name, or 1-based number)', zh: '--series 的时间列（列名，或从 1 起的序号）' } },
  { flags: '--value-column <column>', text: { en: 'count column of --series (name, or 1-based number)', zh: '--series 的计数列（列名，或从 1 起的序号）' } },
  { flags: '--tz <zone>', text: { en: 'time zone of --series timestamps (default: the config\'s zone, or the one their offsets show)', zh: '--series 时间戳的时区（默认：配置的时区，或时间戳偏移所示的时区）' } },
  { flags: '--holdout <days>', text: { en: 'hold out the last days: forecast them from before and score every model on them', zh: '留出最后几天：从之前预测这几天，并据此给每个模型打分' } },
  { flags: '--top <n>', text: { en: 'how many peak intervals to list', zh: '列出多少个峰值时段' }, defaultValue: '5' },
  { flags: '--threshold <arrivals>', text: { en: 'also list every interval whose p50 exceeds this', zh: '另列出 p50 超过此值的每个时段' } },
  { flags: '--json', text: { en: 'print JSON', zh: '输出 JSON' } },
  { flags: '--csv', text: { en: 'print CSV rows (queue,timestamp,p10,p50,p90); the model summary goes to stderr', zh: '输出 CSV 行（queue,timestamp,p10,p50,p90）；模型摘要写到 stderr' } },
  { flags: '--no-store', text: { en: 'do not keep this forecast in the warehouse', zh: '不把本次预测保存到仓库' } },
  { flags: '--apply', text: { en: 'write the staffing recommendation for this forecast into the dispatch rules (a version is recorded)', zh: '把本次预测的排班建议写入分派规则（记录一个版本）' } },
  { flags: '--dry-run', text: { en: 'show the diff --apply would make to the dispatch rules, and its warnings; write nothing', zh: '显示 --apply 会对分派规则做的改动及其警告；不写入' } },
  { flags: '--who <name>', text: { en: 'who applies, for the version history (default cli:<login name>)', zh: '写入者，记入版本历史（默认 cli:<登录名>）' } },
  ...WAREHOUSE_OPTIONS,
];

export function register(program: Command): void {
  withHelpIn(flagErrorsIn(program.command('forecast')), { en: summaryOf('forecast'), zh: '按队列（或计数文件）预测进线量及 p10/p50/p90，先回测各模型' }, FORECAST_OPTIONS)
    .action(async (flags: ForecastFlags) => {
      const lang = cliLang(flags.lang);
      await withErrorsIn(lang, () => {
        checkFlagCombinations(flags);
        return flags.series ? forecastFile(flags, lang) : forecastWarehouse(flags, lang);
      });
    });
}
