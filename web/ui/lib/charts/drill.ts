// Drilling from a chart mark to the tickets behind it: each chart's data rows may carry `drill`
// (the /tickets URL of that mark: the page's filter plus what the mark adds) and `drillLabel` (what
// the mark is, for the keyboard's link list). Chart.svelte follows a clicked mark's `drill`.
import type { Cell, MetricTable } from '../api/types.ts';

export interface Drillable { drill?: string | null; drillLabel?: string }

/** A chart's mark -> its tickets, from the row the mark draws (null: no list, e.g. a value with no id). */
export type DrillOf = (row: Record<string, Cell>) => Drillable | null;

/** What a mark adds to the filter; a dimension value replaces the page's values of that dimension. */
export type MarkFilter = Record<string, string | number | null | undefined>;

/** Query keys of the page that the ticket list takes over: the range, the clock and every dimension the API filters by (metric-query.ts). */
const CARRIED = ['from', 'to', 'clock', 'team', 'agent', 'channel', 'problem_type', 'problem_subtype', 'priority', 'region', 'product'] as const;

/** The /tickets URL for a mark of a chart of `table` on a page with `params`: the table's range, then the mark's own fields. */
export function ticketsHref(params: URLSearchParams, period: MetricTable['period'] | null, mark: MarkFilter): string {
  const out = new URLSearchParams();
  for (const key of CARRIED) for (const value of params.getAll(key)) out.append(key, value);
  // The range the table was computed for (the server's default when the URL has none).
  if (period) {
    out.set('from', period.from);
    out.set('to', period.to);
  }
  for (const [key, value] of Object.entries(mark)) {
    if (value === null || value === undefined || value === '') continue;
    out.set(key, String(value));
  }
  return `/tickets?${out}`;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A trend bucket (its first local day) as a range, cut to the table's range (a partial bucket counts only those days). */
export function bucketRange(bucket: string, grain: 'day' | 'week' | 'month', period: MetricTable['period']): { from: string; to: string } {
  const start = Date.parse(`${bucket}T00:00:00Z`);
  const next = new Date(start);
  if (grain === 'day') next.setUTCDate(next.getUTCDate() + 1);
  else if (grain === 'week') next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  const from = bucket > period.from ? bucket : period.from;
  const last = isoDay(next.getTime() - DAY_MS);
  return { from, to: last < period.to ? last : period.to };
}

/** Which instant of a ticket each trend series counts by (catalog.ts); series with none (backlog) have no tickets to list. */
const SERIES_BASIS: Record<string, 'created' | 'resolved' | 'rated'> = {
  created: 'created', volume: 'created', tickets: 'created', frt_median: 'created', frt_p90: 'created', sla_frt: 'created',
  sla_resolution: 'created', resolved: 'resolved', resolution_median: 'resolved', resolution_p90: 'resolved',
  csat: 'rated', rating_mean: 'rated', ratings: 'rated',
};

/**
 * What a point of a trend series lists (with its bucket's range): the tickets behind that number, not
 * every ticket of the day. First response: those with a measured first response, slowest first; SLA:
 * the tickets that attainment judges, breaches first; resolution: slowest first. Null: nothing to list.
 */
export function seriesMark(series: string): MarkFilter | null {
  const on = SERIES_BASIS[series];
  if (!on) return null;
  if (series === 'frt_median' || series === 'frt_p90') return { on, measured: 'first_response', sort: 'first_response_seconds', order: 'desc' };
  if (series === 'sla_frt') return { on, sla: 'first_response', sort: 'sla_state', order: 'asc' };
  if (series === 'sla_resolution') return { on, sla: 'resolution', sort: 'sla_state', order: 'asc' };
  if (series === 'resolution_median' || series === 'resolution_p90') return { on, sort: 'resolution_seconds', order: 'desc' };
  return { on };
}

type Names = Record<string, Record<string, { en: string | null; zh: string | null }>>;

/** The id of a value shown by its name (/api/labels) in `dimension`; a value without a name is its own id; '—' (none) has none. */
export function idOfShown(names: Names, dimension: string, shown: Cell | undefined): string | null {
  if (typeof shown !== 'string' || shown === '' || shown === '—') return null;
  for (const [id, name] of Object.entries(names[dimension] ?? {})) if (name.en === shown || name.zh === shown) return id;
  return shown;
}

/** The marks of a spec that lead to tickets (its data and its layers' data), once per URL, in data order. */
export function drillTargets(spec: unknown): { href: string; label: string }[] {
  const seen = new Map<string, string>();
  const visit = (node: unknown) => {
    const n = node as { data?: { values?: unknown[] }; layer?: unknown[] } | null;
    for (const d of n?.data?.values ?? []) {
      const { drill, drillLabel } = (d ?? {}) as Drillable;
      if (drill && !seen.has(drill)) seen.set(drill, drillLabel ?? drill);
    }
    for (const layer of n?.layer ?? []) visit(layer);
  };
  visit(spec);
  return [...seen].map(([href, label]) => ({ href, label }));
}

interface ClickedItem { datum?: unknown; mark?: { marktype?: string } }

/** The URL a click on a drawn item leads to: a bar, point or cell's `drill` (a line's item is its first point: none). */
export function clickedDrill(item: ClickedItem | null | undefined): string | null {
  if (!item || item.mark?.marktype === 'line') return null;
  const drill = (item.datum as Drillable | undefined)?.drill;
  return typeof drill === 'string' ? drill : null;
}
