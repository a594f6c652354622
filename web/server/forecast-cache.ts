// Forecasts computed by reads (GET forecast, staffing, dispatch-rules diff), kept in memory: a read
// stores no run, and each fit takes the models seconds, so without this every view (the Forecast
// page asks twice) fitted them anew. A forecast is a function of the queues, interval, horizon,
// the data and the config; the key holds all of them, every data write clears the cache (as the
// metric cache), concurrent identical reads share one fit, and few are kept: the demo's six queues
// over a quarter at 15 minutes (22,701 intervals) hold 9.6 MB.
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CurrentForecast } from '../../forecasting/current-forecast.ts';
import type { WarehouseSession } from '../../forecasting/warehouse-session.ts';
import { MetricCache, type CacheOutcome } from './metric-cache.ts';

/** Forecasts kept (least recently used go first). */
export const FORECAST_CACHE_ENTRIES = 8;

export type ForecastCache = MetricCache<CurrentForecast>;

/** Off with the metric cache (DESKPULSE_METRIC_CACHE=off). No age limit: a forecast does not depend on the clock, only on what the key holds. */
export function newForecastCache(): ForecastCache {
  return new MetricCache<CurrentForecast>(undefined, FORECAST_CACHE_ENTRIES, Number.POSITIVE_INFINITY);
}

export interface ForecastKeyParts {
  /** The queue specs asked, without repeats (empty: every queue). */
  queues: readonly string[];
  intervalMinutes: number;
  horizon: string;
  refresh: boolean;
  /** The config and dispatch queues the forecast is made with (read per request, so an edit is a new key). */
  config: unknown;
  dispatch: unknown;
}

/**
 * The key of a forecast: what was asked, the config's content, and the data's state (newest arrival,
 * ingest run and kept forecast run). Writes clear the cache anyway; with the state in the key, a read that
 * looked at the data just before a write cannot leave its forecast where later reads find it.
 */
export async function forecastCacheKey(db: DuckDBConnection, parts: ForecastKeyParts): Promise<string> {
  const reader = await db.runAndReadAll(`SELECT (SELECT epoch_ms(max(created_at)) FROM tickets)::VARCHAR,
    (SELECT max(run_id) FROM ingest_runs)::VARCHAR, (SELECT max(run_id) FROM forecast_runs)::VARCHAR`);
  const state = reader.getRows()[0] ?? [];
  return createHash('sha256').update(JSON.stringify([parts, state])).digest('base64url');
}

/** How each request's forecast was found, for its `x-forecast-cache` header. */
const outcomes = new WeakMap<WarehouseSession, CacheOutcome>();

export function noteForecastOutcome(session: WarehouseSession, outcome: CacheOutcome): void {
  outcomes.set(session, outcome);
}

/** hit: kept from an earlier read; miss: fitted now; bypass: cache off, or not a read (a kept run, a store). */
export function forecastOutcome(session: WarehouseSession): CacheOutcome {
  return outcomes.get(session) ?? 'bypass';
}
