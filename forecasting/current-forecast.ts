// The forecast a planner screen or an apply works from: the newest stored run that already covers
// the asked queues, interval and horizon from today's data (same match, same origin), else a new
// forecast, made now and stored unless the caller only reads. Either way the caller gets it in the
// stored shape, so views agree.
import { BIGINT, VARCHAR } from '@duckdb/node-api';
import { bilingualRangeError } from './bilingual-error.ts';
import { forecastQueues, type ForecastConfigView, type ForecastQueuesOptions, type ForecastQueuesResult, type SkippedQueue } from './forecast.ts';
import { parseHorizon, parseInterval } from './series/interval.ts';
import { periodStart } from './series/queue-series.ts';
import { queueFromSpec, type DispatchQueues, type QueueDefinition, type QueueMatch } from './series/queues.ts';
import { latestArrival, NO_TICKETS } from './series/warehouse-series.ts';
import { readStoredForecast, type StoredQueueForecast, type StoredScore } from './staffing/stored-forecast.ts';
import type { WarehouseSession } from './warehouse-session.ts';

export interface CurrentForecastOptions {
  session: WarehouseSession;
  config: ForecastConfigView;
  dispatch: DispatchQueues;
  /** Queue ids or specs (team:ID, channel:NAME, ...); default every dispatch-rule queue. */
  queues?: readonly string[];
  /** Default 14d. */
  horizon?: string;
  /** Default 60m. */
  interval?: string | number;
  /** Use this stored run (its queues among the asked ones), whatever its age. */
  runId?: number;
  /** Forecast anew even when a stored run fits. */
  refresh?: boolean;
  /** Keep a new forecast as a run (default true); reads pass false and get runId null. */
  store?: boolean;
  serializeWrite?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Fits a queue's models: default on this thread (the CLI); the server's runs on its worker pool. */
  fit?: ForecastQueuesOptions['fit'];
  now?: number;
}

export interface CurrentForecast {
  /** null when no queue could be forecast (see skipped). */
  runId: number | null;
  generatedAt: number;
  intervalMinutes: number;
  horizon: string;
  /** True when a stored run was reused, false when it was forecast now. */
  reused: boolean;
  queues: StoredQueueForecast[];
  skipped: SkippedQueue[];
}

/** Newest runs looked at for reuse. */
const REUSE_CANDIDATES = 20;

/** Same match whatever the key order. */
function sameMatch(a: QueueMatch, b: QueueMatch): boolean {
  const canonical = (m: QueueMatch) => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k as keyof QueueMatch]]));
  return canonical(a) === canonical(b);
}

/** The newest stored run with every queue forecast from the current origin with its current match. */
export async function findReusableRun(session: WarehouseSession, queues: readonly QueueDefinition[], intervalMinutes: number,
  horizon: string, latest: number): Promise<number | null> {
  const runs = await session.db.runAndReadAll(`
    SELECT run_id FROM forecast_runs
    WHERE source = 'warehouse' AND interval_minutes = $minutes AND horizon = $horizon
    ORDER BY run_id DESC
    LIMIT $limit`, { minutes: intervalMinutes, horizon, limit: REUSE_CANDIDATES }, { minutes: BIGINT, horizon: VARCHAR, limit: BIGINT });
  for (const [run] of runs.getRows()) {
    const rows = await session.db.runAndReadAll(`
      SELECT queue_id, CAST(queue_match AS VARCHAR), timezone, epoch_ms(history_end)
      FROM forecast_queues WHERE run_id = $run`, { run: BigInt(Number(run)) }, { run: BIGINT });
    const stored = new Map(rows.getRows().map(([id, match, zone, end]) => [String(id), {
      match: JSON.parse(String(match)) as QueueMatch, zone: String(zone), historyEnd: Number(end),
    }]));
    const fits = queues.every((q) => {
      const s = stored.get(q.id);
      return s !== undefined && sameMatch(s.match, q.match) && s.historyEnd === periodStart(latest, intervalMinutes, s.zone);
    });
    if (fits) return Number(run);
  }
  return null;
}

function pick(queues: readonly StoredQueueForecast[], wanted: readonly QueueDefinition[]): StoredQueueForecast[] {
  return wanted.flatMap((q) => queues.filter((s) => s.queueId === q.id));
}

export async function currentForecast(o: CurrentForecastOptions): Promise<CurrentForecast> {
  const horizon = o.horizon ?? '14d';
  parseHorizon(horizon);
  const intervalMinutes = typeof o.interval === 'number' ? o.interval : parseInterval(o.interval ?? '60m');
  const wanted = (o.queues && o.queues.length > 0 ? o.queues : o.dispatch.queues.map((q) => q.id)).map((spec) => queueFromSpec(spec, o.dispatch));

  if (o.runId !== undefined) {
    const stored = await readStoredForecast(o.session, o.runId);
    if (!stored) {
      throw bilingualRangeError({
        en: `forecast run ${o.runId} is not stored: list runs with GET /api/forecast/accuracy or forecast anew`,
        zh: `未保存第 ${o.runId} 次预测：可用 GET /api/forecast/accuracy 列出各次预测，或重新预测`,
      });
    }
    const queues = o.queues && o.queues.length > 0 ? pick(stored.queues, wanted) : stored.queues;
    const notInRun = { en: `not in run ${o.runId}`, zh: `不在第 ${o.runId} 次预测中` };
    return { ...stored, reused: true, queues, skipped: wanted.filter((q) => !queues.some((s) => s.queueId === q.id)).map((q) => ({ queue: q.id, reason: notInRun.en, reasons: notInRun })) };
  }

  const latest = await latestArrival(o.session.db);
  if (latest === null) throw bilingualRangeError(NO_TICKETS);
  if (!o.refresh) {
    const runId = await findReusableRun(o.session, wanted, intervalMinutes, horizon, latest);
    const stored = runId === null ? null : await readStoredForecast(o.session, runId);
    if (stored) return { ...stored, reused: true, queues: pick(stored.queues, wanted), skipped: [] };
  }
  const result = await forecastQueues({
    db: o.session, config: o.config, dispatch: o.dispatch, queues: wanted.map((q) => q.id), horizon, interval: intervalMinutes, store: o.store ?? true,
    ...(o.serializeWrite ? { serializeWrite: o.serializeWrite } : {}), ...(o.fit ? { fit: o.fit } : {}), ...(o.now !== undefined ? { generatedAt: o.now } : {}),
  });
  return { runId: result.runId, generatedAt: result.generatedAt, intervalMinutes, horizon, reused: false, queues: asStoredQueues(result), skipped: result.skipped };
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** A fresh result in the shape a stored run is read back in (NaN scores as null). */
export function asStoredQueues(result: ForecastQueuesResult): StoredQueueForecast[] {
  return result.queues.map(({ queue, forecast: f }) => ({
    queueId: queue.id, name: queue.name, match: queue.match, zone: f.zone, model: f.model, explanation: f.explanation,
    scores: f.scores.map((s): StoredScore => ({ model: s.model, mase: orNull(s.mase), wape: orNull(s.wape), eventMase: orNull(s.eventMase), coverage: orNull(s.coverage), periods: s.periods, note: s.note, ...(s.members ? { members: s.members } : {}) })),
    historyStart: f.historyStart, historyEnd: f.historyEnd, intervals: f.intervals,
  }));
}

