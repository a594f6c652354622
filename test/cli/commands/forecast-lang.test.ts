// `deskpulse forecast` and `deskpulse staffing simulate` in the reader's language: --lang, else the
// shell's locale. A Chinese run has no English word left but data (queue ids, the file, the zone,
// model names that are names) and units; English prints what it printed before.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastText } from '../../../cli/commands/forecast-text.ts';
import { cliLang } from '../../../cli/lang.ts';
import { isoInZone, queueReport } from '../../../forecasting/forecast-report.ts';
import type { SeriesForecast } from '../../../forecasting/forecast-series.ts';
import { findPeaks } from '../../../forecasting/peaks.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

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
let config = '';
let dir = '';

function deskpulse(args: string[], env: Record<string, string>) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db, '--config', config], {
    encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', DESKPULSE_PII_KEY: 'lang', ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskpulse-lang-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  const demo = deskpulse(['demo', '--days', '35', '--tickets-per-day', '150', '--seed', '7'], {});
  if (demo.code !== 0) throw new Error(demo.err);
}, 120_000);

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
    expect(run.out).toMatch(/^模拟排班计划 .* 至 .*随机种子 5：2 个队列/);
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

describe('forecastText', () => {
  const start = Date.UTC(2026, 10, 23, 1); // 09:00 in Shanghai
  const forecast: SeriesForecast = {
    name: 'returns', zone: 'Asia/Shanghai', intervalMinutes: 60, historyStart: start - 86_400_000 * 7, historyEnd: start,
    model: 'holt-winters', explanation: 'holt-winters chosen: MASE 0.62 vs seasonal naive 1.00, WAPE 18%, 80% interval covers 78%',
    scores: [{ model: 'seasonal-naive', mase: 1, day1Mase: 1, wape: 0.3, coverage: 0.8, pinball: 3, periods: 10, note: '' }, { model: 'holt-winters', mase: 0.62, day1Mase: 0.6, wape: 0.18, coverage: 0.78, pinball: 2, periods: 10, note: 'alpha 0.1' }],
    backtest: { origins: 4, horizonPeriods: 336 }, flaggedDays: [],
    intervals: [{ start, minutes: 60, p10: 120.123, p50: 132.456, p90: 150 }, { start: start + 3_600_000, minutes: 60, p10: 0, p50: 1.5, p90: 3 }],
  };
  const report = queueReport({ id: 'returns', name: '售后退换货', forecast, format: isoInZone('Asia/Shanghai'), peaks: findPeaks(forecast.intervals, { top: 1 }) });

  it('prints the model and scores before one row per interval, in English as the forecaster wrote it', () => {
    const text = forecastText([report], 'en');
    const lines = text.split('\n');
    expect(lines[0]).toBe('queue returns (售后退换货) · Asia/Shanghai · 60m · history 2026-11-16T09:00:00+08:00 .. 2026-11-23T09:00:00+08:00');
    expect(lines[1]).toBe(`  ${forecast.explanation}`);
    expect(lines[2]).toBe('  backtest (4 origins)     MASE  day 1   WAPE  p10-p90  pinball');
    expect(text.indexOf('holt-winters             0.62')).toBeLessThan(text.indexOf('2026-11-23T10:00:00+08:00'));
  });

  it('prints the same in Chinese, the choice worded from its figures', () => {
    const lines = forecastText([report], 'zh').split('\n');
    expect(lines[0]).toBe('队列 returns（售后退换货） · Asia/Shanghai · 60 分钟 · 历史 2026-11-16T09:00:00+08:00 .. 2026-11-23T09:00:00+08:00');
    expect(lines[1]).toBe('  模型：Holt-Winters（日与周周期） — 回测 MASE 0.62，季节性朴素 1.00，WAPE 18%，p10–p90 区间覆盖 78%');
    expect(lines.find((l) => l.startsWith('  Holt-Winters（日与周周期）  '))).toMatch(/ 0\.62 .* α 0\.1$/);
    expect(lines).toContain('  峰值：2026-11-23T09:00:00+08:00（p50 132.46）');
  });
});
