// GET /api/forecast (history + p10/p50/p90 + peaks + why this model + every model's backtest
// scores; reads only), POST /api/forecast/runs (keeps a forecast as a run) and GET
// /api/forecast/accuracy (kept forecasts against the arrivals that came); also the planning
// helpers the staffing and dispatch-rules routes share (config, session, forecast, bounds).
import { statSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { serverComputeRunner } from '../../../forecasting/compute/compute-pool.ts';
import { currentForecast, type CurrentForecast } from '../../../forecasting/current-forecast.ts';
import { loadDispatchRules, readForecastSettings, type ForecastSettings, type LoadedDispatchRules } from '../../../forecasting/forecast-config.ts';
import { queueNames } from '../../../forecasting/dispatch-rules/queue-names.ts';
import { defaultHistoryDays, forecastView, type ForecastView } from '../../../forecasting/forecast-view.ts';
import { forecastVsActual } from '../../../forecasting/forecast-vs-actual.ts';
import { DAILY_MINUTES, intervalLabel, parseHorizon, parseInterval } from '../../../forecasting/series/interval.ts';
import { queueFromSpec } from '../../../forecasting/series/queues.ts';
import { accuracyTable } from '../../../forecasting/tables/accuracy-table.ts';
import { sessionOn, type WarehouseSession } from '../../../forecasting/warehouse-session.ts';
import { resolveConfigPath } from '../../../warehouse/config.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import { endBudgetToWrite } from '../../../warehouse/query-budget.ts';
import type { AppContext } from '../app.ts';
import type { Role } from '../auth/request-principal.ts';
import { forecastCacheKey, forecastOutcome, noteForecastOutcome } from '../forecast-cache.ts';
import { FilterQueryProperties } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { ARROW_STREAM, sendTable } from '../tabular/send-table.ts';
import { isExportFormat } from '../tabular/export-encoders.ts';

/** Where the planning routes find the DeskPulse config (and through it the dispatch rules). */
export interface PlanningOptions {
  /** Default $DESKPULSE_CONFIG or ./config/deskpulse.yaml; read on every request, so edits apply at once. */
  configPath?: string;
}

/** Forecasts and staffing: readers who plan; planners may export them. */
export const PLANNING_ROLES: readonly Role[] = ['admin', 'manager', 'planner'];
/** Who may keep forecast runs and apply staffing: writers of the plan. */
export const PLAN_WRITERS: readonly Role[] = ['admin', 'planner'];

/**
 * Longest horizon over HTTP: a quarter, the longest plan staffing is made for. At 15 minutes that is
 * 8,832 periods per queue, forecast and staffed in a few seconds; 1000d overflowed the stack and
 * 100000d ran the server out of memory.
 */
export const MAX_HORIZON_DAYS = 92;
/** Longest history shown before a forecast at 15m-60m intervals (a daily one may show 400 days). */
export const MAX_INTRADAY_HISTORY_DAYS = 92;

export const ForecastQueryProperties = {
  queue: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 100, description: 'dispatch-rule queue id, or team:ID, channel:NAME, problem_type:NAME, all; repeatable (default every queue)',
  })),
  horizon: Type.Optional(Type.String({ maxLength: 16, description: `how far ahead, e.g. 14d, 2w, 48h (default 14d, at most ${MAX_HORIZON_DAYS}d)` })),
  interval: Type.Optional(Type.Union([Type.Literal('15m'), Type.Literal('30m'), Type.Literal('60m'), Type.Literal('daily')], { description: 'default 60m' })),
  run: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'a stored forecast run instead of the current forecast' })),
  refresh: Type.Optional(Type.Boolean({ description: 'forecast anew even when a stored run from today\'s data fits' })),
};
const ForecastQuerySchema = Type.Object(ForecastQueryProperties);
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

export const ExportProperties = { lang: FilterQueryProperties.lang, format: FilterQueryProperties.format };

export interface Planning {
  settings: ForecastSettings; rules: LoadedDispatchRules;
  /** The config file given to serve (its teams' headcount); undefined: $DESKPULSE_CONFIG or the default. */
  configPath?: string | undefined;
}

/** A file's identity and change time ('' when it cannot be read: reading it then says why). */
function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return '';
  }
}

/** The last planning read per config file, with both files' stamps as they were before the read. */
const lastPlanning = new Map<string, { stamps: string; planning: Planning }>();

/**
 * The config and the validated dispatch rules as the files hold them now: parsed again only when
 * either file changed (an edit, an apply or a rollback), not on every request (tens of ms of YAML
 * on the event loop per planning request).
 */
export function loadPlanning(options: PlanningOptions): Planning {
  const configFile = resolveConfigPath(options.configPath);
  const kept = lastPlanning.get(configFile);
  if (kept && kept.stamps === `${fileStamp(configFile)}|${fileStamp(kept.planning.rules.path)}`) return kept.planning;
  const configStamp = fileStamp(configFile);
  const settings = readForecastSettings(options.configPath);
  const stamps = `${configStamp}|${fileStamp(settings.dispatchRulesPath)}`;
  const planning = { settings, rules: loadDispatchRules(settings.dispatchRulesPath), configPath: options.configPath };
  if (configStamp !== '') lastPlanning.set(configFile, { stamps, planning });
  return planning;
}

/**
 * Runs `work` on a connection of its own, given back afterwards, within the query budget (a write it
 * ends in goes through the write queue outside the budget: endBudgetToWrite).
 */
export async function withSession<T>(ctx: AppContext, work: (session: WarehouseSession) => Promise<T>,
  budgetMs = ctx.queryBudgetMs): Promise<T> {
  return ctx.warehouse.withConnection((connection) => work(sessionOn(ctx.warehouse, connection)), budgetMs);
}

/** An error the app's handler answers with this status and message. */
export function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/** The horizon's length in days, checked against the bound (a FilterError on `horizon`). */
function checkHorizon(horizon: string): void {
  let days: number;
  try {
    const { days: d, hours } = parseHorizon(horizon);
    days = d + hours / 24;
  } catch (err) {
    throw new FilterError('horizon', (err as Error).message);
  }
  if (days > MAX_HORIZON_DAYS) {
    throw new FilterError('horizon', `horizon: ${horizon} is more than the ${MAX_HORIZON_DAYS} days (13 weeks) a forecast over the API ` +
      `looks ahead; ask for at most ${MAX_HORIZON_DAYS}d, or run \`deskpulse forecast\` on the server`);
  }
}

/** The queue specs asked, each checked (a FilterError on `queue`) and each queue once: `queue=all` 100 times is one fit. */
function distinctQueues(specs: readonly string[], dispatch: Planning['rules']['dispatch']): string[] {
  const byId = new Map<string, string>();
  for (const spec of specs) {
    try {
      const { id } = queueFromSpec(spec, dispatch);
      if (!byId.has(id)) byId.set(id, spec);
    } catch (err) {
      throw new FilterError('queue', (err as Error).message);
    }
  }
  return [...byId.values()];
}

/**
 * The forecast the query asks for: a stored run, or the current one (a stored run from the current
 * data when one fits, else made now and kept only when `store`: reads never write, and what they
 * compute is kept in memory (ctx.forecasts) until the data changes; how it was found is the
 * session's forecastOutcome). The store goes through the write queue, outside the query budget.
 */
export async function forecastFor(ctx: AppContext, session: WarehouseSession, planning: Planning, query: ForecastQuery,
  store: boolean): Promise<CurrentForecast> {
  const { dispatch } = planning.rules;
  const queues = distinctQueues(query.queue ?? [], dispatch);
  if (query.horizon !== undefined) checkHorizon(query.horizon);
  const intervalMinutes = parseInterval(query.interval ?? '60m');
  const forecast = (keep: boolean) => currentForecast({
    session, config: planning.settings.config, dispatch,
    serializeWrite: (work) => endBudgetToWrite(session.db, () => ctx.writes.run(work)),
    // The models are fitted on a worker thread: seconds of CPU per queue on a big warehouse, which
    // on the event loop held every other request (health included) until the fit was done.
    fit: (input) => serverComputeRunner()('fitQueue', input),
    queues, interval: intervalMinutes, ...(query.horizon ? { horizon: query.horizon } : {}),
    ...(query.run !== undefined ? { runId: query.run } : {}), ...(query.refresh ? { refresh: true } : {}), store: keep,
  });
  try {
    if (store || query.run !== undefined) return await forecast(store);
    const key = await forecastCacheKey(session.db, {
      queues, intervalMinutes, horizon: query.horizon ?? '14d', refresh: query.refresh ?? false, config: planning.settings.config, dispatch,
    });
    const { table, outcome } = await ctx.forecasts.get(key, () => forecast(false));
    noteForecastOutcome(session, outcome);
    return table;
  } catch (err) {
    // No tickets, or no such run: nothing to forecast from, not a server fault.
    if (err instanceof RangeError) throw httpError(404, err.message);
    throw err;
  }
}

/** Whether the caller asked for the table alone (CSV, XLSX or Arrow) rather than the JSON view. */
export function wantsTable(query: { format?: string }, accept: string | undefined): boolean {
  return isExportFormat(query.format) || (query.format !== 'json' && String(accept ?? '').includes(ARROW_STREAM));
}

const Weights = Type.Array(Type.Object({ model: Type.String(), weight: Type.Number() }));

/** forecasting/models/model-note.ts: what a model fitted, as an id and figures the page words per language. */
const ModelNoteSchema = Type.Union([
  Type.Object({ id: Type.Literal('seasonal-naive') }),
  Type.Object({ id: Type.Literal('weekday-slot-mean'), weeks: Type.Integer() }),
  Type.Object({ id: Type.Literal('day-type'), levelDays: Type.Integer(), profileWeeks: Type.Integer() }),
  Type.Object({ id: Type.Literal('holt-winters'), alpha: Type.Number(), delta: Type.Union([Type.Number(), Type.Null()]), omega: Type.Number(), phi: Type.Number() }),
  Type.Object({
    id: Type.Literal('calendar-regression'), smearing: Type.Union([Type.Number(), Type.Null()]),
    effects: Type.Array(Type.Object({ feature: Type.Union([Type.Literal('trend'), Type.Literal('holiday'), Type.Literal('promotion')]), offset: Type.Integer(), effect: Type.Number() })),
  }),
  Type.Object({ id: Type.Literal('combination'), day1: Weights, later: Weights, holidays: Weights, promotions: Weights }),
  Type.Null(),
], { description: 'what the model fitted, as an id and its figures (null: nothing, or a run kept before notes had ids)' });

const ScoreSchema = Type.Object({
  model: Type.String(), mase: Type.Union([Type.Number(), Type.Null()], { description: 'MASE on ordinary days' }),
  wape: Type.Union([Type.Number(), Type.Null()], { description: 'WAPE on ordinary days' }),
  eventMase: Type.Union([Type.Number(), Type.Null()], { description: 'MASE on holidays, promotion days and the days around them (same scale; null: none in the backtest)' }),
  coverage: Type.Union([Type.Number(), Type.Null()]), periods: Type.Integer(), note: ModelNoteSchema,
});

const PeakSchema = Type.Object({ start: Type.String(), p10: Type.Number(), p50: Type.Number(), p90: Type.Number() });

const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const ModelChoiceSchema = Type.Union([
  Type.Object({
    code: Type.Literal('backtest'), model: Type.String(), mase: NullableNumber, wape: NullableNumber, coverage: NullableNumber,
    seasonalNaiveMase: NullableNumber, others: Type.Array(Type.Object({ model: Type.String(), mase: NullableNumber })),
    members: Type.Optional(Type.Object({
      day1: Type.Array(Type.String()), later: Type.Array(Type.String()), holidays: Type.Array(Type.String()), promotions: Type.Array(Type.String()),
    }, { description: 'the combination\'s members (model ids, equal weights) on the first open day, the days after it, holidays and promotion days' })),
  }),
  Type.Object({ code: Type.Literal('no-backtest'), model: Type.String() }),
], { description: 'why this model, as codes and figures for the page to word: the chosen model\'s backtest beside the seasonal-naive benchmark and the other models (by MASE), or used without a backtest' });

export const SkippedSchema = Type.Array(Type.Object({
  queue: Type.String(), reason: Type.String({ description: 'why, in English' }),
  reasons: Type.Optional(Type.Object({ en: Type.String(), zh: Type.String() }, { description: 'why, in each language' })),
}));

const ForecastViewSchema = Type.Object({
  runId: Type.Union([Type.Integer(), Type.Null()]),
  generatedAt: Type.String(),
  interval: Type.String(),
  horizon: Type.String(),
  reused: Type.Boolean({ description: 'a stored run from the current data was reused' }),
  queues: Type.Array(Type.Object({
    queue: Type.String(), name: Type.String(), zone: Type.String(), model: Type.String(),
    names: Type.Object({ en: Type.String(), zh: Type.String() }, { description: 'the queue\'s name in each language (dispatch rules)' }),
    explanation: Type.String({ description: 'why this model: its backtest score beside the others\' (English, as the CLI prints it; pages word `choice`)' }),
    choice: ModelChoiceSchema,
    historyStart: Type.String(), historyEnd: Type.String({ description: 'the forecast origin' }),
    scores: Type.Array(ScoreSchema, { description: 'rolling-origin backtest of every model' }),
    peaks: Type.Array(PeakSchema),
  })),
  skipped: SkippedSchema,
  table: MetricTableSchema,
});

const ForecastRouteQuery = Type.Object({
  ...ForecastQueryProperties, ...ExportProperties,
  history: Type.Optional(Type.Integer({ minimum: 0, maximum: 400,
    description: `days of history before the forecast (default 28, at most ${MAX_INTRADAY_HISTORY_DAYS}; daily: default 91, at most 400)` })),
}, { additionalProperties: false });

/**
 * The view of a forecast the forecast cache keeps, per history length: a forecast lives until the
 * next data write, and the history's arrival counts it shows cannot change before then, so a warm
 * page queries nothing (counting 28 days per queue took 0.2-0.7 s on every read). A read cut short
 * (the query budget) is not kept. Stored runs and stores are new objects each time: never found here.
 */
const keptViews = new WeakMap<CurrentForecast, Map<number, Promise<ForecastView>>>();

function viewOf(session: WarehouseSession, forecast: CurrentForecast, historyDays: number): Promise<ForecastView> {
  const byDays = keptViews.get(forecast) ?? new Map<number, Promise<ForecastView>>();
  keptViews.set(forecast, byDays);
  const found = byDays.get(historyDays);
  if (found) return found;
  const made = forecastView(session, forecast, historyDays);
  byDays.set(historyDays, made);
  made.catch(() => { if (byDays.get(historyDays) === made) byDays.delete(historyDays); });
  return made;
}

/** A FilterError on `history` when an intraday forecast asks for more than its bound. */
function checkHistory(days: number | undefined, intervalMinutes: number): void {
  if (days !== undefined && intervalMinutes < DAILY_MINUTES && days > MAX_INTRADAY_HISTORY_DAYS) {
    throw new FilterError('history', `history: ${days} days is more than the ${MAX_INTRADAY_HISTORY_DAYS} days shown before a ` +
      `forecast at ${intervalMinutes}-minute intervals; ask for fewer, or for interval=daily (up to 400 days)`);
  }
}

/** What POST /api/forecast/runs forecasts: the forecast query without `run`. */
const KeepRunBody = Type.Object({
  queue: ForecastQueryProperties.queue, horizon: ForecastQueryProperties.horizon, interval: ForecastQueryProperties.interval,
  refresh: ForecastQueryProperties.refresh,
}, { additionalProperties: false });

const KeptRunSchema = Type.Object({
  runId: Type.Union([Type.Integer(), Type.Null()], { description: 'the kept run; null when no queue could be forecast (see skipped)' }),
  reused: Type.Boolean({ description: 'a run from the current data was already kept; nothing new was stored' }),
  generatedAt: Type.String(), interval: Type.String(), horizon: Type.String(),
  queues: Type.Array(Type.String()),
  skipped: SkippedSchema,
});

const AccuracyQuery = Type.Object({
  queue: ForecastQueryProperties.queue,
  run: ForecastQueryProperties.run,
  runs: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'the newest runs compared (default 10)' })),
  ...ExportProperties,
}, { additionalProperties: false });

export const forecastRoutes = (ctx: AppContext, options: PlanningOptions = {}): FastifyPluginAsync => async (app) => {
  app.get('/forecast', {
    config: { roles: PLANNING_ROLES, planExport: true },
    schema: {
      summary: 'Arrival forecast per queue: recent history, p10/p50/p90, peaks, the model chosen and every model\'s backtest scores',
      description: 'Reuses the newest stored run made from the current data; otherwise forecasts now without keeping it ' +
        '(runId null; POST /api/forecast/runs keeps one). A forecast made by a read is kept in memory until the data or config changes ' +
        '(x-forecast-cache: hit|miss|bypass). ?format=csv|xlsx (or Accept: Arrow) sends the history + forecast table alone.',
      querystring: ForecastRouteQuery,
      response: { 200: ForecastViewSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Static<typeof ForecastRouteQuery>;
    const planning = loadPlanning(options);
    if (query.run === undefined) checkHistory(query.history, parseInterval(query.interval ?? '60m'));
    const view = await withSession(ctx, async (session) => {
      const forecast = await forecastFor(ctx, session, planning, query, false);
      checkHistory(query.history, forecast.intervalMinutes);
      reply.header('x-forecast-cache', forecastOutcome(session));
      return viewOf(session, forecast, query.history ?? defaultHistoryDays(forecast.intervalMinutes));
    });
    if (wantsTable(query, request.headers.accept)) return sendTable(request, reply, view.table);
    return { ...view, queues: view.queues.map((q) => ({ ...q, names: queueNames(planning.rules.rules.queues, q.queue, q.name) })) };
  });

  app.post('/forecast/runs', {
    config: { roles: PLAN_WRITERS },
    schema: {
      summary: 'Keep the current forecast as a run (for forecast vs actual, and to apply exactly it); reuses one kept from the current data',
      body: KeepRunBody,
      response: { 200: KeptRunSchema, 201: KeptRunSchema },
    },
  }, async (request, reply) => {
    const body = (request.body ?? {}) as Static<typeof KeepRunBody>;
    const planning = loadPlanning(options);
    // The forecast is computed within the query budget; its store is not interrupted (endBudgetToWrite).
    const forecast = await withSession(ctx, (session) => forecastFor(ctx, session, planning, body, true));
    return reply.status(forecast.reused || forecast.runId === null ? 200 : 201).send({
      runId: forecast.runId, reused: forecast.reused, generatedAt: new Date(forecast.generatedAt).toISOString(),
      interval: intervalLabel(forecast.intervalMinutes), horizon: forecast.horizon,
      queues: forecast.queues.map((q) => q.queueId), skipped: forecast.skipped,
    });
  });

  app.get('/forecast/accuracy', {
    config: { roles: PLANNING_ROLES, planExport: true },
    schema: {
      summary: 'Forecast vs actual: each kept forecast\'s error per queue and days ahead, once the arrivals are in',
      querystring: AccuracyQuery,
      response: { 200: MetricTableSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Static<typeof AccuracyQuery>;
    const zone = readForecastSettings(options.configPath).config.timezone;
    const rows = await withSession(ctx, (session) => forecastVsActual({
      db: session, ...(query.run !== undefined ? { runId: query.run } : {}), ...(query.runs !== undefined ? { runs: query.runs } : {}),
      ...(query.queue ? { queues: query.queue } : {}),
    }), ctx.queryBudgetMs);
    return sendTable(request, reply, accuracyTable(rows, zone));
  });
};
