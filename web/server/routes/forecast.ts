// GET /api/forecast (history + p10/p50/p90 + peaks + why this model + every model's backtest
// scores) and GET /api/forecast/accuracy (stored forecasts against the arrivals that came); also
// the planning helpers the staffing and dispatch-rules routes share (config, session, forecast).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { currentForecast, type CurrentForecast } from '../../../forecasting/current-forecast.ts';
import { DispatchRulesError } from '../../../forecasting/dispatch-rules/dispatch-rules-error.ts';
import { loadDispatchRules, readForecastSettings, type ForecastSettings, type LoadedDispatchRules } from '../../../forecasting/forecast-config.ts';
import { defaultHistoryDays, forecastView } from '../../../forecasting/forecast-view.ts';
import { forecastVsActual } from '../../../forecasting/forecast-vs-actual.ts';
import { parseHorizon, parseInterval } from '../../../forecasting/series/interval.ts';
import { queueFromSpec } from '../../../forecasting/series/queues.ts';
import { accuracyTable } from '../../../forecasting/tables/accuracy-table.ts';
import { sessionOn, type WarehouseSession } from '../../../forecasting/warehouse-session.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import type { AppContext } from '../app.ts';
import type { Role } from '../auth/request-principal.ts';
import { FilterQueryProperties } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { ARROW_STREAM, sendTable } from '../tabular/send-table.ts';

/** Where the planning routes find the DeskPulse config (and through it the dispatch rules). */
export interface PlanningOptions {
  /** Default $DESKPULSE_CONFIG or ./config/deskpulse.yaml; read on every request, so edits apply at once. */
  configPath?: string;
}

/** Forecasts and staffing: readers who plan; planners may export them. */
export const PLANNING_ROLES: readonly Role[] = ['admin', 'manager', 'planner'];

export const ForecastQueryProperties = {
  queue: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 100, description: 'dispatch-rule queue id, or team:ID, channel:NAME, problem_type:NAME, all; repeatable (default every queue)',
  })),
  horizon: Type.Optional(Type.String({ maxLength: 16, description: 'how far ahead, e.g. 14d, 2w, 48h (default 14d)' })),
  interval: Type.Optional(Type.Union([Type.Literal('15m'), Type.Literal('30m'), Type.Literal('60m'), Type.Literal('daily')], { description: 'default 60m' })),
  run: Type.Optional(Type.Integer({ minimum: 1, description: 'a stored forecast run instead of the current forecast' })),
  refresh: Type.Optional(Type.Boolean({ description: 'forecast anew even when a stored run from today\'s data fits' })),
};
const ForecastQuerySchema = Type.Object(ForecastQueryProperties);
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

export const ExportProperties = { lang: FilterQueryProperties.lang, format: FilterQueryProperties.format };

export interface Planning { settings: ForecastSettings; rules: LoadedDispatchRules }

/** The config and the validated dispatch rules, read now. */
export function loadPlanning(options: PlanningOptions): Planning {
  const settings = readForecastSettings(options.configPath);
  return { settings, rules: loadDispatchRules(settings.dispatchRulesPath) };
}

/** Runs `work` on a connection of its own, closed afterwards. */
export async function withSession<T>(ctx: AppContext, work: (session: WarehouseSession) => Promise<T>): Promise<T> {
  return ctx.warehouse.withConnection((connection) => work(sessionOn(ctx.warehouse, connection)));
}

/** An error the app's handler answers with this status and message. */
export function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/** The forecast the query asks for: a stored run, or the current one (reused when fresh, else made and kept). */
export async function forecastFor(ctx: AppContext, session: WarehouseSession, planning: Planning, query: ForecastQuery): Promise<CurrentForecast> {
  const { dispatch } = planning.rules;
  for (const spec of query.queue ?? []) {
    try {
      queueFromSpec(spec, dispatch);
    } catch (err) {
      throw new FilterError('queue', (err as Error).message);
    }
  }
  if (query.horizon !== undefined) {
    try {
      parseHorizon(query.horizon);
    } catch (err) {
      throw new FilterError('horizon', (err as Error).message);
    }
  }
  try {
    return await currentForecast({
      session, config: planning.settings.config, dispatch, serializeWrite: (work) => ctx.writes.run(work),
      ...(query.queue ? { queues: query.queue } : {}), ...(query.horizon ? { horizon: query.horizon } : {}),
      ...(query.interval ? { interval: parseInterval(query.interval) } : {}), ...(query.run !== undefined ? { runId: query.run } : {}),
      ...(query.refresh ? { refresh: true } : {}),
    });
  } catch (err) {
    // No tickets, or no such run: nothing to forecast from, not a server fault.
    if (err instanceof RangeError) throw httpError(404, err.message);
    throw err;
  }
}

/** A dispatch rules file that cannot be used: 409 with every problem and its line and column. */
export function sendDispatchRulesError(reply: FastifyReply, err: DispatchRulesError): FastifyReply {
  return reply.status(409).send({
    error: 'DispatchRulesError',
    message: `${err.message}\nfix the dispatch rules file (${err.source}), then try again`,
    issues: err.issues,
  });
}

/** Whether the caller asked for the table alone (CSV, XLSX or Arrow) rather than the JSON view. */
export function wantsTable(query: { format?: string }, accept: string | undefined): boolean {
  return query.format === 'csv' || query.format === 'xlsx' || (query.format !== 'json' && String(accept ?? '').includes(ARROW_STREAM));
}

const ScoreSchema = Type.Object({
  model: Type.String(), mase: Type.Union([Type.Number(), Type.Null()]), wape: Type.Union([Type.Number(), Type.Null()]),
  coverage: Type.Union([Type.Number(), Type.Null()]), periods: Type.Integer(), note: Type.Optional(Type.String()),
});

const PeakSchema = Type.Object({ start: Type.String(), p10: Type.Number(), p50: Type.Number(), p90: Type.Number() });

export const SkippedSchema = Type.Array(Type.Object({ queue: Type.String(), reason: Type.String() }));

const ForecastViewSchema = Type.Object({
  runId: Type.Union([Type.Integer(), Type.Null()]),
  generatedAt: Type.String(),
  interval: Type.String(),
  horizon: Type.String(),
  reused: Type.Boolean({ description: 'a stored run from the current data was reused' }),
  queues: Type.Array(Type.Object({
    queue: Type.String(), name: Type.String(), zone: Type.String(), model: Type.String(),
    explanation: Type.String({ description: 'why this model: its backtest score beside the others\'' }),
    historyStart: Type.String(), historyEnd: Type.String({ description: 'the forecast origin' }),
    scores: Type.Array(ScoreSchema, { description: 'rolling-origin backtest of every model' }),
    peaks: Type.Array(PeakSchema),
  })),
  skipped: SkippedSchema,
  table: MetricTableSchema,
});

const ForecastRouteQuery = Type.Object({
  ...ForecastQueryProperties, ...ExportProperties,
  history: Type.Optional(Type.Integer({ minimum: 0, maximum: 400, description: 'days of history before the forecast (default 28; daily 91)' })),
}, { additionalProperties: false });

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
      description: 'Reuses the newest stored run made from the current data; otherwise forecasts and keeps the run. ' +
        '?format=csv|xlsx (or Accept: Arrow) sends the history + forecast table alone.',
      querystring: ForecastRouteQuery,
      response: { 200: ForecastViewSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Static<typeof ForecastRouteQuery>;
    let planning: Planning;
    try {
      planning = loadPlanning(options);
    } catch (err) {
      if (err instanceof DispatchRulesError) return sendDispatchRulesError(reply, err);
      throw err;
    }
    const view = await withSession(ctx, async (session) => {
      const forecast = await forecastFor(ctx, session, planning, query);
      return forecastView(session, forecast, query.history ?? defaultHistoryDays(forecast.intervalMinutes));
    });
    return wantsTable(query, request.headers.accept) ? sendTable(request, reply, view.table) : view;
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
    }));
    return sendTable(request, reply, accuracyTable(rows, zone));
  });
};
