// A queue's name in the reader's language: the dispatch rules name each queue in Chinese and English
// (read-dispatch-rules.ts); a queue they do not define (channel:phone) is named by what it was called.
import type { MetricTable } from '../../warehouse/metrics/table.ts';
import type { QueueNames } from './read-dispatch-rules.ts';

export type { QueueNames };

/** The queue's names from the rules, else `fallback` in both languages. */
export function queueNames(rules: readonly { id: string; names: QueueNames }[], queueId: string, fallback: string): QueueNames {
  return rules.find((q) => q.id === queueId)?.names ?? { zh: fallback, en: fallback };
}

/** A table whose `queue_name` column holds each row's queue (`queue`) named in `lang`. */
export function withQueueNamesIn(table: MetricTable, rules: readonly { id: string; names: QueueNames }[], lang: 'en' | 'zh'): MetricTable {
  if (!table.columns.some((c) => c.key === 'queue_name')) return table;
  return {
    ...table,
    rows: table.rows.map((row) => ({ ...row, queue_name: queueNames(rules, String(row.queue), String(row.queue_name ?? row.queue))[lang] })),
  };
}
