// `deskpulse staffing calc`: Erlang C for one interval (agents before and after shrinkage, service
// level, ASA, occupancy, probability of waiting); `deskpulse staffing export`: the recommendation
// for the latest stored forecast as CSV or XLSX; `deskpulse staffing simulate`: the plan (or a past
// week, --replay) run through the dispatch rules in a discrete-event simulation.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { currentForecast } from '../../forecasting/current-forecast.ts';
import { loadDispatchRules, readForecastSettings } from '../../forecasting/forecast-config.ts';
import { DEFAULT_RUNS, MAX_RUNS } from '../../forecasting/simulation/replications.ts';
import { dayStart, defaultReplayStart, MAX_SIMULATED_DAYS, simulatePlan, simulateReplay } from '../../forecasting/simulation/run-simulation.ts';
import { simulationText } from '../../forecasting/simulation/simulation-text.ts';
import { simulationView } from '../../forecasting/simulation/simulation-view.ts';
import { withQueueNamesIn } from '../../forecasting/dispatch-rules/queue-names.ts';
import { erlangCStaffing, type ErlangCStaffing } from '../../forecasting/staffing/erlang-c.ts';
import { recommendStaffing } from '../../forecasting/staffing/recommend.ts';
import { staffingInput } from '../../forecasting/staffing/staffing-for-forecast.ts';
import { readStoredForecast } from '../../forecasting/staffing/stored-forecast.ts';
import { staffingTable } from '../../forecasting/tables/staffing-table.ts';
import { parseDuration } from '../../warehouse/duration.ts';
import { exportFilename } from '../../web/server/tabular/export-filename.ts';
import { tableToCsv } from '../../web/server/tabular/table-to-csv.ts';
import { tableToXlsx } from '../../web/server/tabular/table-to-xlsx.ts';
import { BilingualError, type InBothLanguages } from '../../forecasting/bilingual-error.ts';
import { openWarehouseFile } from './forecast.ts';
import { flagErrorsIn, withErrorsIn } from './forecast-errors.ts';
import { cliLang, type CliLang } from '../lang.ts';
import { WAREHOUSE_OPTIONS, withHelpIn, type OptionHelp } from './help-in.ts';

interface CalcFlags {
  volume: string; interval: string; aht: string; target: string; within: string;
  maxOccupancy?: string; shrinkage?: string; json?: boolean;
}

interface ExportFlags {
  format: string; out?: string; run?: string; lang: string; shrinkage?: string; maxOccupancy?: string;
  db?: string; config?: string;
}

/** A number within bounds, or an error naming the flag and an example (in both languages where given). */
function numberFlag(flag: string, text: string, ok: (x: number) => boolean, example: string | InBothLanguages): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || !ok(x)) {
    const { en, zh } = typeof example === 'string' ? { en: example, zh: example } : example;
    throw new BilingualError({ en: `--${flag} ${text}: ${en}`, zh: `--${flag} ${text}：${zh}` });
  }
  return x;
}

/** "180s", "3m", "1h", or bare seconds. */
function secondsFlag(flag: string, text: string, allowZero: boolean): number {
  const seconds = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : parseDuration(text);
  if (seconds === undefined || !(allowZero ? seconds >= 0 : seconds > 0)) {
    throw new Error(`--${flag} ${text}: give a duration such as 180s, 3m or 1h (bare numbers are seconds)`);
  }
  return seconds;
}

export interface CalcResult extends ErlangCStaffing {
  input: { volume: number; intervalSeconds: number; ahtSeconds: number; target: number; withinSeconds: number; maxOccupancy: number; shrinkage: number };
}

export function calc(flags: CalcFlags): CalcResult {
  const intervalSeconds = parseDuration(flags.interval);
  if (intervalSeconds === undefined || !(intervalSeconds > 0)) throw new Error(`--interval ${flags.interval}: give the interval with its unit, e.g. 30m or 1h`);
  const input = {
    volume: numberFlag('volume', flags.volume, (x) => x >= 0, 'give the arrivals in the interval, a number >= 0, e.g. 100'),
    intervalSeconds,
    ahtSeconds: secondsFlag('aht', flags.aht, false),
    target: numberFlag('target', flags.target, (x) => x > 0 && x < 1, 'give the service-level target as a share between 0 and 1, e.g. 0.8'),
    withinSeconds: secondsFlag('within', flags.within, true),
    maxOccupancy: flags.maxOccupancy === undefined ? 1
      : numberFlag('max-occupancy', flags.maxOccupancy, (x) => x > 0 && x <= 1, 'give a share in (0, 1], e.g. 0.85'),
    shrinkage: flags.shrinkage === undefined ? 0
      : numberFlag('shrinkage', flags.shrinkage, (x) => x >= 0 && x < 1, 'give a share in [0, 1), e.g. 0.3'),
  };
  const s = erlangCStaffing({ arrivals: input.volume, intervalSeconds, ahtSeconds: input.ahtSeconds },
    { serviceLevel: input.target, answerWithinSeconds: input.withinSeconds, maxOccupancy: input.maxOccupancy, shrinkage: input.shrinkage });
  return { ...s, input };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function calcText(r: CalcResult): string {
  const i = r.input;
  const bound = { 'service-level': 'set by the service-level target', occupancy: 'raised to keep occupancy at or under the maximum', 'no-traffic': 'no traffic' }[r.boundBy];
  return [
    `${i.volume} arrivals in ${i.intervalSeconds / 60} min at AHT ${i.ahtSeconds} s: ${r.traffic.toFixed(2)} Erlangs of traffic`,
    `target ${pct(i.target)} answered within ${i.withinSeconds} s, max occupancy ${pct(i.maxOccupancy)}, shrinkage ${pct(i.shrinkage)}`,
    `agents working (before shrinkage): ${r.agents} (${bound})`,
    `agents to schedule (after shrinkage): ${r.scheduledAgents}`,
    `service level: ${pct(r.serviceLevel)} answered within ${i.withinSeconds} s`,
    `average speed of answer: ${Number.isFinite(r.asaSeconds) ? `${r.asaSeconds.toFixed(1)} s` : 'unbounded'}`,
    `occupancy: ${pct(r.occupancy)}`,
    `probability of waiting: ${pct(r.probabilityOfWaiting)}`,
    '',
  ].join('\n');
}

async function exportStaffing(flags: ExportFlags): Promise<void> {
  if (flags.format !== 'csv' && flags.format !== 'xlsx') throw new Error(`--format ${flags.format}: choose csv or xlsx`);
  if (flags.lang !== 'en' && flags.lang !== 'zh') throw new Error(`--lang ${flags.lang}: choose en or zh`);
  const settings = readForecastSettings(flags.config);
  const { rules } = loadDispatchRules(settings.dispatchRulesPath);
  const runId = flags.run === undefined ? undefined : numberFlag('run', flags.run, (x) => Number.isInteger(x) && x > 0, 'give a forecast run id, e.g. 12');
  const warehouse = await openWarehouseFile(flags.db, 'staffing');
  try {
    const stored = await readStoredForecast(warehouse, runId);
    if (!stored) {
      throw new Error(runId === undefined
        ? `${warehouse.path} holds no forecast yet: run \`deskpulse forecast\` first (it keeps every run)`
        : `forecast run ${runId} is not in ${warehouse.path}`);
    }
    const options = {
      ...(flags.shrinkage !== undefined ? { shrinkage: numberFlag('shrinkage', flags.shrinkage, (x) => x >= 0 && x < 1, 'give a share in [0, 1), e.g. 0.3') } : {}),
      ...(flags.maxOccupancy !== undefined ? { maxOccupancy: numberFlag('max-occupancy', flags.maxOccupancy, (x) => x > 0 && x <= 1, 'give a share in (0, 1], e.g. 0.85') } : {}),
    };
    const planned = staffingTable(recommendStaffing(await staffingInput(stored, { session: warehouse, queues: rules.queues, options, ...(flags.config !== undefined ? { configPath: flags.config } : {}) })));
    const table = withQueueNamesIn(planned, rules.queues, flags.lang);
    const body = flags.format === 'csv' ? tableToCsv(table, flags.lang) : await tableToXlsx(table, flags.lang);
    if (flags.out === undefined && flags.format === 'csv') {
      process.stdout.write(body);
    } else {
      const out = flags.out ?? exportFilename(table, flags.format);
      writeFileSync(out, body);
      process.stderr.write(`staffing: wrote ${table.rows.length} rows (forecast run ${stored.runId}) to ${out}\n`);
    }
  } finally {
    warehouse.close();
  }
}

interface SimulateFlags {
  queue?: string[]; from?: string; days: string; replay?: boolean; seed: string; runs: string; json?: boolean; db?: string; config?: string; lang?: string;
}

async function simulate(flags: SimulateFlags): Promise<void> {
  const lang: CliLang = cliLang(flags.lang);
  await withErrorsIn(lang, () => simulateIn(flags, lang));
}

async function simulateIn(flags: SimulateFlags, lang: CliLang): Promise<void> {
  const settings = readForecastSettings(flags.config);
  const loaded = loadDispatchRules(settings.dispatchRulesPath);
  const known = loaded.rules.queues.map((q) => q.id);
  const unknown = (flags.queue ?? []).filter((q) => !known.includes(q));
  if (unknown.length > 0) {
    throw new BilingualError({
      en: `--queue ${unknown.join(', ')}: not a dispatch-rules queue; choose from ${known.join(', ')}`,
      zh: `--queue ${unknown.join('、')}：不是分派规则中的队列；请从 ${known.join('、')} 中选`,
    });
  }
  const rules = flags.queue?.length ? loaded.rules.queues.filter((q) => flags.queue!.includes(q.id)) : loaded.rules.queues;
  const days = numberFlag('days', flags.days, (x) => Number.isInteger(x) && x >= 1 && x <= MAX_SIMULATED_DAYS, {
    en: `give whole days from 1 to ${MAX_SIMULATED_DAYS}, e.g. 7`, zh: `请给出 1 到 ${MAX_SIMULATED_DAYS} 的整天数，例如 7`,
  });
  const seed = numberFlag('seed', flags.seed, (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 31, {
    en: 'give a whole number from 0, e.g. 1: the same seed gives the same run', zh: '请给出从 0 起的整数，例如 1：同一种子得到同样的结果',
  });
  const runs = numberFlag('runs', flags.runs, (x) => Number.isInteger(x) && x >= 1 && x <= MAX_RUNS, {
    en: `give whole runs from 1 to ${MAX_RUNS}, e.g. ${DEFAULT_RUNS}`, zh: `请给出 1 到 ${MAX_RUNS} 的整数次数，例如 ${DEFAULT_RUNS}`,
  });
  const zone = loaded.rules.timezone;
  const from = flags.from === undefined ? undefined : dayStart(flags.from, zone, '--from');
  const warehouse = await openWarehouseFile(flags.db, 'staffing simulate', lang);
  try {
    let result;
    if (flags.replay) {
      result = await simulateReplay(warehouse, rules, zone, from ?? await defaultReplayStart(warehouse, zone, days), days, seed, runs);
    } else {
      const forecast = await currentForecast({ session: warehouse, config: settings.config, dispatch: loaded.dispatch, queues: rules.map((q) => q.id), store: false });
      const input = await staffingInput(forecast, { session: warehouse, queues: loaded.rules.queues, ...(flags.config !== undefined ? { configPath: flags.config } : {}) });
      result = await simulatePlan(warehouse, recommendStaffing(input), loaded.rules.queues, { ...(from !== undefined ? { from } : {}), days }, seed, runs);
      if (!result) {
        throw new BilingualError({
          en: `no planned interval falls in the ${days} days from ${flags.from ?? 'the plan start'}: the plan covers the forecast horizon (14 days from now)`,
          zh: `从${flags.from ?? '计划开始'}起的 ${days} 天内没有计划时段：计划覆盖预测范围（从现在起 14 天）`,
        });
      }
    }
    process.stdout.write(flags.json ? `${JSON.stringify(simulationView(result), null, 2)}\n` : simulationText(result, lang));
  } finally {
    warehouse.close();
  }
}

const SIMULATE_HELP = {
  en: 'simulate the staffing plan (or, with --replay, a past week) through the dispatch rules: service level, FRT, backlog, occupancy, abandonment beside the plan',
  zh: '按分派规则模拟排班计划（或用 --replay 重放过去一周）：服务水平、首次响应时长、积压、占用率、放弃率，与计划并列',
};

/** The options of `deskpulse staffing simulate`, with their help in both languages. */
const SIMULATE_OPTIONS: readonly OptionHelp[] = [
  { flags: '--queue <id...>', text: { en: 'dispatch-rules queue(s) (default every queue)', zh: '分派规则中的队列（默认全部队列）' } },
  { flags: '--from <date>', text: { en: 'first day, YYYY-MM-DD in the rules\' zone (default: the plan start; replay: the last full days before the latest ticket)', zh: '第一天，分派规则时区的 YYYY-MM-DD（默认：计划开始；重放：最新工单之前的最后几个整天）' } },
  { flags: '--days <n>', text: { en: `days to simulate, 1 to ${MAX_SIMULATED_DAYS}`, zh: `模拟天数，1 到 ${MAX_SIMULATED_DAYS}` }, defaultValue: '7' },
  { flags: '--replay', text: { en: 'replay real arrivals with the agents really on duty, beside the real FRT', zh: '用实际在岗坐席重放真实进线，并列出真实首次响应时长' } },
  { flags: '--seed <n>', text: { en: 'random seed of the first run (run r draws with seed + r): the same seed gives the same result', zh: '第一次运行的随机种子（第 r 次用种子 + r）：同一种子得到同一结果' }, defaultValue: '1' },
  { flags: '--runs <n>', text: { en: `independent runs, 1 to ${MAX_RUNS}: figures are their median, service level with their p10-p90 range (a replay varies handle times, reply delays, hang-ups and reopens, not the week's arrivals)`, zh: `独立运行次数，1 到 ${MAX_RUNS}：数字取各次中位数，服务水平附 p10-p90 区间（回放只改变处理时长、回复延迟、挂断与重开，不改变该周的真实到达）` }, defaultValue: String(DEFAULT_RUNS) },
  { flags: '--json', text: { en: 'print JSON (every interval)', zh: '输出 JSON（每个时段）' } },
  ...WAREHOUSE_OPTIONS,
];

export function register(program: Command): void {
  const staffing = program.command('staffing').description(summaryOf('staffing'));
  staffing.command('calc')
    .description('Erlang C for one interval: agents before and after shrinkage, service level, ASA, occupancy, probability of waiting')
    .requiredOption('--volume <arrivals>', 'arrivals in the interval, e.g. 100')
    .requiredOption('--interval <duration>', 'interval length, e.g. 30m')
    .requiredOption('--aht <duration>', 'average handle time, e.g. 180s')
    .requiredOption('--target <share>', 'service-level target, e.g. 0.8')
    .requiredOption('--within <duration>', 'answer time of the target, e.g. 20s')
    .option('--max-occupancy <share>', 'highest acceptable occupancy, e.g. 0.85 (default: no cap)')
    .option('--shrinkage <share>', 'share of paid time off the queue, e.g. 0.3 (default 0)')
    .option('--json', 'print JSON')
    .action((flags: CalcFlags) => {
      const r = calc(flags);
      process.stdout.write(flags.json
        ? `${JSON.stringify({ ...r, asaSeconds: Number.isFinite(r.asaSeconds) ? r.asaSeconds : null }, null, 2)}\n`
        : calcText(r));
    });
  staffing.command('export')
    .description('the staffing recommendation for the latest stored forecast (or --run) as CSV or XLSX')
    .requiredOption('--format <format>', 'csv or xlsx')
    .option('--out <file>', 'write here (default: stdout for csv, staffing_<from>_<to>.xlsx for xlsx)')
    .option('--run <id>', 'forecast run id (default the latest)')
    .option('--lang <lang>', 'language of the headers and queue names, en or zh', 'en')
    .option('--shrinkage <share>', 'share of paid time off the queue (default 0.3)')
    .option('--max-occupancy <share>', 'highest occupancy (default 0.85)')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(exportStaffing);
  withHelpIn(flagErrorsIn(staffing.command('simulate')), SIMULATE_HELP, SIMULATE_OPTIONS).action(simulate);
}
