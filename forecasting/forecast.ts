// Forecasts arrivals per queue from the warehouse: builds each queue's series (zone and open hours
// from its team calendar), backtests and chooses a model, forecasts with p10/p50/p90, finds the
// peaks, and stores the run so forecast-vs-actual can be computed later.
import type { WarehouseSession } from './warehouse-session.ts';
import { evaluateHoldout, type HoldoutEvaluation } from './backtest/holdout.ts';
import { forecastSeries, type ForecastInterval, type ForecastSeriesOptions, type SeriesForecast } from './forecast-series.ts';
import type { CalendarEvents } from './models/calendar-features.ts';
import { loadDispatchQueues } from './forecast-config.ts';
import { storeForecastRun } from './forecast-store.ts';
import type { SingleModelName } from './models/model.ts';
import { findPeaks, type Peaks } from './peaks.ts';
import { BilingualError, messagesOf, type InBothLanguages } from './bilingual-error.ts';
import { intervalLabel, parseHorizon, parseInterval, WAREHOUSE_INTERVALS } from './series/interval.ts';
import { calendarOpenPeriods, holidayPeriods, periodStart, queueSeries, type KnownOpenIntervals } from './series/queue-series.ts';
import { queueFromSpec, type DispatchQueues, type QueueDefinition } from './series/queues.ts';
import type { Series } from './series/series.ts';
import { allHolidays, countArrivals, latestArrival, NO_TICKETS, openIntervals, queueCalendar } from './series/warehouse-series.ts';
import { localMidnight, offsetLookup } from '../warehouse/calendar/zone-offsets.ts';

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
  /** Queues of the dispatch rules (loadDispatchQueues); default: read from config.dispatch_rules. */
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
  /** Fits a queue's models (default here, on this thread; the server passes its worker pool's). */
  fit?: (input: QueueFitInput) => Promise<SeriesForecast>;
}

export interface QueueForecast {
  queue: QueueDefinition;
  forecast: SeriesForecast;
  peaks: Peaks<ForecastInterval>;
  /** With --holdout: every model's error on the held-out days. */
  holdout?: Omit<HoldoutEvaluation, 'forecast'>;
}

export interface ForecastQueuesResult {
  runId: number | null;
  generatedAt: number;
  intervalMinutes: number;
  horizon: string;
  queues: QueueForecast[];
  /** Queues that could not be forecast, and why. */
  skipped: SkippedQueue[];
}

/** A queue that could not be forecast: why, in English (`reason`, as the API always said) and in both languages. */
export interface SkippedQueue { queue: string; reason: string; reasons: InBothLanguages }

function skippedQueue(queue: string, reasons: InBothLanguages): SkippedQueue {
  return { queue, reason: reasons.en, reasons };
}

function promotionDates(config: ForecastConfigView): string[] {
  return (config.promotions ?? []).map((p) => (p.date instanceof Date ? p.date.toISOString() : String(p.date)).slice(0, 10));
}

/**
 * What fitting a queue's models takes, as plain data (no functions), so the fit can run on a worker
 * thread: the series, and the calendar the forecast options are rebuilt from (fitOptions).
 */
export interface QueueFitInput {
  series: Series;
  horizon: { days: number; hours: number };
  events: CalendarEvents;
  known: KnownOpenIntervals | null;
  /** The calendar's holidays, local "YYYY-MM-DD". */
  holidays: readonly string[];
  models?: readonly SingleModelName[];
}

/** The forecast options of a fit input: its calendar's open and known-closed periods as functions of the future times. */
export function fitOptions(input: QueueFitInput): ForecastSeriesOptions {
  const { intervalMinutes, zone } = input.series;
  return {
    horizon: input.horizon,
    events: input.events,
    calendarOpen: (times) => calendarOpenPeriods(times, intervalMinutes, zone, input.known).map((c) => c === true),
    knownClosed: (times) => holidayPeriods(times, zone, input.holidays, calendarOpenPeriods(times, intervalMinutes, zone, input.known)),
    ...(input.models ? { models: input.models } : {}),
  };
}

/** A queue's forecast: every model backtested, the best (or their combination) chosen, p10/p50/p90 ahead. CPU-bound, pure. */
export function fitQueue(input: QueueFitInput): SeriesForecast {
  return forecastSeries(input.series, fitOptions(input));
}

async function queueInputs(o: ForecastQueuesOptions & { dispatch: DispatchQueues }, queue: QueueDefinition, intervalMinutes: number,
  horizon: { days: number; hours: number }, latest: number, publicHolidays: readonly string[]): Promise<QueueFitInput | InBothLanguages> {
  const db = o.db.db;
  const calendar = await queueCalendar(db, queue.team, o.config.default_calendar ?? null);
  const zone = calendar?.zone ?? o.dispatch.timezone ?? o.config.timezone;
  const offset = offsetLookup(zone);
  const to = o.until !== undefined ? periodStart(o.until, intervalMinutes, zone) : periodStart(latest, intervalMinutes, zone);
  const historyDays = o.historyDays ?? 400;
  const firstDay = Math.floor((to + offset(to) * MINUTE) / DAY) - historyDays;
  const counts = await countArrivals(db, queue.match, zone, intervalMinutes, localMidnight(firstDay, offset), to);
  if (counts.size === 0) return { en: 'no arrivals in the history', zh: '历史中没有进线' };
  // The series starts on the local day of the queue's first arrival.
  const first = [...counts.keys()].reduce((a, b) => Math.min(a, b));
  const from = localMidnight(Math.floor((first + offset(first) * MINUTE) / DAY), offset);
  const horizonEnd = to + (horizon.days + 2) * DAY + horizon.hours * 3_600_000;
  const known: KnownOpenIntervals | null = calendar ? await openIntervals(db, calendar.calendarId, from, horizonEnd) : null;
  const holidays = calendar?.holidays ?? [];
  const series = queueSeries({ name: queue.id, zone, intervalMinutes, from, to, counts, calendar: known, holidays });
  return {
    series, horizon, events: { holidays: publicHolidays, promotions: promotionDates(o.config) }, known, holidays,
    ...(o.models ? { models: o.models } : {}),
  };
}

export async function forecastQueues(options: ForecastQueuesOptions): Promise<ForecastQueuesResult> {
  const dispatch = options.dispatch ?? (options.config.dispatch_rules !== undefined ? loadDispatchQueues(options.config.dispatch_rules) : null);
  if (!dispatch) {
    throw new BilingualError({
      en: 'no dispatch rules: pass the queues (dispatch) or set dispatch_rules in the config', zh: '没有分派规则：请在配置中设置 dispatch_rules',
    });
  }
  const o = { ...options, dispatch };
  const horizonText = o.horizon ?? '14d';
  const horizon = parseHorizon(horizonText);
  const intervalMinutes = typeof o.interval === 'number' ? o.interval : parseInterval(o.interval ?? '60m');
  if (!(WAREHOUSE_INTERVALS as readonly number[]).includes(intervalMinutes)) {
    throw new BilingualError({
      en: `interval ${intervalLabel(intervalMinutes)} is not counted from the warehouse: use 15m, 30m, 60m or daily`,
      zh: `仓库不按 ${intervalLabel(intervalMinutes)} 统计进线：请用 15m、30m、60m 或 daily（按天）`,
    });
  }
  const queues = (o.queues && o.queues.length > 0 ? o.queues : o.dispatch.queues.map((q) => q.id))
    .map((spec) => queueFromSpec(spec, o.dispatch));
  if (queues.length === 0) {
    throw new BilingualError({
      en: 'no queues to forecast: the dispatch rules define none; name one with --queue (e.g. channel:phone)',
      zh: '没有可预测的队列：分派规则中一个也没有定义；请用 --queue 指定（例如 channel:phone）',
    });
  }
  const latest = await latestArrival(o.db.db);
  if (latest === null) throw new BilingualError(NO_TICKETS);
  const generatedAt = o.generatedAt ?? Date.now();
  const publicHolidays = await allHolidays(o.db.db);

  const fit = o.fit ?? (async (input: QueueFitInput) => fitQueue(input));
  // Each queue's fit starts once its series is read, and the next queue's series is read meanwhile
  // (a worker pool's fits run beside the warehouse reads); results keep the queues' order.
  const fitted: Promise<QueueForecast | SkippedQueue>[] = [];
  for (const queue of queues) {
    const inputs = await queueInputs(o, queue, intervalMinutes, horizon, latest, publicHolidays);
    if ('en' in inputs) { fitted.push(Promise.resolve(skippedQueue(queue.id, inputs))); continue; }
    const fitOne = async (): Promise<QueueForecast> => {
      if (o.holdout === undefined) {
        const forecast = await fit(inputs);
        return { queue, forecast, peaks: findPeaks(forecast.intervals) };
      }
      const evaluation = evaluateHoldout(inputs.series, o.holdout, fitOptions(inputs));
      return {
        queue, forecast: evaluation.forecast, peaks: findPeaks(evaluation.forecast.intervals),
        holdout: { scores: evaluation.scores, chosen: evaluation.chosen, baseline: evaluation.baseline, intervalBaseline: evaluation.intervalBaseline, dailyLoss: evaluation.dailyLoss },
      };
    };
    const one = fitOne().catch((err: unknown) => skippedQueue(queue.id, messagesOf(err)));
    fitted.push(one);
  }
  const results: QueueForecast[] = [];
  const skipped: SkippedQueue[] = [];
  for (const r of await Promise.all(fitted)) {
    if ('forecast' in r) results.push(r); else skipped.push(r);
  }
  const store = o.store ?? o.holdout === undefined;
  const write = () => storeForecastRun(o.db, {
    generatedAt, source: 'warehouse', intervalMinutes, horizon: horizonText,
    options: { queues: queues.map((q) => q.id), ...(o.holdout !== undefined ? { holdout: o.holdout } : {}), models: o.models ?? 'all' },
  }, results);
  const runId = store && results.length > 0 ? await (o.serializeWrite ? o.serializeWrite(write) : write()) : null;
  return { runId, generatedAt, intervalMinutes, horizon: horizonText, queues: results, skipped };
}
