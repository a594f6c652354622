// Keeps every generated forecast in the warehouse (run, queue, model, intervals; migration 0004)
// so forecast-vs-actual can be computed once the arrivals are in.
import { BOOLEAN, DOUBLE, LIST, listValue } from '@duckdb/node-api';
import type { WarehouseSession } from './warehouse-session.ts';
import type { SeriesForecast } from './forecast-series.ts';
import type { QueueDefinition } from './series/queues.ts';

export interface StoredRun {
  generatedAt: number;
  source: string;
  intervalMinutes: number;
  horizon: string;
  options: Record<string, unknown>;
}

const nullIfNaN = (x: number) => (Number.isFinite(x) ? x : null);

/** Writes one run with its queues and intervals in one transaction; returns the run id. */
export async function storeForecastRun(warehouse: WarehouseSession, run: StoredRun,
  queues: readonly { queue: QueueDefinition; forecast: SeriesForecast }[]): Promise<number> {
  return warehouse.transaction(async (db) => {
    const inserted = await db.runAndReadAll(`
      INSERT INTO forecast_runs (generated_at, source, interval_minutes, horizon, options)
      VALUES (to_timestamp($generated_ms::DOUBLE / 1000), $source, $interval, $horizon, $options::JSON)
      RETURNING run_id`,
    { generated_ms: run.generatedAt, source: run.source, interval: run.intervalMinutes, horizon: run.horizon, options: JSON.stringify(run.options) });
    const runId = Number(inserted.getRows()[0]![0]);
    for (const { queue, forecast } of queues) {
      await db.run(`
        INSERT INTO forecast_queues (run_id, queue_id, queue_name, queue_match, timezone, model, explanation,
          history_start, history_end, scores)
        VALUES ($run, $queue, $name, $match::JSON, $zone, $model, $explanation,
          to_timestamp($start_ms::DOUBLE / 1000), to_timestamp($end_ms::DOUBLE / 1000), $scores::JSON)`, {
        run: runId, queue: queue.id, name: queue.name, match: JSON.stringify(queue.match), zone: forecast.zone,
        model: forecast.model, explanation: forecast.explanation, start_ms: forecast.historyStart, end_ms: forecast.historyEnd,
        scores: JSON.stringify(forecast.scores.map((s) => ({ ...s, mase: nullIfNaN(s.mase), wape: nullIfNaN(s.wape), eventMase: nullIfNaN(s.eventMase), coverage: nullIfNaN(s.coverage) }))),
      });
      const rows = forecast.intervals;
      if (rows.length === 0) continue;
      const list = (pick: (r: (typeof rows)[number]) => number) => listValue(rows.map(pick));
      // One set-based insert per queue: the parallel lists are unnested side by side.
      await db.run(`
        INSERT INTO forecast_intervals (run_id, queue_id, start_at, minutes, p10, p50, p90, in_calendar_hours)
        SELECT $run, $queue, to_timestamp(unnest($starts) / 1000), $minutes, unnest($p10), unnest($p50), unnest($p90), unnest($in_hours)`, {
        run: runId, queue: queue.id, minutes: forecast.intervalMinutes,
        starts: list((r) => r.start), p10: list((r) => r.p10), p50: list((r) => r.p50), p90: list((r) => r.p90),
        in_hours: listValue(rows.map((r) => r.inCalendarHours ?? null)),
      }, { starts: LIST(DOUBLE), p10: LIST(DOUBLE), p50: LIST(DOUBLE), p90: LIST(DOUBLE), in_hours: LIST(BOOLEAN) });
    }
    return runId;
  });
}
