// Staffing plans computed by reads (GET staffing, its simulation, the dispatch-rules diff), kept
// with the forecast they were made from: a forecast kept by the forecast cache lives until the next
// data write or config change, and so do its plans (a WeakMap on it). The key holds the rest a plan
// depends on: the dispatch rules' text (an apply or a rollback rewrites it), the config and the
// teams' head counts, the query (queues, horizon, interval, run, what-if) and the interval each
// queue's plan starts at (the first after now), so a warm Forecast page plans nothing.
import { createHash } from 'node:crypto';
import type { WarehouseSession } from '../../forecasting/warehouse-session.ts';
import type { CacheOutcome } from './metric-cache.ts';

/** Plans kept per forecast (what-if variants; least recently used go first). */
export const PLANS_PER_FORECAST = 8;

export interface PlanKeyParts {
  rulesText: string;
  config: unknown;
  teams: unknown;
  /** The query, without how the answer is shown (format, lang, rows, day). */
  query: Record<string, unknown>;
  /** Per forecast queue, the start of its first planned interval (epoch ms), null when none is left. */
  planStarts: readonly (number | null)[];
}

const SHOWN_ONLY = new Set(['format', 'lang', 'rows', 'day']);

export function planCacheKey(parts: PlanKeyParts): string {
  const query = Object.keys(parts.query).filter((k) => !SHOWN_ONLY.has(k) && parts.query[k] !== undefined).sort().map((k) => [k, parts.query[k]]);
  return createHash('sha256').update(JSON.stringify([parts.rulesText, parts.config, parts.teams, query, parts.planStarts])).digest('base64url');
}

/** The first planned interval of each queue: the first starting at or after `now` (none: the whole forecast, as fromNow plans it). */
export function planStarts(queues: readonly { intervals: readonly { start: number | string }[] }[], now: number): (number | null)[] {
  return queues.map((q) => {
    const starts = q.intervals.map((i) => (typeof i.start === 'number' ? i.start : Date.parse(i.start)));
    return starts.find((t) => t >= now) ?? starts[0] ?? null;
  });
}

const kept = new WeakMap<object, Map<string, Promise<unknown>>>();

/** The plan kept for `forecast` and `key`, else `plan()` (concurrent identical requests share it; a failure is not kept). */
export async function keptPlan<T>(forecast: object, key: string, plan: () => Promise<T>): Promise<{ plan: T; outcome: CacheOutcome }> {
  const byKey = kept.get(forecast) ?? new Map<string, Promise<unknown>>();
  kept.set(forecast, byKey);
  const found = byKey.get(key) as Promise<T> | undefined;
  if (found) {
    byKey.delete(key);
    byKey.set(key, found);
    return { plan: await found, outcome: 'hit' };
  }
  const made = plan();
  byKey.set(key, made);
  if (byKey.size > PLANS_PER_FORECAST) byKey.delete(byKey.keys().next().value!);
  made.catch(() => { if (byKey.get(key) === made) byKey.delete(key); });
  return { plan: await made, outcome: 'miss' };
}

/** How each request's plan was found, for its `x-staffing-cache` header. */
const outcomes = new WeakMap<WarehouseSession, CacheOutcome>();

export function notePlanOutcome(session: WarehouseSession, outcome: CacheOutcome): void {
  outcomes.set(session, outcome);
}

/** hit: kept from an earlier read; miss: planned now; bypass: cache off, or an apply (planned afresh). */
export function planOutcome(session: WarehouseSession): CacheOutcome {
  return outcomes.get(session) ?? 'bypass';
}
