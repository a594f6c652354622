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
      throw new SeriesInputError(source, `"${date}" is not a date: write YYYY-MM-DD, e.g. 2026-11-11,promotion`, k + 1, 'date');
    }
    if (kind === 'holiday') holidays.push(date);
    else if (kind === 'promotion') promotions.push(date);
    else throw new SeriesInputError(source, `kind "${kind}" is not one of ${KINDS.join(', ')}`, k + 1, 'kind');
  });
  if (holidays.length + promotions.length === 0) throw new SeriesInputError(source, 'no events: write one date,kind row per holiday or promotion day');
  return { holidays, promotions };
}
