// What a range is compared with: the one definition of the comparison ranges (overview tiles, the
// trends' previous-period line, problem types), as plain local-date arithmetic, so the UI can use it too.
// Ranges are local days; DST and zones only matter when periodBounds turns days into instants.

/**
 * previous: the period before (a range from the 1st of a month within that month: the same days of
 *   last month, so "this month" on the 3rd compares with last month's 1st-3rd, not the 3 days before);
 * week: the same weekdays, the fewest whole weeks earlier that do not overlap the range;
 * year: the same dates a year earlier; month: the same days of last month (month to date vs last month to date).
 */
export const COMPARISONS = ['previous', 'week', 'year', 'month'] as const;
export type ComparisonKind = (typeof COMPARISONS)[number];

export interface DayRange { from: string; to: string }

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return iso(y, m, d + days);
}

/** Inclusive length of a range in days. */
export function lengthOf({ from, to }: DayRange): number {
  const [a, b] = [from, to].map((day) => { const [y, m, d] = parts(day); return Date.UTC(y, m - 1, d); }) as [number, number];
  return Math.round((b - a) / 86_400_000) + 1;
}

/**
 * `day` moved `months` months: a day past the shorter month's end becomes its last day (Mar 30 -> Feb 28),
 * and a month's last day stays its last day (Feb 28 2027 -> Feb 29 2028 a year on).
 */
function shiftMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const total = y * 12 + (m - 1) + months;
  const [ty, tm] = [Math.floor(total / 12), (total % 12) + 1];
  const last = daysInMonth(ty, tm);
  return iso(ty, tm, d === daysInMonth(y, m) ? last : Math.min(d, last));
}

/** A range inside one month starting on its 1st: month to date, or the whole month. */
function isMonthToDate({ from, to }: DayRange): boolean {
  return from.endsWith('-01') && from.slice(0, 7) === to.slice(0, 7);
}

export function comparisonRange(range: DayRange, kind: ComparisonKind): DayRange {
  const days = lengthOf(range);
  switch (kind) {
    case 'previous':
      if (isMonthToDate(range)) return comparisonRange(range, 'month');
      return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
    case 'week': {
      const back = Math.ceil(days / 7) * 7;
      return { from: addDays(range.from, -back), to: addDays(range.to, -back) };
    }
    case 'year': return { from: shiftMonths(range.from, -12), to: shiftMonths(range.to, -12) };
    case 'month': return { from: shiftMonths(range.from, -1), to: shiftMonths(range.to, -1) };
  }
}
