// One status's line under the Overview's step on-time tile, e.g. "New: 94.0% (20,849 of 22,181 within
// the limit)": the counts grouped like every other count on the page.
import { formatValue } from '../../../warehouse/metrics/format-value.ts';
import type { Cell } from '../lib/api/types.ts';
import { translate, type Lang, type MessageKey } from '../lib/i18n/translate.ts';

export function stepStatusLine(row: Record<string, Cell>, lang: Lang): string {
  return translate(lang, 'overview.step.status', {
    status: translate(lang, `service.status.${String(row.status)}` as MessageKey),
    rate: formatValue(row.step_on_time, 'ratio', lang),
    on_time: formatValue(row.on_time, 'count', lang), visits: formatValue(row.visits, 'count', lang),
  });
}
