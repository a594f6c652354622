// What the problems page says about growing types, in en and zh: by how much each is above what the
// calendar expects for the range ("+78% above expected (16 vs 9) for a promotion Monday"), and the
// rule. Pure (no database): the UI imports it too.
import { EXPECTED_HISTORY_DAYS, GROWING_MIN_RATIO, GROWING_MIN_SIGMAS } from './problem-growth-rule.ts';
import type { Cell, Label } from './table.ts';

type Lang = keyof Label;
export interface GrowthFormat { ratio: (r: number, lang: Lang) => string; count: (n: number, lang: Lang) => string; type: (value: string, lang: Lang) => string }

const WEEKDAYS: Label[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
  .map((en, i) => ({ en, zh: `周${'一二三四五六日'[i]}` }));

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The kind of range the expectation is for: "a promotion Monday", "a Monday around a promotion",
 * "an ordinary Monday", "these 7 days (1 promotion day)", "these 7 days (around a promotion)".
 */
export function rangeKind(from: string, to: string, promotionDays: number, aroundDays = promotionDays): Label {
  const days = daysBetween(from, to);
  if (days === 1) {
    const weekday = WEEKDAYS[(new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7]!;
    if (promotionDays > 0) return { en: `a promotion ${weekday.en}`, zh: `促销日（${weekday.zh}）` };
    return aroundDays > 0 ? { en: `a ${weekday.en} around a promotion`, zh: `促销前后的${weekday.zh}` } : { en: `an ordinary ${weekday.en}`, zh: `普通${weekday.zh}` };
  }
  if (promotionDays > 0) {
    return { en: `these ${days} days (${promotionDays} promotion day${promotionDays === 1 ? '' : 's'})`, zh: `这 ${days} 天（含 ${promotionDays} 个促销日）` };
  }
  return aroundDays > 0 ? { en: `these ${days} days (around a promotion)`, zh: `这 ${days} 天（促销前后）` } : { en: `these ${days} days (no promotion day)`, zh: `这 ${days} 天（无促销日）` };
}

/** Why no type is judged around a promotion: the history has no promotion to learn its lift from. */
const NOT_JUDGED: Label = {
  en: 'Growth not judged: the range is around a promotion day and the history holds no earlier promotion to learn its lift from.',
  zh: '未判断增长：该区间在促销日前后，而历史数据中没有更早的促销可用于估计其放大倍数。',
};

/** One sentence per growing row of a problems table: its excess over the calendar's expectation. */
export function growthNotes(rows: readonly Record<string, Cell>[], period: { from: string; to: string }, f: GrowthFormat): Label[] {
  if (rows.some((r) => r.expected === null && Number(r.promotion_window_days ?? 0) > 0)) return [NOT_JUDGED];
  return rows.filter((r) => r.growing === true).map((r) => {
    const type = (l: Lang) => f.type(String(r.problem_type ?? '—'), l);
    const tickets = Number(r.tickets);
    const expected = typeof r.expected === 'number' ? r.expected : null;
    const kind = rangeKind(period.from, period.to, Number(r.promotion_days ?? 0), Number(r.promotion_window_days ?? 0));
    if (expected === null || expected === 0 || typeof r.vs_expected !== 'number') {
      return { en: `${type('en')}: ${f.count(tickets, 'en')} tickets where the history has none`, zh: `${type('zh')}：${f.count(tickets, 'zh')} 张，历史上没有` };
    }
    const vs = r.vs_expected;
    const both = (l: Lang) => `${f.ratio(vs, l)}`;
    return {
      en: `${type('en')}: +${both('en')} above expected (${f.count(tickets, 'en')} vs ${f.count(expected, 'en')}) for ${kind.en}`,
      zh: `${type('zh')}：比${kind.zh}的预期高 ${both('zh')}（${f.count(tickets, 'zh')} 对 ${f.count(expected, 'zh')}）`,
    };
  });
}

/** The rule, beside the table. */
export const GROWTH_RULE: Label = {
  en: `Growing: at least ${GROWING_MIN_RATIO * 100}% and ${GROWING_MIN_SIGMAS}×√expected tickets above what the calendar expects — ` +
    `the type's mean on the same weekday over the ordinary days of the 4 weeks before the range, times, from 3 days before to 13 ` +
    `after a promotion day of the config, its lift at that day on the promotions of the last ${EXPECTED_HISTORY_DAYS} days.`,
  zh: `增长中：比日历预期至少高 ${GROWING_MIN_RATIO * 100}% 且超出 ${GROWING_MIN_SIGMAS}×√预期 张。预期 = 该类型在区间前 4 周普通日中同一星期几的平均量；` +
    `在配置的促销日前 3 天至后 13 天，再乘以近 ${EXPECTED_HISTORY_DAYS} 天内促销在同一天的放大倍数。`,
};
