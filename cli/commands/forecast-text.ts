// What `deskpulse forecast` prints for people, in English or Chinese: per queue the model and why,
// every model's backtest scores, peaks, then one row per future interval; the one-line summary
// beside CSV; and the command's notes. Chinese words the model choice from its codes and figures as
// the Forecast page does (web/ui/lib/i18n/model-labels.ts); English prints the forecaster's sentence.
import { MODEL_LABELS, modelChoice } from '../../forecasting/backtest/choose-model.ts';
import type { QueueReport, ReportScore } from '../../forecasting/forecast-report.ts';
import { modelChoiceText, modelLabel, modelNote } from '../../web/ui/lib/i18n/model-labels.ts';
import type { CliLang } from '../lang.ts';

const WORDS = {
  en: {
    queue: 'queue', history: 'history', backtest: (origins: number) => `backtest (${origins} origins)`,
    heldOut: (days: number) => `held-out last ${days} days`, day1: 'day 1', events: 'events', pinball: 'pinball', missing: 'n/a',
    peaks: 'peaks: ', peak: (at: string, p50: number) => `${at} (p50 ${p50})`, listSep: ', ',
    above: (n: number, threshold: number) => `${n} intervals above ${threshold}`, aboveList: ': ', timestamp: 'timestamp',
    interval: (label: string) => label, nameOpen: ' (', nameClose: ')', colon: ': ',
  },
  zh: {
    queue: '队列', history: '历史', backtest: (origins: number) => `回测（${origins} 个起点）`,
    heldOut: (days: number) => `留出最后 ${days} 天`, day1: '第 1 天', events: '节假促销', pinball: '分位损失', missing: '—',
    peaks: '峰值：', peak: (at: string, p50: number) => `${at}（p50 ${p50}）`, listSep: '，',
    above: (n: number, threshold: number) => `${n} 个时段高于 ${threshold}`, aboveList: '：', timestamp: '时间',
    interval: (label: string) => (label === 'daily' ? '按天' : label.replace(/^(\d+)m$/, '$1 分钟')), nameOpen: '（', nameClose: '）', colon: '：',
  },
} as const;

/** Why the queue's model was chosen, in `lang`. */
export function explanationIn(r: QueueReport, lang: CliLang): string {
  if (lang === 'en') return r.explanation;
  return `模型：${modelLabel(r.model, lang)} — ${modelChoiceText(modelChoice(r.model, r.backtest.scores), lang)}`;
}

/** Characters a column takes in a terminal: CJK characters are two wide. */
const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function scoreTable(title: string, scores: readonly ReportScore[], lang: CliLang): string[] {
  const w = WORDS[lang];
  const pct = (x: number | null) => (x === null ? w.missing : `${Math.round(x * 100)}%`);
  const num = (x: number | null) => (x === null ? w.missing : x.toFixed(2));
  const label = (model: string) => (lang === 'en' ? MODEL_LABELS[model as keyof typeof MODEL_LABELS] ?? model : modelLabel(model, lang));
  const first = Math.max(22, ...scores.map((s) => width(label(s.model))), width(title));
  const lines = [`  ${padEnd(title, first)} ${padStart('MASE', 6)} ${padStart(w.day1, 6)} ${padStart('WAPE', 6)} ${padStart(w.events, 8)} ${padStart('p10-p90', 8)} ${padStart(w.pinball, 8)}`];
  for (const s of scores) {
    lines.push(`  ${padEnd(label(s.model), first)} ${padStart(num(s.mase), 6)} ${padStart(num(s.day1Mase), 6)} ${padStart(pct(s.wape), 6)} ${padStart(num(s.eventMase), 8)} ${padStart(pct(s.coverage), 8)} ` +
      `${padStart(num(s.pinball), 8)}${s.note ? `  ${modelNote(s.note, lang)}` : ''}`);
  }
  return lines;
}

/** Human-readable: per queue the model, backtest, peaks, then the intervals. */
export function forecastText(reports: readonly QueueReport[], lang: CliLang): string {
  const w = WORDS[lang];
  const out: string[] = [];
  for (const r of reports) {
    out.push(`${w.queue} ${r.queue}${r.name !== r.queue ? `${w.nameOpen}${r.name}${w.nameClose}` : ''} · ${r.zone} · ${w.interval(r.interval)} · ${w.history} ${r.historyStart} .. ${r.historyEnd}`);
    out.push(`  ${explanationIn(r, lang)}`);
    out.push(...scoreTable(w.backtest(r.backtest.origins), r.backtest.scores, lang));
    if (r.holdout) out.push(...scoreTable(w.heldOut(r.holdout.days), r.holdout.scores, lang));
    if (r.peaks.length > 0) out.push(`  ${w.peaks}${r.peaks.map((p) => w.peak(p.timestamp, p.p50)).join(w.listSep)}`);
    if (r.aboveThreshold) {
      const above = r.aboveThreshold.intervals;
      out.push(`  ${w.above(above.length, r.aboveThreshold.threshold)}${above.length > 0 ? `${w.aboveList}${above.map((p) => p.timestamp).join(w.listSep)}` : ''}`);
    }
    const first = Math.max(9, width(w.timestamp), ...r.intervals.map((i) => i.timestamp.length));
    out.push(`  ${padEnd(w.timestamp, first)} ${'p10'.padStart(9)} ${'p50'.padStart(9)} ${'p90'.padStart(9)}`);
    for (const i of r.intervals) {
      out.push(`  ${i.timestamp.padEnd(first)} ${i.p10.toFixed(2).padStart(9)} ${i.p50.toFixed(2).padStart(9)} ${i.p90.toFixed(2).padStart(9)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** One line per queue with the chosen model and why (printed to stderr beside CSV). */
export function forecastSummary(reports: readonly QueueReport[], lang: CliLang): string {
  return reports.map((r) => `${r.queue}${WORDS[lang].colon}${explanationIn(r, lang)}`).join('\n');
}
