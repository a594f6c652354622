// Reads the holidays and promotion days of a counts file (`deskpulse forecast --series F --events
// E`): one `date,kind[,name]` row per day, kind holiday or promotion, an optional header row; the
// forecaster treats them as the warehouse queues' holidays and config promotions.
import type { CalendarEvents } from '../models/calendar-features.ts';
import { SeriesInputError } from './series-input-error.ts';

const KINDS = ['holiday', 'promotion'] as const;

export function readEventsCsv(text: string, source: string): CalendarEvents {
  const holidays: string[] = [];
  const promotions: string[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [date = '', kind = ''] = line.split(',').map((f) => f.trim().replace(/^"|"$/g, '').toLowerCase());
    if (k === 0 && date === 'date') return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new SeriesInputError(source, {
        en: `"${date}" is not a date: write YYYY-MM-DD, e.g. 2026-11-11,promotion`, zh: `“${date}”不是日期：请写成 YYYY-MM-DD，例如 2026-11-11,promotion`,
      }, k + 1, 'date');
    }
    if (kind === 'holiday') holidays.push(date);
    else if (kind === 'promotion') promotions.push(date);
    else {
      throw new SeriesInputError(source, {
        en: `kind "${kind}" is not one of ${KINDS.join(', ')}`, zh: `类型“${kind}”不是 ${KINDS.join('、')} 之一（holiday 节假日，promotion 促销）`,
      }, k + 1, 'kind');
    }
  });
  if (holidays.length + promotions.length === 0) {
    throw new SeriesInputError(source, {
      en: 'no events: write one date,kind row per holiday or promotion day', zh: '没有任何日期：每个节假日或促销日写一行 date,kind',
    });
  }
  return { holidays, promotions };
}
