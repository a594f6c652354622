// Staffing for a forecast from the warehouse, in one call: the queues' AHT per hour from the
// history before the forecast origin, then the recommendation (for a fresh forecast result, or
// for a stored run such as the latest one, which `staffing export` uses).
import type { Warehouse } from '../../warehouse/database.ts';
import type { ForecastQueuesResult } from '../forecast.ts';
import { readQueueAht, type QueueAht } from './aht.ts';
import { recommendStaffing, type QueueForecastInput, type StaffingOptions, type StaffingQueue, type StaffingRecommendation } from './recommend.ts';
import { readStoredForecast } from './stored-forecast.ts';

const DAY = 86_400_000;

/** Days of history the AHT is averaged over (recent enough to reflect today's handling). */
export const AHT_HISTORY_DAYS = 90;

export interface StaffingForecastOptions {
  db: Warehouse;
  /** Dispatch-rules queues (readDispatchRules(...).queues). */
  queues: readonly StaffingQueue[];
  options?: StaffingOptions;
  ahtHistoryDays?: number;
}

async function ahtPerQueue(db: Warehouse, forecasts: readonly (QueueForecastInput & { historyEnd: number })[], queues: readonly StaffingQueue[],
  days: number): Promise<Map<string, QueueAht>> {
  const aht = new Map<string, QueueAht>();
  for (const f of forecasts) {
    const match = queues.find((q) => q.id === f.queueId)?.match ?? f.match ?? {};
    aht.set(f.queueId, await readQueueAht(db.db, match, f.zone, f.historyEnd - days * DAY, f.historyEnd));
  }
  return aht;
}

/** Staffing for what `forecastQueues` just returned (the `forecast --apply` path). */
export async function staffingForForecast(result: ForecastQueuesResult, o: StaffingForecastOptions): Promise<StaffingRecommendation> {
  const forecasts = result.queues.map((q) => ({
    queueId: q.queue.id, name: q.queue.name, match: q.queue.match, zone: q.forecast.zone, model: q.forecast.model,
    historyEnd: q.forecast.historyEnd, intervals: q.forecast.intervals,
  }));
  return recommendStaffing({
    queues: o.queues, forecasts, aht: await ahtPerQueue(o.db, forecasts, o.queues, o.ahtHistoryDays ?? AHT_HISTORY_DAYS),
    ...(o.options ? { options: o.options } : {}), generatedAt: result.generatedAt, forecastRunId: result.runId,
  });
}

/** Staffing for a stored forecast run (default the latest); null when no run is stored. */
export async function staffingForStoredRun(o: StaffingForecastOptions & { runId?: number }): Promise<StaffingRecommendation | null> {
  const stored = await readStoredForecast(o.db, o.runId);
  if (!stored) return null;
  return recommendStaffing({
    queues: o.queues, forecasts: stored.queues, aht: await ahtPerQueue(o.db, stored.queues, o.queues, o.ahtHistoryDays ?? AHT_HISTORY_DAYS),
    ...(o.options ? { options: o.options } : {}), generatedAt: stored.generatedAt, forecastRunId: stored.runId,
  });
}
