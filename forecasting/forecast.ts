// Forecasts arrivals per queue from the warehouse: builds each queue's series (zone and open hours
// from its team calendar), backtests and chooses a model, forecasts with p10/p50/p90, finds the
// peaks, and stores the run so forecast-vs-actual can be computed later.
import type { WarehouseSession } from './warehouse-session.ts';
import { evaluateHoldout, type HoldoutScore } from './backtest/holdout.ts';
import { forecastSeries, type ForecastInterval, type ForecastSeriesOptions, type SeriesForecast } from './forecast-series.ts';
import { loadDispatchQueues } from './forecast-config.ts';
import { storeForecastRun } from './forecast-store.ts';
import type { SingleModelName } from './models/model.ts';
import { findPeaks, type Peaks } from './peaks.ts';
import { intervalLabel, parseHorizon, parseInterval, WAREHOUSE_INTERVALS } from './series/interval.ts';
import { calendarOpenPeriods, holidayPeriods, periodStart, queueSeries, type KnownOpenIntervals } from './series/queue-series.ts';
import { queueFromSpec, type DispatchQueues, type QueueDefinition } from './series/queues.ts';
import type { Series } from './series/series.ts';
import { allHolidays, countArrivals, latestArrival, openIntervals, queueCalendar } from './series/warehouse-series.ts';
import { localMidnight, offsetLookup } from './series/zone-offsets.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** The parts of the DeskPulse config (config/deskpulse.yaml) the forecaster reads. */
export interface ForecastConfigView {
  timezone: string;
  default_calendar?: string | null;
  promotions?: readonly { date: string | Date; name?: string }[];
  /** Path of the dispatch rules (absolute, or relative to the working directory). */
  dispatch_rules?: string;
}

export interface ForecastQueuesOptions {
  db: WarehouseSession;
  config: ForecastConfigView;
  /** Queues of the dispatch rules (readDispatchQueues); default: read from config.dispatch_rules. */
  dispatch?: DispatchQueues;
  /** Queue ids or specs (team:ID, channel:NAME, ...); default every dispatch-rule queue. */
  queues?: readonly string[];
  /** e.g. "14d" (default). */
  horizon?: string;
  /** "15m", "30m", "60m" (default) or "daily", or minutes. */
  interval?: string | number;
  /** Hold out the last N days: forecast them from before and score every model on them. */
  holdout?: number;
  /** History end (exclusive, epoch ms); default the start of the period holding the latest ticket. */
  until?: number;
  /** Days of history read (default 400: a year and last year's promotion days). */
  historyDays?: number;
  /** Store the run (default: yes, unless holding out). */
  store?: boolean;
  generatedAt?: number;
  models?: readonly SingleModelName[];
  /** Runs the store (the only write) in turn with other writers, e.g. the server's write queue. */
  serializeWrite?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface QueueForecast {
  queue: QueueDefinition;
  forecast: SeriesForecast;
  peaks: Peaks<ForecastInterval>;
  /** With --holdout: every model's error on the held-out days. */
  holdout?: { scores: HoldoutScore[]; chosen: HoldoutScore; baseline: HoldoutScore; intervalBaseline: { coverage: number; pinball: number } };
}

export interface ForecastQueuesResult {
  runId: number | null;
  generatedAt: number;
  intervalMinutes: number;
  horizon: string;
  queues: QueueForecast[];
  /** Queues that could not be forecast, and why. */
  skipped: { queue: string; reason: string }[];
}

function promotionDates(config: ForecastConfigView): string[] {
  return (config.promotions ?? []).map((p) => (p.date instanceof Date ? p.date.toISOString() : String(p.date)).slice(0, 10));
}

interface QueueInputs { series: Series; options: ForecastSeriesOptions }

async function queueInputs(o: ForecastQueuesOptions & { dispatch: DispatchQueues }, queue: QueueDefinition, intervalMinutes: number,
  horizon: { days: number; hours: number }, latest: number, publicHolidays: readonly string[]): Promise<QueueInputs | string> {
  const db = o.db.db;
  const calendar = await queueCalendar(db, queue.team, o.config.default_calendar ?? null);
  const zone = calendar?.zone ?? o.dispatch.timezone ?? o.config.timezone;
  const offset = offsetLookup(zone);
  const to = o.until !== undefined ? periodStart(o.until, intervalMinutes, zone) : periodStart(latest, intervalMinutes, zone);
  const historyDays = o.historyDays ?? 400;
  const firstDay = Math.floor((to + offset(to) * MINUTE) / DAY) - historyDays;
  const counts = await countArrivals(db, queue.match, zone, intervalMinutes, localMidnight(firstDay, offset), to);
  if (counts.size === 0) return 'no arrivals in the history';
  // The series starts on the local day of the queue's first arrival.
  const first = [...counts.keys()].reduce((a, b) => Math.min(a, b));
  const from = localMidnight(Math.floor((first + offset(first) * MINUTE) / DAY), offset);
  const horizonEnd = to + (horizon.days + 2) * DAY + horizon.hours * 3_600_000;
  const known: KnownOpenIntervals | null = calendar ? await openIntervals(db, calendar.calendarId, from, horizonEnd) : null;
  const holidays = calendar?.holidays ?? [];
  const series = queueSeries({ name: queue.id, zone, intervalMinutes, from, to, counts, calendar: known, holidays });
  const options: ForecastSeriesOptions = {
    horizon,
    events: { holidays: publicHolidays, promotions: promotionDates(o.config) },
    calendarOpen: (times) => calendarOpenPeriods(times, intervalMinutes, zone, known).map((c) => c === true),
    knownClosed: (times) => holidayPeriods(times, zone, holidays, calendarOpenPeriods(times, intervalMinutes, zone, known)),
    ...(o.models ? { models: o.models } : {}),
  };
  return { series, options };
}

export async function forecastQueues(options: ForecastQueuesOptions): Promise<ForecastQueuesResult> {
  const dispatch = options.dispatch ?? (options.config.dispatch_rules !== undefined ? loadDispatchQueues(options.config.dispatch_rules) : null);
  if (!dispatch) throw new Error('no dispatch rules: pass the queues (dispatch) or set dispatch_rules in the config');
  const o = { ...options, dispatch };
  const horizonText = o.horizon ?? '14d';
  const horizon = parseHorizon(horizonText);
  const intervalMinutes = typeof o.interval === 'number' ? o.interval : parseInterval(o.interval ?? '60m');
  if (!(WAREHOUSE_INTERVALS as readonly number[]).includes(intervalMinutes)) {
    throw new Error(`interval ${intervalLabel(intervalMinutes)} is not counted from the warehouse: use 15m, 30m, 60m or daily`);
  }
  const queues = (o.queues && o.queues.length > 0 ? o.queues : o.dispatch.queues.map((q) => q.id))
    .map((spec) => queueFromSpec(spec, o.dispatch));
  if (queues.length === 0) throw new Error('no queues to forecast: the dispatch rules define none; name one with --queue (e.g. channel:phone)');
  const latest = await latestArrival(o.db.db);
  if (latest === null) throw new Error('the warehouse has no tickets yet: ingest events first (deskpulse ingest ...)');
  const generatedAt = o.generatedAt ?? Date.now();
  const publicHolidays = await allHolidays(o.db.db);

  const results: QueueForecast[] = [];
  const skipped: { queue: string; reason: string }[] = [];
  for (const queue of queues) {
    const inputs = await queueInputs(o, queue, intervalMinutes, horizon, latest, publicHolidays);
    if (typeof inputs === 'string') { skipped.push({ queue: queue.id, reason: inputs }); continue; }
    try {
      if (o.holdout !== undefined) {
        const evaluation = evaluateHoldout(inputs.series, o.holdout, inputs.options);
        results.push({
          queue, forecast: evaluation.forecast, peaks: findPeaks(evaluation.forecast.intervals),
          holdout: { scores: evaluation.scores, chosen: evaluation.chosen, baseline: evaluation.baseline, intervalBaseline: evaluation.intervalBaseline },
        });
      } else {
        const forecast = forecastSeries(inputs.series, inputs.options);
        results.push({ queue, forecast, peaks: findPeaks(forecast.intervals) });
      }
    } catch (err) {
      skipped.push({ queue: queue.id, reason: (err as Error).message });
    }
  }
  const store = o.store ?? o.holdout === undefined;
  const write = () => storeForecastRun(o.db, {
    generatedAt, source: 'warehouse', intervalMinutes, horizon: horizonText,
    options: { queues: queues.map((q) => q.id), ...(o.holdout !== undefined ? { holdout: o.holdout } : {}), models: o.models ?? 'all' },
  }, results);
  const runId = store && results.length > 0 ? await (o.serializeWrite ? o.serializeWrite(write) : write()) : null;
  return { runId, generatedAt, intervalMinutes, horizon: horizonText, queues: results, skipped };
}
