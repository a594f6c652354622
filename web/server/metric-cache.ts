// Computed metric tables, kept until the warehouse changes: dashboards ask the same questions over
// and over, and a table is a pure function of the data, the route, its query and the caller's
// resolved filter (team scope and default dates included in the key, so no caller ever sees a
// table computed for another scope). Every completed write clears it; concurrent identical
// requests share one computation; an age limit bounds what depends on the clock (open ages,
// today's partial day; the live view asks for a much shorter one). DESKPULSE_METRIC_CACHE=off
// turns it off (benchmarks of the bare SQL).
import { createHash } from 'node:crypto';
import type { MetricFilter } from '../../warehouse/metrics/filter.ts';
import type { MetricTable } from '../../warehouse/metrics/table.ts';

export type CacheOutcome = 'hit' | 'miss' | 'bypass';

interface Entry<T> {
  table: Promise<T>;
  at: number;
}

/** What a table depends on besides the data: route, path parameters, query (not its output format or header language) and the resolved filter. */
export function metricCacheKey(routeUrl: string, params: unknown, query: Record<string, unknown>, filter: MetricFilter): string {
  const sorted = Object.keys(query).filter((k) => k !== 'format' && k !== 'lang').sort().map((k) => [k, query[k]]);
  // Hashed: a 10,000-value filter would otherwise keep a key of hundreds of KB per entry.
  return createHash('sha256').update(JSON.stringify([routeUrl, params ?? {}, sorted, filter])).digest('base64url');
}

/**
 * `T`: what is kept, a metric table unless said otherwise (the forecast cache keeps forecasts). A
 * route may keep something else under its own keys (`get<U>`: the route is part of every key, so a
 * key always holds what its route computes), e.g. the overview's KPIs apart from its censored counts.
 */
export class MetricCache<T = MetricTable> {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    readonly enabled = process.env.DESKPULSE_METRIC_CACHE !== 'off',
    private readonly maxEntries = 500,
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  /** The table for `key`, computed by `compute` unless one at most `maxAgeMs` old (or one in flight) is kept. */
  async get<U = T>(key: string, compute: () => Promise<U>, maxAgeMs = this.maxAgeMs): Promise<{ table: U; outcome: CacheOutcome }> {
    if (!this.enabled) return { table: await compute(), outcome: 'bypass' };
    const found = this.entries.get(key) as Entry<U> | undefined;
    if (found && Date.now() - found.at <= maxAgeMs) {
      // Least recently used goes first: re-insert at the end.
      this.entries.delete(key);
      this.entries.set(key, found);
      return { table: await found.table, outcome: 'hit' };
    }
    const entry: Entry<U> = { table: compute(), at: Date.now() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failure is answered once, not kept.
    entry.table.catch(() => { if (this.entries.get(key) === entry) this.entries.delete(key); });
    return { table: await entry.table, outcome: 'miss' };
  }

  /** After a write: everything kept may be out of date. */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
