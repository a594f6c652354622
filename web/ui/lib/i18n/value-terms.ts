// Words for the enumerated values a table cell may hold, by column: a ticket's status, an ingest
// run's status and an open ticket's age bucket (warehouse/metrics/live.ts AGE_BUCKETS) read in the
// viewer's language; any other value shows as itself.
import type { Lang } from './translate.ts';
import { statusLabel } from './ticket-terms.ts';

const RUN_STATUS: Record<Lang, Record<string, string>> = {
  en: { committed: 'Committed' },
  zh: { committed: '已提交' },
};

const AGE_BUCKET: Record<Lang, Record<string, string>> = {
  en: { '<1h': 'under 1 h', '1-4h': '1–4 h', '4-8h': '4–8 h', '8-24h': '8–24 h', '1-3d': '1–3 days', '3-7d': '3–7 days', '>7d': 'over 7 days' },
  zh: { '<1h': '1 小时内', '1-4h': '1–4 小时', '4-8h': '4–8 小时', '8-24h': '8–24 小时', '1-3d': '1–3 天', '3-7d': '3–7 天', '>7d': '7 天以上' },
};

export function cellTerm(column: string, value: string, lang: Lang): string {
  if (column === 'status') return RUN_STATUS[lang][value] ?? statusLabel(value, lang);
  if (column === 'age_bucket') return AGE_BUCKET[lang][value] ?? value;
  return value;
}
