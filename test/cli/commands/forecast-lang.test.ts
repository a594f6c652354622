// `deskpulse forecast` and `deskpulse staffing simulate` in the reader's language: --lang, else the
// shell's locale. A Chinese run has no English word left but data (queue ids, the file, the zone,
// model names that are names) and units; English prints what it printed before.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastText } from '../../../cli/commands/forecast-text.ts';
import { cliLang } from '../../../cli/lang.ts';
import { isoInZone, queueReport } from '../../../forecasting/forecast-report.ts';
import type { SeriesForecast } from '../../../forecasting/forecast-series.ts';
import { findPeaks } from '../../../forecasting/peaks.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';
import { latinWords } from '../../e2e/support/latin-words.ts';

assertFreshServerBuild();

const QUEUES = ['returns', 'logistics', 'quality', 'install', 'presales', 'escalations'];
/** The command's own name, as it prefixes its notes, is data too. Words that are names or notation in either language: the forecast's metrics, quantiles, a model named after its authors, Erlang's formulas. */
const NAMES = ['MASE', 'WAPE', 'Holt-Winters', 'Erlang C', 'Erlang A', 'p10-p90', 'p10', 'p50', 'p90'];

/** English words of `text` once data and names are taken out (a unit is one letter beside its number: 12m, 3.5h). */
function englishWords(text: string, data: string[]): string[] {
  let rest = text;
  for (const known of [...data, ...NAMES].sort((a, b) => b.length - a.length)) rest = rest.split(known).join(' ');
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

let db = '';
/** Five days of demo: too little history for any queue. */
let shortDb = '';
let config = '';
let dir = '';
const ENV = { LC_ALL: '', LC_MESSAGES: '', DESKPULSE_PII_KEY: 'lang' };

function deskpulse(args: string[], env: Record<string, string>, file = db) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', file, '--config', config], {
    encoding: 'utf8', env: { ...process.env, ...ENV, ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A demo warehouse, made beside the other one (a child process each). */
function demo(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/deskpulse.js', 'demo', ...args, '--db', file, '--config', config], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo ${file}: ${err}`))));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-lang-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, shortDb, config] = [join(dir, 'demo.duckdb'), join(dir, 'short.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  await Promise.all([
    demo(db, ['--days', '35', '--tickets-per-day', '150', '--seed', '7']),
    demo(shortDb, ['--days', '5', '--tickets-per-day', '30', '--seed', '3']),
  ]);
}, 150_000);

describe('the language of deskpulse forecast and staffing simulate', () => {
  it('is --lang, else the first of LC_ALL, LC_MESSAGES, LANG that is set (zh_* is Chinese), else English', () => {
    expect(cliLang('zh', { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(cliLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLang(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLang(undefined, { LC_MESSAGES: 'zh_TW', LANG: 'C' })).toBe('zh');
    expect(cliLang(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLang(undefined, {})).toBe('en');
    expect(() => cliLang('fr', {})).toThrow('--lang fr: choose en or zh');
  });

  it('words a forecast in Chinese from the locale: stdout and the notes on stderr, no English but data', () => {
    const run = deskpulse(['forecast', '--horizon', '7d', '--no-store'], { LANG: 'zh_CN.UTF-8' });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('队列 returns');
    expect(run.out).toMatch(/模型：.+ — 回测 MASE/);
    expect(run.out).toContain('峰值：');
    expect(englishWords(run.out, [...QUEUES, 'Asia/Shanghai'])).toEqual([]);
    expect(run.err).toContain('直接打开了仓库文件');
    expect(englishWords(run.err, [db, 'forecast'])).toEqual([]);
    // The same in English with --lang en, whatever the locale.
    const en = deskpulse(['forecast', '--horizon', '7d', '--no-store', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.out).toMatch(/^queue returns .* history /);
    expect(en.out).toMatch(/ {2}backtest \(\d+ origins/);
  }, 90_000);

  it('words a simulation in Chinese with --lang zh: the totals, each queue beside its plan and the day table', () => {
    const run = deskpulse(['staffing', 'simulate', '--queue', 'returns', 'quality', '--days', '1', '--seed', '5', '--lang', 'zh'], { LANG: 'en_US.UTF-8' });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^模拟排班计划 .* 至 .*：2 个队列/);
    expect(run.out).toContain('运行 5 次（种子 5-9）：各数字取各次运行的中位数');
    expect(run.out).toContain('日期');
    expect(run.out).toMatch(/returns .*（分给在办最少者，Erlang C）：服务水平/);
    expect(run.out).toMatch(/quality .*（按技能匹配，工作量模型）/);
    expect(englishWords(run.out, [...QUEUES, 'Asia/Shanghai'])).toEqual([]);
    expect(englishWords(run.err, [db, 'staffing simulate'])).toEqual([]);
    const replay = deskpulse(['staffing', 'simulate', '--replay', '--days', '1', '--seed', '3'], { LANG: 'zh_CN.UTF-8' });
    expect(replay.code, replay.err).toBe(0);
    expect(replay.out).toMatch(/^回放 /);
    expect(replay.out).toContain('全部队列：模拟首响 p50');
    expect(englishWords(replay.out, [...QUEUES, 'Asia/Shanghai'])).toEqual([]);
  }, 90_000);
});

/** Latin words left once data (paths, queue ids, zones, values typed on the command line) and flags are taken out, beside the e2e zh walk's allow-list. */
function latinLeft(text: string, data: string[]): string[] {
  let rest = text.replace(/^deskpulse: /gm, ' ').replace(/--[a-z][a-z-]*/g, ' ');
  for (const known of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(known).join(' ');
  return latinWords(rest);
}

/** Four weeks of hourly calls, 09:00-17:00 on weekdays, one hour of 4 March missing; `bad` adds a row whose count is not a number at line 6. */
function countsFile(bad = false): string {
  const rows = ['interval_start,calls'];
  for (let day = 2; day <= 29; day++) {
    if ([0, 6].includes(new Date(Date.UTC(2026, 2, day)).getUTCDay())) continue;
    for (let hour = 9; hour < 17; hour++) {
      if (day === 4 && hour === 10) continue;
      rows.push(`2026-03-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00,${((hour * 7 + day) % 23) + 5}`);
    }
  }
  if (bad) rows.splice(5, 0, '2026-03-02 09:30,x');
  return `${rows.join('\n')}\n`;
}

describe('warnings, skipped queues and errors of a Chinese run', () => {
  it('words a counts file\'s warnings and zone, a bad row and an empty forecast in Chinese; English as before', () => {
    const [file, bad] = [join(dir, 'acd.csv'), join(dir, 'bad.csv')];
    writeFileSync(file, countsFile());
    writeFileSync(bad, countsFile(true));
    const run = deskpulse(['forecast', '--series', file, '--horizon', '4d', '--lang', 'zh'], { LANG: 'en_US.UTF-8' });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`${file}：608 个 60 分钟时段中有 449 个不在文件中，按未营业处理`);
    expect(run.err).toContain(`${file}：时区 Asia/Shanghai（默认时区；若文件的时间属于别的时区，请用 --tz 指定）`);
    expect(latinLeft(run.err, [file, 'Asia/Shanghai'])).toEqual([]);
    expect(latinLeft(run.out, [file, 'Asia/Shanghai'])).toEqual([]);

    const row = deskpulse(['forecast', '--series', bad, '--lang', 'zh'], {});
    expect(row.code).toBe(1);
    expect(row.err).toBe(`deskpulse: ${bad}，第 6 行，“calls”列：“x”不是数量（应为 ≥ 0 的数）；用 --value-column 指定数量列\n`);
    // From Friday's close, two days ahead are a closed weekend: an error that says why, not an empty forecast.
    const empty = deskpulse(['forecast', '--series', file, '--horizon', '2d'], { LANG: 'zh_CN.UTF-8' });
    expect(empty.code).toBe(1);
    expect(empty.out).toBe('');
    expect(empty.err).toMatch(/未来 2 天内没有营业时段：.*它最后一次进线在 2026-03-27；请提供更长或更近的历史/);
    expect(latinLeft(row.err + empty.err, [bad, file, 'calls', 'Asia/Shanghai'])).toEqual([]);

    const en = deskpulse(['forecast', '--series', bad, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.err).toBe(`deskpulse: ${bad}, line 6, column "calls": "x" is not a count (a number >= 0); choose the column with --value-column\n`);
    expect(deskpulse(['forecast', '--series', file, '--horizon', '2d', '--lang', 'en'], {}).err)
      .toContain(`${file}: 449 of 608 60m periods are absent from the file and taken as closed`);
  }, 60_000);

  it('words the queues skipped for too little history, and the failure when none is left, in Chinese', () => {
    const run = deskpulse(['forecast', '--horizon', '2d'], { LANG: 'zh_CN.UTF-8' }, shortDb);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    for (const queue of QUEUES) expect(run.err).toMatch(new RegExp(`^forecast：队列 ${queue} 未预测：序列 ${queue} 只有 \\d+ 个 60 分钟时段：至少要有一周含营业时段的历史才能预测$`, 'm'));
    expect(run.err).toMatch(/^deskpulse: 没有预测出任何队列：队列 returns：序列 returns 只有/m);
    expect(latinLeft(run.err, [shortDb, ...QUEUES, 'forecast'])).toEqual([]);
  }, 60_000);

  it('words bad flags in Chinese: the forecaster\'s, the command\'s and commander\'s, before the warehouse is opened', () => {
    const cases: [string[], RegExp, string[]][] = [
      [['forecast', '--horizon', '3x'], /^deskpulse: 无法理解预测范围“3x”：/, []],
      [['forecast', '--interval', '7m'], /^deskpulse: 不支持时段长度“7m”：请用 5m、6m、10m、15m、30m、60m（或 1h）或 daily（按天）/, ['daily']],
      [['forecast', '--series', join(dir, 'missing.csv')], /^deskpulse: --series .*missing\.csv：找不到该文件$/m, [join(dir, 'missing.csv')]],
      [['forecast', '--top', 'x'], /^deskpulse: --top x：请给出时段个数/, []],
      [['forecast', '--json', '--csv'], /^deskpulse: --json 与 --csv 只能选一个$/m, []],
      [['forecast', '--queue', 'nosuch', '--no-store'], /^deskpulse: 未知队列“nosuch”：请用分派规则中的队列（returns、/, ['nosuch', ...QUEUES, 'all', 'channel:phone', 'problem_type', 'problem_subtype', 'channel', 'team', 'product', 'region', 'priority']],
      [['forecast', '--bogus'], /^错误：未知选项 --bogus\n（`deskpulse --help` 列出各命令/, ['deskpulse']],
      [['staffing', 'simulate', '--days', '40'], /^deskpulse: --days 40：请给出 1 到 14 的整天数/, []],
      [['staffing', 'simulate', '--from', '2026-13-01'], /^deskpulse: --from “2026-13-01” 不是日期：请写成 YYYY-MM-DD/, ['YYYY-MM-DD']],
      [['staffing', 'simulate', '--queue', 'zz'], /^deskpulse: --queue zz：不是分派规则中的队列；请从 returns、/, ['zz', ...QUEUES]],
      [['staffing', 'simulate', '--sed', '1'], /^错误：未知选项 --sed\n（是否想用 --seed？）/, ['deskpulse']],
    ];
    for (const [args, message, data] of cases) {
      const run = deskpulse([...args, '--lang', 'zh'], { LANG: 'en_US.UTF-8' });
      expect(run.code, args.join(' ')).toBeGreaterThan(0);
      expect(run.out, args.join(' ')).toBe('');
      expect(run.err, args.join(' ')).toMatch(message);
      // A mistyped flag costs no lock on the warehouse (and no note that it was opened).
      expect(run.err, args.join(' ')).not.toContain('直接打开了仓库文件');
      expect(latinLeft(run.err, [db, 'forecast', ...data]), args.join(' ')).toEqual([]);
    }
  }, 60_000);
});

describe('forecastText', () => {
  const start = Date.UTC(2026, 10, 23, 1); // 09:00 in Shanghai
  const forecast: SeriesForecast = {
    name: 'returns', zone: 'Asia/Shanghai', intervalMinutes: 60, historyStart: start - 86_400_000 * 7, historyEnd: start,
    model: 'holt-winters', explanation: 'holt-winters chosen: MASE 0.62 vs seasonal naive 1.00, WAPE 18%, 80% interval covers 78%',
    scores: [{ model: 'seasonal-naive', mase: 1, day1Mase: 1, wape: 0.3, eventMase: 2.5, coverage: 0.8, pinball: 3, periods: 10, note: null }, { model: 'holt-winters', mase: 0.62, day1Mase: 0.6, wape: 0.18, eventMase: Number.NaN, coverage: 0.78, pinball: 2, periods: 10, note: { id: 'holt-winters', alpha: 0.1, delta: null, omega: 0.2, phi: 0 } }],
    backtest: { origins: 4, horizonPeriods: 336 }, flaggedDays: [],
    intervals: [{ start, minutes: 60, p10: 120.123, p50: 132.456, p90: 150 }, { start: start + 3_600_000, minutes: 60, p10: 0, p50: 1.5, p90: 3 }],
  };
  const report = queueReport({ id: 'returns', name: '售后退换货', forecast, format: isoInZone('Asia/Shanghai'), peaks: findPeaks(forecast.intervals, { top: 1 }) });

  it('prints the model and scores before one row per interval, in English as the forecaster wrote it', () => {
    const text = forecastText([report], 'en');
    const lines = text.split('\n');
    expect(lines[0]).toBe('queue returns (售后退换货) · Asia/Shanghai · 60m · history 2026-11-16T09:00:00+08:00 .. 2026-11-23T09:00:00+08:00');
    expect(lines[1]).toBe(`  ${forecast.explanation}`);
    expect(lines[2]).toBe('  backtest (4 origins)     MASE  day 1   WAPE   events  p10-p90  pinball');
    // Event days' MASE in its own column; n/a where the backtest held none.
    expect(lines[3]).toMatch(/^ {2}seasonal naive +1\.00 +1\.00 +30% +2\.50 +80% /);
    expect(lines[4]).toMatch(/^ {2}holt-winters +0\.62 +0\.60 +18% +n\/a +78% /);
    expect(text.indexOf('holt-winters             0.62')).toBeLessThan(text.indexOf('2026-11-23T10:00:00+08:00'));
    expect(lines.find((l) => l.startsWith('  holt-winters  '))).toMatch(/ 0\.62 .* alpha 0\.100, omega 0\.200, phi 0\.000$/);
  });

  it('prints the same in Chinese, the choice worded from its figures', () => {
    const lines = forecastText([report], 'zh').split('\n');
    expect(lines[0]).toBe('队列 returns（售后退换货） · Asia/Shanghai · 60 分钟 · 历史 2026-11-16T09:00:00+08:00 .. 2026-11-23T09:00:00+08:00');
    expect(lines[1]).toBe('  模型：Holt-Winters（日与周周期） — 回测 MASE 0.62，季节性朴素 1.00，WAPE 18%，p10–p90 区间覆盖 78%');
    expect(lines.find((l) => l.startsWith('  Holt-Winters（日与周周期）  '))).toMatch(/ 0\.62 .* α 0\.100，ω 0\.200，φ 0\.000$/);
    expect(lines).toContain('  峰值：2026-11-23T09:00:00+08:00（p50 132.46）');
  });
});
