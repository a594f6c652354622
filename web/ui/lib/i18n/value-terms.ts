// Words for the enumerated values a table cell may hold, by column: a ticket's status and an
// ingest run's status read in the viewer's language; any other value shows as itself.
import type { Lang } from './translate.ts';
import { statusLabel } from './ticket-terms.ts';

const RUN_STATUS: Record<Lang, Record<string, string>> = {
  en: { committed: 'Committed' },
  zh: { committed: '已提交' },
};

export function cellTerm(column: string, value: string, lang: Lang): string {
  if (column === 'status') return RUN_STATUS[lang][value] ?? statusLabel(value, lang);
  return value;
}
