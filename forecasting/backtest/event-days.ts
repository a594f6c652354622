// Which periods are holidays or promotion days (or the days around them): known from the calendar
// in advance, so backtests and bands can set them apart whether or not a model has seen one yet.
import type { ModelInput } from '../models/model.ts';

export type EventKind = 'holiday' | 'promotion';

export const EVENT_KINDS: readonly EventKind[] = ['holiday', 'promotion'];

/** Which event feature period `index` carries (a promotion wins over a holiday), or null. */
export function eventKinds(input: ModelInput): (index: number) => EventKind | null {
  const used = input.features.columns.map((c, k) => ({ c, promotion: input.features.names[k]!.startsWith('promotion') }))
    .filter(({ c }) => c.some((v) => v !== 0));
  const promotions = used.filter((u) => u.promotion).map((u) => u.c);
  const holidays = used.filter((u) => !u.promotion).map((u) => u.c);
  return (index) => (promotions.some((c) => c[index] !== 0) ? 'promotion' : holidays.some((c) => c[index] !== 0) ? 'holiday' : null);
}
