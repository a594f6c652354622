// Staffing input for a stored forecast run, in one call: each queue's AHT per local hour from the
// history before the forecast origin, the dispatch-rules queues, the options; recommendStaffing
// or whatIf then run on it (the CLI's apply and export, the API's staffing and dispatch routes).
import type { WarehouseSession } from '../warehouse-session.ts';
import { readQueueAht, type QueueAht } from './aht.ts';
import type { RecommendInput, StaffingOptions, StaffingQueue } from './recommend.ts';
import type { StoredQueueForecast } from './stored-forecast.ts';

const DAY = 86_400_000;

/** Days of history the AHT is averaged over (recent enough to reflect today's handling). */
export const AHT_HISTORY_DAYS = 90;

export interface StaffingInputOptions {
  session: WarehouseSession;
  /** Dispatch-rules queues (readDispatchRules(...).queues). */
  queues: readonly StaffingQueue[];
  options?: StaffingOptions;
  ahtHistoryDays?: number;
}

/** AHT per hour of each forecast queue, counted with its dispatch-rules match (else the forecast's). */
export async function readAhtPerQueue(session: WarehouseSession, forecasts: readonly StoredQueueForecast[], queues: readonly StaffingQueue[],
  days = AHT_HISTORY_DAYS): Promise<Map<string, QueueAht>> {
  const aht = new Map<string, QueueAht>();
  for (const f of forecasts) {
    const match = queues.find((q) => q.id === f.queueId)?.match ?? f.match;
    aht.set(f.queueId, await readQueueAht(session.db, match, f.zone, f.historyEnd - days * DAY, f.historyEnd));
  }
  return aht;
}

/** Everything recommendStaffing / whatIf need for the run's queues. */
export async function staffingInput(forecast: { runId: number | null; generatedAt: number; queues: readonly StoredQueueForecast[] }, o: StaffingInputOptions): Promise<RecommendInput> {
  return {
    queues: o.queues,
    forecasts: forecast.queues,
    aht: await readAhtPerQueue(o.session, forecast.queues, o.queues, o.ahtHistoryDays),
    ...(o.options ? { options: o.options } : {}),
    generatedAt: forecast.generatedAt,
    forecastRunId: forecast.runId,
  };
}
