// Forecast vs actual: for stored forecasts whose periods have passed, counts the real arrivals
// with the match and zone the forecast was made with, and reports the error per horizon day.
import { BIGINT, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { WarehouseSession } from './warehouse-session.ts';
import { forecastErrors, type ForecastActual, type HorizonError } from './backtest/forecast-errors.ts';
import { periodStart } from './series/queue-series.ts';
import type { QueueMatch } from './series/queues.ts';
import { valueListConditions } from '../warehouse/metrics/filter.ts';
import { countArrivals, latestArrival } from './series/warehouse-series.ts';

export interface ForecastAccuracy {
  runId: number;
  queueId: string;
  model: string;
  generatedAt: number;
  /** The forecast origin. */
  historyEnd: number;
  intervalMinutes: number;
  byDay: HorizonError[];
  total: HorizonError;
}

export interface ForecastVsActualOptions {
  db: WarehouseSession;
  /** One run; default the latest `runs` runs. */
  runId?: number;
  runs?: number;
  queues?: readonly string[];
  /** Arrivals are complete before this instant; default the start of the period of the latest ticket. */
  asOf?: number;
}

const STORED_QUEUES = `
  WITH runs AS (
    SELECT run_id FROM forecast_runs
    WHERE source = 'warehouse' AND ($run_id IS NULL OR run_id = $run_id)
    ORDER BY run_id DESC
    LIMIT $runs
  )
  SELECT q.run_id, q.queue_id, q.model, epoch_ms(r.generated_at), epoch_ms(q.history_end), r.interval_minutes,
         CAST(q.queue_match AS VARCHAR), q.timezone
  FROM forecast_queues q
  JOIN forecast_runs r USING (run_id)
  WHERE q.run_id IN (SELECT run_id FROM runs)
    AND ${valueListConditions([['queues', 'q.queue_id']])}
  ORDER BY q.run_id DESC, q.queue_id`;

const STORED_INTERVALS = `
  SELECT epoch_ms(start_at), p10, p50, p90
  FROM forecast_intervals
  WHERE run_id = $run_id AND queue_id = $queue_id AND start_at + to_minutes(minutes) <= to_timestamp($as_of_ms::DOUBLE / 1000)
  ORDER BY start_at`;

export async function forecastVsActual(o: ForecastVsActualOptions): Promise<ForecastAccuracy[]> {
  const db = o.db.db;
  const latest = o.asOf ?? (await latestArrival(db));
  if (latest === null) return [];
  const stored = await db.runAndReadAll(STORED_QUEUES,
    { run_id: o.runId ?? null, runs: o.runs ?? 10, queues: o.queues ? listValue([...o.queues]) : null },
    { run_id: BIGINT, runs: BIGINT, queues: LIST(VARCHAR) });
  const out: ForecastAccuracy[] = [];
  for (const [runId, queueId, model, generatedAt, historyEnd, minutes, match, zone] of stored.getRows()) {
    const intervalMinutes = Number(minutes);
    // Arrivals count only for periods that ended before the latest complete period.
    const asOf = o.asOf ?? periodStart(latest, intervalMinutes, String(zone));
    const intervals = await db.runAndReadAll(STORED_INTERVALS,
      { run_id: BigInt(Number(runId)), queue_id: String(queueId), as_of_ms: asOf }, { run_id: BIGINT, queue_id: VARCHAR });
    const rows = intervals.getRows().map(([start, p10, p50, p90]) => ({ start: Number(start), p10: Number(p10), p50: Number(p50), p90: Number(p90) }));
    if (rows.length === 0) continue;
    const from = rows[0]!.start;
    const counts = await countArrivals(db, JSON.parse(String(match)) as QueueMatch, String(zone), intervalMinutes, from, asOf);
    const compared: ForecastActual[] = rows.map((r) => ({ ...r, actual: counts.get(r.start) ?? 0 }));
    const { byDay, total } = forecastErrors(compared, Number(historyEnd));
    out.push({
      runId: Number(runId), queueId: String(queueId), model: String(model), generatedAt: Number(generatedAt),
      historyEnd: Number(historyEnd), intervalMinutes, byDay, total,
    });
  }
  return out;
}
