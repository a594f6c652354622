// What an overview tile says about its period's censored tickets (censoring.ts), in en and zh: how
// many are still unanswered or open, the oldest one's age, how many have not reached business hours
// yet, the lower-bound median, and that unanswered is compared with the previous period at the same
// age. Pure (no database): the UI imports it too.
import type { Cell, Label } from './table.ts';

type Lang = keyof Label;
type Clock = 'business' | 'calendar';
/** Formats a duration in seconds, or a count, in a language (the UI's formatters). */
export interface NoteFormat { seconds: (s: number, lang: Lang) => string; count: (n: number, lang: Lang) => string }

const num = (v: Cell | undefined): number | null => (typeof v === 'number' ? v : null);

/** The median a first response tile should headline: the lower bound while tickets wait (shown "≥"), else none. */
export function frtHeadline(row: Record<string, Cell>): { value: number; previous: number | null } | null {
  const bound = num(row.frt_median_bound);
  return (num(row.unanswered) ?? 0) > 0 && bound !== null ? { value: bound, previous: num(row.frt_median_bound_previous) } : null;
}

/** The censored tickets of a row: how many, the oldest one's age, and (business clock) those not yet in business hours. */
interface Censored { count: number; oldest: number | null; offHours: number; offHoursWallMax: number | null }

/**
 * How long the censored tickets have waited, as a clause after their count: the oldest one's age in
 * the asked clock and, on the business clock, those created out of hours apart with their wall-clock
 * age. Their business age is 0 until their calendar opens: a "0s" would read as "just came in" for a
 * ticket waiting since Friday night, so they are never summed up as a duration.
 */
function agesClause(c: Censored, clock: Clock, f: NoteFormat, lang: Lang, waiting: boolean): string {
  const inHours = c.oldest !== null && c.oldest > 0 && c.offHours < c.count;
  const several = c.offHours > 1;
  const wall = c.offHoursWallMax === null ? null : f.seconds(c.offHoursWallMax, lang);
  if (lang === 'en') {
    const oldest = inHours ? `, the oldest ${waiting ? 'waiting' : 'open'} ${f.seconds(c.oldest!, lang)}${clock === 'business' ? ' (business hours)' : ' so far'}` : '';
    if (c.offHours === 0) return oldest;
    const who = c.offHours < c.count ? `${f.count(c.offHours, lang)} not` : several ? 'none' : 'not';
    return `${oldest}; ${who} yet in business hours (created out of hours${wall === null ? '' : `, ${several ? 'up to ' : ''}${wall} ago`})`;
  }
  const oldest = inHours ? `，最久的已${waiting ? '等待' : '开启'} ${f.seconds(c.oldest!, lang)}${clock === 'business' ? '（工作时间）' : ''}` : '';
  if (c.offHours === 0) return oldest;
  const who = c.offHours < c.count ? `其中 ${f.count(c.offHours, lang)} 张` : several ? '全部' : '';
  return `${oldest}；${who}尚未进入工作时间（非工作时间创建${wall === null ? '' : `，${several ? '最早的' : ''}已过去 ${wall}`}）`;
}

/** The censoring notes of an overview row, its ages in `clock` (the table's). */
export function censoringNotes(row: Record<string, Cell>, f: NoteFormat, clock: Clock): Label[] {
  const both = (make: (lang: Lang) => string): Label => ({ en: make('en'), zh: make('zh') });
  switch (row.metric) {
    case 'unanswered': {
      const final = num(row.previous_final);
      if (final === null || row.previous_as_of === undefined) return [];
      return [both((l) => l === 'en'
        ? `vs the previous period as it stood at the same age (final count ${f.count(final, l)})`
        : `对比上一周期在同一时点的数量（最终为 ${f.count(final, l)}）`)];
    }
    case 'frt_median': {
      const waiting = num(row.unanswered) ?? 0;
      if (waiting === 0) return [];
      const answeredOnly = num(row.value);
      const censored: Censored = {
        count: waiting, oldest: num(row.unanswered_age_max), offHours: num(row.unanswered_off_hours) ?? 0, offHoursWallMax: num(row.unanswered_off_hours_wall_age_max),
      };
      return [
        both((l) => l === 'en'
          ? `${f.count(waiting, l)} still unanswered${agesClause(censored, clock, f, l, true)}; counted at their wait so far`
          : `${f.count(waiting, l)} 张仍未回复${agesClause(censored, clock, f, l, true)}；按已等待时长计入`),
        ...(answeredOnly === null ? [] : [both((l) => l === 'en'
          ? `answered only: ${f.seconds(answeredOnly, l)}; the previous period as it stood at the same age`
          : `仅计已回复工单：${f.seconds(answeredOnly, l)}；上一周期取同一时点`)]),
      ];
    }
    case 'resolution_median': {
      const open = num(row.open_created) ?? 0;
      if (open === 0) return [];
      const bound = num(row.resolution_median_bound);
      const censored: Censored = {
        count: open, oldest: num(row.open_age_max), offHours: num(row.open_off_hours) ?? 0, offHoursWallMax: num(row.open_off_hours_wall_age_max),
      };
      return [both((l) => l === 'en'
        ? `${f.count(open, l)} of the period's tickets still open${agesClause(censored, clock, f, l, false)}` +
          (bound === null ? '' : `; median resolution of the period's tickets ≥ ${f.seconds(bound, l)}`)
        : `本期工单中 ${f.count(open, l)} 张仍未解决${agesClause(censored, clock, f, l, false)}` +
          (bound === null ? '' : `；本期新建工单解决时长中位数 ≥ ${f.seconds(bound, l)}`))];
    }
    default: return [];
  }
}
