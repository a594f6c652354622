// Reads a stored forecast run (migration 0004, written by the forecaster) as staffing input:
// per queue its match, zone, model, why that model, backtest scores and every open future interval.
import type { WarehouseSession } from '../warehouse-session.ts';
import type { CombinationMembers } from '../backtest/rolling-origin.ts';
import { storedNote, type ModelNote } from '../models/model-note.ts';
import type { QueueMatch } from '../series/queues.ts';
import type { QueueForecastInput } from './recommend.ts';

/** A backtest score as stored: NaN (nothing to score) is kept as null. */
export interface StoredScore {
  model: string;
  /** MASE and WAPE on ordinary days (runs stored before event days were scored apart: on every day). */
  mase: number | null;
  wape: number | null;
  /** MASE on holidays, promotion days and the days around them (null: none scored, or a run stored before it was kept). */
  eventMase: number | null;
  coverage: number | null;
  periods: number;
  /** What the model fitted (null: nothing, or a run stored before notes had ids: its English sentence is not shown). */
  note: ModelNote | null;
  /** The combination's members per kind of day (runs stored before they were kept have none). */
  members?: CombinationMembers;
}

export interface StoredQueueForecast extends QueueForecastInput {
  name: string;
  match: QueueMatch;
  explanation: string;
  scores: StoredScore[];
  historyStart: number;
  /** The forecast origin. */
  historyEnd: number;
}

export interface StoredForecast {
  runId: number;
  generatedAt: number;
  intervalMinutes: number;
  horizon: string;
  queues: StoredQueueForecast[];
}

/** The run `runId`, else the latest warehouse run; null when none is stored. */
export async function readStoredForecast(warehouse: WarehouseSession, runId?: number): Promise<StoredForecast | null> {
  const db = warehouse.db;
  const runs = await db.runAndReadAll(`
    SELECT run_id, epoch_ms(generated_at), interval_minutes, horizon
    FROM forecast_runs
    WHERE source = 'warehouse' AND ($run_id IS NULL OR run_id = $run_id)
    ORDER BY run_id DESC
    LIMIT 1`, { run_id: runId ?? null });
  const run = runs.getRows()[0];
  if (!run) return null;
  const id = Number(run[0]);
  const queues = await db.runAndReadAll(`
    SELECT queue_id, queue_name, CAST(queue_match AS VARCHAR), timezone, model, explanation, CAST(scores AS VARCHAR),
           epoch_ms(history_start), epoch_ms(history_end)
    FROM forecast_queues WHERE run_id = $run ORDER BY queue_id`, { run: id });
  const intervals = await db.runAndReadAll(`
    SELECT queue_id, epoch_ms(start_at), minutes, p10, p50, p90, in_calendar_hours
    FROM forecast_intervals WHERE run_id = $run ORDER BY queue_id, start_at`, { run: id });
  const byQueue = new Map<string, QueueForecastInput['intervals'][number][]>();
  for (const [queue, start, minutes, p10, p50, p90, inHours] of intervals.getRows()) {
    const list = byQueue.get(String(queue)) ?? [];
    list.push({
      start: Number(start), minutes: Number(minutes), p10: Number(p10), p50: Number(p50), p90: Number(p90),
      ...(inHours === null ? {} : { inCalendarHours: Boolean(inHours) }),
    });
    byQueue.set(String(queue), list);
  }
  return {
    runId: id,
    generatedAt: Number(run[1]),
    intervalMinutes: Number(run[2]),
    horizon: String(run[3]),
    queues: queues.getRows().map(([queue, name, match, zone, model, explanation, scores, historyStart, historyEnd]) => ({
      queueId: String(queue), name: name === null ? String(queue) : String(name), match: JSON.parse(String(match)) as QueueMatch,
      zone: String(zone), model: String(model), explanation: String(explanation), scores: (JSON.parse(String(scores)) as StoredScore[]).map((s) => ({ ...s, eventMase: s.eventMase ?? null, note: storedNote(s.note) })),
      historyStart: Number(historyStart), historyEnd: Number(historyEnd), intervals: byQueue.get(String(queue)) ?? [],
    })),
  };
}
