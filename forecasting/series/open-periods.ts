// Which periods are open where no file row or calendar says so: a future period is open when its
// weekday x time-of-day was open in at least half of its latest weeks of history (or the calendar
// opens it); a warehouse slot with arrivals in most weeks is open even outside the calendar.

/** How many of a slot's latest occurrences decide whether it is still open. */
export const RECENT_WEEKS = 4;

/**
 * For each future period (by weekly slot), whether it is open: seen open in at least half of its
 * last RECENT_WEEKS occurrences in history, or `calendarOpen[i]`.
 */
export function futureOpenMask(
  historyOpen: readonly boolean[],
  historyWeekSlot: Int32Array,
  futureWeekSlot: Int32Array,
  slotsPerWeek: number,
  calendarOpen?: readonly boolean[],
): boolean[] {
  const seen = new Int32Array(slotsPerWeek);
  const openCount = new Int32Array(slotsPerWeek);
  for (let i = historyOpen.length - 1; i >= 0; i--) {
    const slot = historyWeekSlot[i]!;
    if (seen[slot]! >= RECENT_WEEKS) continue;
    seen[slot] = seen[slot]! + 1;
    if (historyOpen[i]) openCount[slot] = openCount[slot]! + 1;
  }
  return Array.from(futureWeekSlot, (slot, i) =>
    (calendarOpen?.[i] ?? false) || (seen[slot]! > 0 && 2 * openCount[slot]! >= seen[slot]!));
}

/** Weekly slots that had arrivals in more than `share` of their occurrences. */
export function activeSlots(values: readonly number[], weekSlot: Int32Array, slotsPerWeek: number, share = 0.5): boolean[] {
  const seen = new Int32Array(slotsPerWeek);
  const busy = new Int32Array(slotsPerWeek);
  for (let i = 0; i < values.length; i++) {
    const slot = weekSlot[i]!;
    seen[slot] = seen[slot]! + 1;
    if (values[i]! > 0) busy[slot] = busy[slot]! + 1;
  }
  return Array.from(seen, (n, slot) => n > 0 && busy[slot]! > share * n);
}
