// Forecast model ids (`combination`, `weekday-slot-mean`, ...) as a planner reads them, in both
// languages, and the backtest notes (an id and figures: forecasting/models/model-note.ts) worded.
// Every id a stored run can hold is here, older models' too; an unknown id shows as itself.
import type { ModelNote, RegressionEffect } from '../../../../forecasting/models/model-note.ts';
import type { CombinationMembers, ModelChoice } from '../planning/planning.ts';
import type { Lang } from './translate.ts';

const MODEL_IDS = ['seasonal-naive', 'holt-winters', 'calendar-regression', 'weekday-slot-mean', 'day-type', 'combination'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

const LABELS: Record<Lang, Record<ModelId, string>> = {
  en: {
    'seasonal-naive': 'Seasonal naive (same slot last week)',
    'holt-winters': 'Holt-Winters (daily and weekly cycles)',
    'calendar-regression': 'Calendar regression (weekday, time of day, holidays, promotions)',
    'weekday-slot-mean': 'Weekday × time-of-day mean (benchmark)',
    'day-type': 'Day total × intraday profile (benchmark)',
    combination: 'Combination of the models',
  },
  zh: {
    'seasonal-naive': '季节性朴素（上周同时段）',
    'holt-winters': 'Holt-Winters（日与周周期）',
    'calendar-regression': '日历回归（星期、时段、节假日、促销）',
    'weekday-slot-mean': '同星期同时段均值（基准）',
    'day-type': '日总量 × 日内分布（基准）',
    combination: '多模型组合',
  },
};

/** Short names, where a sentence or a table cell lists several models. */
const SHORT: Record<Lang, Record<ModelId, string>> = {
  en: {
    'seasonal-naive': 'seasonal naive', 'holt-winters': 'Holt-Winters', 'calendar-regression': 'calendar regression',
    'weekday-slot-mean': 'weekday × time mean', 'day-type': 'day-type', combination: 'combination',
  },
  zh: {
    'seasonal-naive': '季节性朴素', 'holt-winters': 'Holt-Winters', 'calendar-regression': '日历回归',
    'weekday-slot-mean': '同星期同时段均值', 'day-type': '日类型', combination: '组合',
  },
};

const shortLabel = (model: string, lang: Lang) => (isModelId(model) ? SHORT[lang][model] : model);


const isModelId = (id: string): id is ModelId => (MODEL_IDS as readonly string[]).includes(id);

/** The label of a model id in `lang`; an id this page does not know is shown as sent. */
export function modelLabel(model: string, lang: Lang): string {
  return isModelId(model) ? LABELS[lang][model] : model;
}

const two = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/**
 * Why the model was chosen, worded from the API's codes: its backtest MASE beside seasonal naive's
 * and the other models' (best first), WAPE and the p10-p90 coverage; or that it was used unscored.
 */
export function modelChoiceText(choice: ModelChoice, lang: Lang): string {
  if (choice.code === 'no-backtest') {
    return lang === 'zh' ? '未经回测：历史太短（或回测窗口内无营业时段），无法比较模型'
      : 'used without a backtest: the history is too short (or its backtest windows have no open periods) to compare models';
  }
  const others = choice.others.map((o) => `${shortLabel(o.model, lang)} ${two(o.mase)}`).join(lang === 'zh' ? '，' : ', ');
  const members = choice.members ? membersText(choice.members, lang) : '';
  if (lang === 'zh') {
    return `回测 MASE ${two(choice.mase)}${choice.seasonalNaiveMase === null ? '' : `，季节性朴素 ${two(choice.seasonalNaiveMase)}`}` +
      `${others ? `（${others}）` : ''}，WAPE ${percent(choice.wape)}，p10–p90 区间覆盖 ${percent(choice.coverage)}${members ? `。${members}` : ''}`;
  }
  return `backtest MASE ${two(choice.mase)}${choice.seasonalNaiveMase === null ? '' : ` vs seasonal naive ${two(choice.seasonalNaiveMase)}`}` +
    `${others ? ` (${others})` : ''}, WAPE ${percent(choice.wape)}, p10–p90 band covers ${percent(choice.coverage)}${members ? `. ${members}` : ''}`;
}

const DAY_KINDS = ['day1', 'later', 'holidays', 'promotions'] as const;
const MEMBER_WORDS: Record<Lang, { lead: string; kinds: Record<(typeof DAY_KINDS)[number], string>; colon: string; sep: string }> = {
  en: { lead: 'Averages ', kinds: { day1: 'day 1', later: 'day 2 on', holidays: 'holidays', promotions: 'promotion days' }, colon: ': ', sep: '; ' },
  zh: { lead: '组合成员（等权平均）：', kinds: { day1: '第 1 天', later: '第 2 天起', holidays: '节假日', promotions: '促销日' }, colon: ' ', sep: '；' },
};

/** Which models the combination averages on each kind of day, from their ids. */
export function membersText(members: CombinationMembers, lang: Lang): string {
  const w = MEMBER_WORDS[lang];
  const parts = DAY_KINDS.filter((k) => members[k].length > 0).map((k) => `${w.kinds[k]}${w.colon}${members[k].map((m) => shortLabel(m, lang)).join(' + ')}`);
  return parts.length > 0 ? `${w.lead}${parts.join(w.sep)}` : '';
}

/**
 * The model a dispatch-rules version was written with, as the API records it (one model id, or
 * `queue=id` pairs when the queues used different ones), in `lang`.
 */
export function appliedModelsText(summary: string, lang: Lang): string {
  if (summary === '' || summary === 'none') return '—';
  return summary.split(', ').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? shortLabel(part, lang) : `${part.slice(0, at)}: ${shortLabel(part.slice(at + 1), lang)}`;
  }).join(lang === 'zh' ? '，' : ', ');
}

const NOTE_WORDS = {
  en: {
    seasonalNaive: 'same weekday and time of day one week earlier',
    slotMean: (weeks: number) => `mean of the same weekday and time of day over the last ${weeks} open weeks`,
    dayType: (days: number, weeks: number) => `last ${days} open days' level x weekday factor x weekday profile (${weeks} weeks)`,
    // Holt-Winters' smoothing parameters by name; Chinese writes them as the textbooks do (α δ ω φ)
    alpha: 'alpha', delta: 'delta', omega: 'omega', phi: 'phi',
    effects: 'log1p effects: ', smearing: 'smearing x', feature: { trend: 'trend', holiday: 'holiday', promotion: 'promotion' },
    kinds: { day1: 'day 1: ', later: 'day 2 on: ', holidays: 'holidays: ', promotions: 'promotion days: ' }, sep: ', ', kindSep: '; ',
  },
  zh: {
    seasonalNaive: '一周前同星期、同时段的值',
    slotMean: (weeks: number) => `最近 ${weeks} 个营业周同星期、同时段的均值`,
    dayType: (days: number, weeks: number) => `最近 ${days} 个营业日的水平 × 星期系数 × 星期日内分布（${weeks} 周）`,
    alpha: 'α', delta: 'δ', omega: 'ω', phi: 'φ',
    effects: '对数到达量的效应：', smearing: '平滑偏差校正 ×', feature: { trend: '趋势', holiday: '节假日', promotion: '促销' },
    kinds: { day1: '第 1 天：', later: '第 2 天起：', holidays: '节假日：', promotions: '促销日：' }, sep: '，', kindSep: '；',
  },
} as const;

const three = (x: number) => x.toFixed(3);

function effectText(e: RegressionEffect, lang: Lang): string {
  const offset = e.offset === 0 ? '' : `${e.offset > 0 ? '+' : ''}${e.offset}`;
  return `${NOTE_WORDS[lang].feature[e.feature]}${offset} ${three(e.effect)}`;
}

/** What a model fitted (its backtest note), worded in `lang` from its id and figures; '' for none. */
export function modelNote(note: ModelNote | null, lang: Lang): string {
  if (note === null) return '';
  const w = NOTE_WORDS[lang];
  switch (note.id) {
    case 'seasonal-naive': return w.seasonalNaive;
    case 'weekday-slot-mean': return w.slotMean(note.weeks);
    case 'day-type': return w.dayType(note.levelDays, note.profileWeeks);
    case 'holt-winters':
      return ([[w.alpha, note.alpha], [w.delta, note.delta], [w.omega, note.omega], [w.phi, note.phi]] as [string, number | null][])
        .flatMap(([name, x]) => (x === null ? [] : [`${name} ${three(x)}`])).join(w.sep);
    case 'calendar-regression':
      return `${w.effects}${note.effects.map((e) => effectText(e, lang)).join(w.sep)}${note.smearing === null ? '' : `${w.sep}${w.smearing}${three(note.smearing)}`}`;
    case 'combination':
      return DAY_KINDS.map((k) => `${w.kinds[k]}${note[k].map((m) => `${shortLabel(m.model, lang)} ${m.weight.toFixed(2)}`).join(' + ')}`).join(w.kindSep);
  }
}
