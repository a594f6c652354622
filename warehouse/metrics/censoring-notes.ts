// What an overview tile says about its period's censored tickets (censoring.ts), in en and zh: how
// many are still unanswered or open and for how long, the lower-bound median, and that unanswered is
// compared with the previous period at the same age. Pure (no database): the UI imports it too.
import type { Cell, Label } from './table.ts';

type Lang = keyof Label;
/** Formats a duration in seconds, or a count, in a language (the UI's formatters). */
export interface NoteFormat { seconds: (s: number, lang: Lang) => string; count: (n: number, lang: Lang) => string }

const num = (v: Cell | undefined): number | null => (typeof v === 'number' ? v : null);

/** The median a first response tile should headline: the lower bound while tickets wait (shown "≥"), else none. */
export function frtHeadline(row: Record<string, Cell>): { value: number; previous: number | null } | null {
  const bound = num(row.frt_median_bound);
  return (num(row.unanswered) ?? 0) > 0 && bound !== null ? { value: bound, previous: num(row.frt_median_bound_previous) } : null;
}

export function censoringNotes(row: Record<string, Cell>, f: NoteFormat): Label[] {
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
      const age = num(row.unanswered_age_median);
      const answeredOnly = num(row.value);
      if (waiting === 0 || age === null) return [];
      return [
        both((l) => l === 'en'
          ? `${f.count(waiting, l)} still unanswered, waiting ${f.seconds(age, l)} (median) so far; counted at that wait`
          : `${f.count(waiting, l)} 张仍未回复，已等待 ${f.seconds(age, l)}（中位数），按已等待时长计入`),
        ...(answeredOnly === null ? [] : [both((l) => l === 'en'
          ? `answered only: ${f.seconds(answeredOnly, l)}; the previous period as it stood at the same age`
          : `仅计已回复工单：${f.seconds(answeredOnly, l)}；上一周期取同一时点`)]),
      ];
    }
    case 'resolution_median': {
      const open = num(row.open_created) ?? 0;
      const age = num(row.open_age_median);
      const bound = num(row.resolution_median_bound);
      if (open === 0 || age === null) return [];
      return [both((l) => l === 'en'
        ? `${f.count(open, l)} of the period's tickets still open, ${f.seconds(age, l)} old (median)` +
          (bound === null ? '' : `; median resolution of the period's tickets ≥ ${f.seconds(bound, l)}`)
        : `本期工单中 ${f.count(open, l)} 张仍未解决，已开启 ${f.seconds(age, l)}（中位数）` +
          (bound === null ? '' : `；本期新建工单解决时长中位数 ≥ ${f.seconds(bound, l)}`))];
    }
    default: return [];
  }
}
