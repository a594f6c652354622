// What a planner sees of a forecast: per queue the model chosen and why, every model's backtest
// scores, the peaks, and one table of recent history (actual arrivals) followed by p10/p50/p90.
import { modelChoice, type ModelChoice } from './backtest/choose-model.ts';
import type { CurrentForecast } from './current-forecast.ts';
import type { SkippedQueue } from './forecast.ts';
import { findPeaks } from './peaks.ts';
import { DAILY_MINUTES, intervalLabel } from './series/interval.ts';
import { periodGrid } from './series/queue-series.ts';
import { countArrivals } from './series/warehouse-series.ts';
import type { StoredScore } from './staffing/stored-forecast.ts';
import { forecastTable, type HistoryPoint } from './tables/forecast-table.ts';
import { isoAt } from '../warehouse/calendar/zoned-iso.ts';
import type { WarehouseSession } from './warehouse-session.ts';
import type { MetricTable } from '../warehouse/metrics/table.ts';

const DAY = 86_400_000;

export interface PeakView { start: string; p10: number; p50: number; p90: number }

export interface QueueForecastView {
  queue: string;
  name: string;
  zone: string;
  model: string;
  /** Why this model: its backtest score beside the others' (English, as the CLI prints it). */
  explanation: string;
  /** The same as codes and figures, for a page to word in its language. */
  choice: ModelChoice;
  historyStart: string;
  /** The forecast origin. */
  historyEnd: string;
  scores: StoredScore[];
  /** The five highest intervals by p50. */
  peaks: PeakView[];
}

export interface ForecastView {
  runId: number | null;
  generatedAt: string;
  interval: string;
  horizon: string;
  /** True when a stored run from today's data was reused rather than forecast anew. */
  reused: boolean;
  queues: QueueForecastView[];
  skipped: SkippedQueue[];
  /** History then forecast, one row per queue and period. */
  table: MetricTable;
}

/** Days of history shown before the forecast: four weeks of intraday periods, thirteen of days. */
export function defaultHistoryDays(intervalMinutes: number): number {
  return intervalMinutes >= DAILY_MINUTES ? 91 : 28;
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function forecastView(session: WarehouseSession, f: CurrentForecast, historyDays = defaultHistoryDays(f.intervalMinutes)): Promise<ForecastView> {
  const history = new Map<string, HistoryPoint[]>();
  for (const q of f.queues) {
    const from = Math.max(q.historyStart, q.historyEnd - historyDays * DAY);
    const counts = await countArrivals(session.db, q.match, q.zone, f.intervalMinutes, from, q.historyEnd);
    // Every period, so a chart shows quiet hours as zero rather than joining across them.
    history.set(q.queueId, periodGrid(from, q.historyEnd, f.intervalMinutes, q.zone).map((start) => ({ start, actual: counts.get(start) ?? 0 })));
  }
  return {
    runId: f.runId,
    generatedAt: new Date(f.generatedAt).toISOString(),
    interval: intervalLabel(f.intervalMinutes),
    horizon: f.horizon,
    reused: f.reused,
    queues: f.queues.map((q) => ({
      queue: q.queueId, name: q.name, zone: q.zone, model: q.model, explanation: q.explanation, choice: modelChoice(q.model, q.scores),
      historyStart: isoAt(q.historyStart, q.zone), historyEnd: isoAt(q.historyEnd, q.zone), scores: q.scores,
      peaks: findPeaks(q.intervals.map((i) => ({ start: Number(i.start), p10: i.p10 ?? i.p50, p50: i.p50, p90: i.p90 })))
        .top.map((p) => ({ start: isoAt(p.start, q.zone), p10: round(p.p10), p50: round(p.p50), p90: round(p.p90) })),
    })),
    skipped: f.skipped,
    table: forecastTable(f, history),
  };
}
