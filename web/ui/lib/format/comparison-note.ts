// What the overview says about the period it compares with (MetricTable.comparison) when it cannot
// be compared with, and from which day its dashed trend line has data: days before the warehouse's
// first ticket hold nothing, and drawn as 0 (or counted) they would read as growth.
import type { DayRange } from '../../../../warehouse/metrics/comparison.ts';
import { addDays } from '../../../../warehouse/metrics/comparison.ts';
import type { TableComparison } from '../../../../warehouse/metrics/table.ts';
import { translate, type Lang } from '../i18n/translate.ts';

/** The tile's text instead of the compared value; null: the period compares. */
export function noComparisonText(compared: TableComparison | undefined, lang: Lang): string | null {
  switch (compared?.unavailable) {
    case 'no_data': return translate(lang, `kpi.noData.${compared.kind}`);
    case 'partial': return translate(lang, 'kpi.partial', { covered: compared.covered_days ?? 0, days: compared.days ?? 0 });
    default: return null;
  }
}

/** The compared period's first day with data: its `covered_days` are its last ones. */
export function comparedDataFrom(previous: DayRange, compared: TableComparison): string {
  return compared.unavailable === 'partial' && compared.covered_days !== undefined ? addDays(previous.to, 1 - compared.covered_days) : previous.from;
}
