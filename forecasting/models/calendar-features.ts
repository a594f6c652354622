// Calendar regressors per period: holidays and the days after them (the backlog comes in), and
// promotion days (11.11, 618, ...) with the days around them, when customers ask about orders.
import type { CalendarFeatures, ModelInput } from './model.ts';
import { dayOfIsoDate } from '../series/series.ts';

export interface CalendarEvents {
  /** Local dates "YYYY-MM-DD" on which the queue's calendar is closed or runs as a holiday. */
  holidays: readonly string[];
  /** Local dates of promotion days declared in the config. */
  promotions: readonly string[];
}

/**
 * Days around a promotion day, one regressor each: pre-sales rise before it, and returns, repairs
 * and complaints follow the parcels for about two weeks, each day at its own level.
 */
const PROMOTION_DAYS = Array.from({ length: 17 }, (_, k) => k - 3);
const promotionName = (offset: number) => (offset === 0 ? 'promotion' : `promotion${offset > 0 ? '+' : ''}${offset}`);

export function calendarFeatures(dayIndex: Int32Array, events: CalendarEvents): CalendarFeatures {
  const holidays = new Set(events.holidays.map(dayOfIsoDate));
  const promotions = events.promotions.map(dayOfIsoDate);
  const n = dayIndex.length;
  const names = ['holiday', 'holiday+1', 'holiday+2', ...PROMOTION_DAYS.map(promotionName)];
  const columns = names.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const day = dayIndex[i]!;
    if (holidays.has(day)) columns[0]![i] = 1;
    else if (holidays.has(day - 1)) columns[1]![i] = 1;
    else if (holidays.has(day - 2)) columns[2]![i] = 1;
    for (const promo of promotions) {
      const k = day - promo - PROMOTION_DAYS[0]!;
      if (k >= 0 && k < PROMOTION_DAYS.length) columns[k + 3]![i] = 1;
    }
  }
  return { names, columns };
}

export const NO_FEATURES: CalendarFeatures = { names: [], columns: [] };

/**
 * Open periods that carry no holiday or promotion feature: the history a model that does not know
 * events learns from, so a promotion's aftermath is not copied into ordinary weeks.
 */
export function ordinaryOpen(input: ModelInput): Uint8Array {
  const usable = input.open.slice();
  for (const column of input.features.columns) for (let i = 0; i < usable.length; i++) if (column[i] !== 0) usable[i] = 0;
  return usable;
}
