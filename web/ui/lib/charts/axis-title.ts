// A chart's value axis titled by what it measures and the unit it is drawn in, in the UI language
// ("First response time (hours)", "SLA attainment (%)", "满意度（%）"): never a bare "Value".
import type { ColumnUnit } from '../api/types.ts';
import type { Lang } from '../i18n/translate.ts';

/** The unit as plotted (chart-units.ts: seconds are drawn in hours, ratios as percentages); counts and plain numbers say none. */
const UNIT_NAMES: Partial<Record<ColumnUnit, Record<Lang, string>>> = {
  seconds: { en: 'hours', zh: '小时' },
  ratio: { en: '%', zh: '%' },
  rating: { en: '1–5', zh: '1–5 分' },
};

export function axisTitle(measure: string, unit: ColumnUnit, lang: Lang): string {
  const name = UNIT_NAMES[unit]?.[lang];
  if (!name) return measure;
  return lang === 'zh' ? `${measure}（${name}）` : `${measure} (${name})`;
}

/** What a chart of these series measures: the one series' name, else the names together (a chart should pass its own word). */
export function measureOf(seriesLabels: readonly string[], given: string | undefined, lang: Lang): string {
  return given ?? seriesLabels.join(lang === 'zh' ? '、' : ' / ');
}
