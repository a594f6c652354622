// The Fastify application: API routes under /api (each resource a plugin), OpenAPI at /api/docs,
// one error handler for typed errors, and the built SvelteKit dashboards for every other path.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import { DispatchRulesError, formatIssue } from '../../forecasting/dispatch-rules/dispatch-rules-error.ts';
import { IngestError } from '../../ingest/ingest-error.ts';
import { MappingError } from '../../ingest/mapping/mapping-error.ts';
import type { Warehouse } from '../../warehouse/database.ts';
import { DiskFullError } from '../../warehouse/disk-full.ts';
import { resolveConfigPath } from '../../warehouse/config.ts';
import { FilterError } from '../../warehouse/metrics/filter.ts';
import { QueryBudgetError, queryBudgetMs } from '../../warehouse/query-budget.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { OpenModeGuard } from './auth/open-mode.ts';
import { HELMET_OPTIONS } from './security-headers.ts';
import { ForbiddenError } from './auth/forbidden-error.ts';
import { ForeignTeamsError } from './auth/foreign-teams-error.ts';
import { readWarehouse } from './read-warehouse.ts';
import { showsServerDetails } from './auth/request-principal.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRunRoutes } from './routes/ingest-runs.ts';
import { quarantineRoutes } from './routes/quarantine.ts';
import { quarantineSummaryRoutes } from './routes/quarantine-summary.ts';
import { sessionRoutes } from './routes/session.ts';
import { savedViewRoutes } from './routes/saved-views.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { agentRoutes } from './routes/agents.ts';
import { breakdownRoutes } from './routes/breakdown.ts';
import { distributionRoutes } from './routes/distributions.ts';
import { liveRoutes } from './routes/live.ts';
import { labelRoutes } from './routes/labels.ts';
import { metricCatalogRoutes } from './routes/metrics.ts';
import { overviewRoutes } from './routes/overview.ts';
import { problemRoutes } from './routes/problems.ts';
import { complaintReviewRoutes } from './routes/complaint-review.ts';
import { satisfactionRoutes } from './routes/satisfaction.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { ticketListRoutes } from './routes/ticket-list.ts';
import { timeseriesRoutes } from './routes/timeseries.ts';
import { annotationRoutes } from './routes/annotations.ts';
import { dispatchRuleRoutes } from './routes/dispatch-rules.ts';
import { forecastRoutes, type PlanningOptions } from './routes/forecast.ts';
import { staffingRoutes } from './routes/staffing.ts';
import { alertRoutes } from './routes/alerts.ts';
import { alertRoutingRoutes } from './routes/alert-routing.ts';
import { AlertRunner } from '../../alerts/engine/alert-runner.ts';
import { StepLimitReload } from './step-limits-reload.ts';
import { MetricCache } from './metric-cache.ts';
import { newForecastCache, type ForecastCache } from './forecast-cache.ts';
import { ViewWarmer } from './view-warmer.ts';
import { WriteQueue, WriterBusyError } from './write-queue.ts';
import { BatchWriter } from './batch-writer.ts';
import { TooManyExportsError } from './tabular/export-slots.ts';
import { clientErrorHandler, MAX_HEADER_BYTES } from './request-limits.ts';
import { refuseNonFiniteNumbers } from './finite-query-numbers.ts';
import { answerStaticReadErrors } from './static-read-errors.ts';

export interface AppContext {
  warehouse: Warehouse;
  /** Every data write goes through it (sessions and tokens are written directly); each finished write clears `metrics`. */
  writes: WriteQueue;
  /** Ingest batches through `writes`, those queued together written together. */
  batches: BatchWriter;
  metrics: MetricCache;
  /** Forecasts computed by reads; each finished data write clears it too. */
  forecasts: ForecastCache;
  /** Computes the dashboards' default views into `metrics` (serve only). */
  warmer: ViewWarmer | null;
  bodyLimit: number;
  /** Default zone of date ranges (the config's timezone). */
  timezone: string;
  /** Open mode (demo only): every request is answered as admin without a token. */
  open: boolean;
  /** Milliseconds a read's warehouse queries may take before they are interrupted (503). */
  queryBudgetMs: number;
}

export interface AppOptions {
  warehouse: Warehouse;
  logger?: boolean | object;
  /** Largest accepted ingest body in bytes (default 256 MiB). */
  bodyLimit?: number;
  /** Folder of the SvelteKit adapter-node build; served when it exists. */
  uiBuild?: string;
  /** Default zone of date ranges (default Asia/Shanghai; `serve` passes the config's). */
  timezone?: string;
  /** Answer every request as admin without a token; only for demo warehouses (see `serve --open`). */
  open?: boolean;
  /** Time budget of a read's queries (default $DESKPULSE_QUERY_BUDGET_MS or 30 s). */
  queryBudgetMs?: number;
  /** Keep the dashboards' default views computed (at start, after writes, after midnight); `serve` turns it on. */
  warmViews?: boolean | { settleMs: number };
  /** Where the forecast, staffing and dispatch-rule routes find the config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml). */
  planning?: PlanningOptions;
  /** Evaluate the config's alert rules every minute and after each data write (`serve` turns it on). */
  evaluateAlerts?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Unknown query fields are errors (400 naming the field), not silently dropped. The warmer's own
  // in-process requests are not traffic: they are left out of the request log.
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false } },
    http: { maxHeaderSize: MAX_HEADER_BYTES }, clientErrorHandler,
    logController: new LogController({ disableRequestLogging: (request) => warmer?.owns(request) ?? false }) });
  const metrics = new MetricCache();
  const forecasts = newForecastCache();
  const timezone = options.timezone ?? 'Asia/Shanghai';
  const warmer = options.warmViews && metrics.enabled
    ? new ViewWarmer(timezone, typeof options.warmViews === 'object' ? options.warmViews.settleMs : undefined, () => ctx.writes.state().running !== null) : null;
  // Open mode holds only while the warehouse is demo-only: every write has it checked again.
  const alerts = options.evaluateAlerts
    ? new AlertRunner(options.warehouse, resolveConfigPath(options.planning?.configPath), { info: (o, m) => app.log.info(o, m), error: (o, m) => app.log.error(o, m) }) : null;
  const openGuard = options.open ? new OpenModeGuard(options.warehouse, (reason) => {
    ctx.open = false;
    app.log.error({ open: false }, `OPEN MODE ENDED: tokens are needed from now on: ${reason}`);
  }) : null;
  const afterWrite = () => {
    openGuard?.recheck();
    metrics.clear();
    forecasts.clear();
    warmer?.schedule();
    alerts?.schedule();
  };
  const writes = new WriteQueue(afterWrite);
  const ctx: AppContext = {
    warehouse: options.warehouse, writes, batches: new BatchWriter(options.warehouse, writes), metrics, forecasts, warmer, bodyLimit: options.bodyLimit ?? 256 * 1024 * 1024,
    timezone, open: options.open ?? false, queryBudgetMs: options.queryBudgetMs ?? queryBudgetMs(),
  };
  app.decorate('writes', ctx.writes);
  // With the alert rules (serve), the step limits follow the config file too.
  const stepLimits = alerts ? new StepLimitReload(ctx, resolveConfigPath(options.planning?.configPath), app.log) : null;

  // First: its onRequest hook guards every /api route registered after it.
  await app.register(helmet, HELMET_OPTIONS);
  await app.register(authPlugin(ctx, { openGuard }));
  await app.register(swagger, { openapi: { info: { title: 'DeskPulse API', version: '0.1.0' } } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.addHook('preHandler', refuseNonFiniteNumbers);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof IngestError || error instanceof MappingError) {
      return reply.status(400).send({ error: error.name, message: error.message });
    }
    if (error instanceof FilterError) {
      return reply.status(400).send({ error: 'FilterError', message: error.message, field: error.field });
    }
    if (error instanceof QueryBudgetError) {
      return reply.status(503).send({ error: 'QueryBudgetSpent', message: error.message });
    }
    if (error instanceof DiskFullError) {
      // The operator's log gets the path; callers other than admins get no server path.
      request.log.error(error);
      const place = error.path.startsWith(ctx.warehouse.path) ? 'the warehouse' : "the server's temporary files";
      return reply.status(507).send({ error: 'DiskFull', message: showsServerDetails(request.principal) ? error.message : error.withoutPath(place) });
    }
    if (error instanceof DispatchRulesError) {
      // A dispatch rules file that cannot be used: every problem with its line and column; the file by name for all but admins;
      // in both languages (label) for the pages (a problem not worded in Chinese stays in English).
      const source = showsServerDetails(request.principal) ? error.source : basename(error.source);
      const problems = (lang: 'en' | 'zh') => error.issues.map((i) => formatIssue(source, i, lang)).join('\n');
      const message = `${problems('en')}\nfix the dispatch rules file (${source}), then try again`;
      return reply.status(409).send({ error: 'DispatchRulesError', message,
        label: { en: message, zh: `${problems('zh')}\n请修正分派规则文件（${source}）后重试` }, issues: error.issues });
    }
    if (error instanceof WriterBusyError) {
      return reply.status(429).header('retry-after', String(error.retryAfter)).send({ error: 'Busy', message: error.message, retryAfter: error.retryAfter, ...error.state });
    }
    if (error instanceof TooManyExportsError) {
      return reply.status(429).header('retry-after', String(error.retryAfter)).send({ error: 'TooManyExports', message: error.message, label: error.label, retryAfter: error.retryAfter });
    }
    if (error instanceof ForeignTeamsError) {
      // Named by the teams' labels; the ids stay if the warehouse cannot be read for them.
      return readWarehouse(ctx, (db) => error.named(db)).catch(() => error)
        .then((named) => reply.status(403).send({ error: 'Forbidden', message: named.message, label: named.label }));
    }
    if (error instanceof ForbiddenError) {
      return reply.status(403).send({ error: 'Forbidden', message: error.message, ...(error.label ? { label: error.label } : {}) });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: 'PayloadTooLarge',
        message: `the body is larger than ${ctx.bodyLimit} bytes; split it into smaller batches` });
    }
    if (status >= 500) {
      // The log keeps the detail; an internal error's text (SQL, paths, file content) is for admins only.
      request.log.error(error);
      return reply.status(status).send({ error: 'InternalError', message: showsServerDetails(request.principal)
        ? (error as Error).message : `the server failed to answer this request (request id ${request.id}); the server's log has the detail` });
    }
    const field = (error as { validation?: { instancePath?: string; params?: { additionalProperty?: string } }[] }).validation?.[0];
    return reply.status(status).send({
      error: 'BadRequest', message: (error as Error).message,
      ...(field ? { field: field.params?.additionalProperty ?? field.instancePath } : {}),
    });
  });

  await app.register(healthRoutes(ctx), { prefix: '/api' });
  await app.register(eventRoutes(ctx), { prefix: '/api' });
  await app.register(sessionRoutes(ctx), { prefix: '/api' });
  await app.register(savedViewRoutes(ctx), { prefix: '/api' });
  await app.register(tokenRoutes(ctx), { prefix: '/api' });
  await app.register(ingestRunRoutes(ctx), { prefix: '/api' });
  await app.register(quarantineRoutes(ctx), { prefix: '/api' });
  await app.register(quarantineSummaryRoutes(ctx), { prefix: '/api' });
  for (const routes of [metricCatalogRoutes, labelRoutes, overviewRoutes, timeseriesRoutes, annotationRoutes, breakdownRoutes, distributionRoutes,
    agentRoutes, ticketRoutes, ticketListRoutes, problemRoutes, complaintReviewRoutes, satisfactionRoutes, liveRoutes]) {
    await app.register(routes(ctx), { prefix: '/api' });
  }
  for (const routes of [forecastRoutes, staffingRoutes, dispatchRuleRoutes]) {
    await app.register(routes(ctx, options.planning), { prefix: '/api' });
  }
  await app.register(alertRoutes(ctx, { configPath: options.planning?.configPath, runner: alerts }), { prefix: '/api' });
  await app.register(alertRoutingRoutes(ctx, { configPath: options.planning?.configPath, runner: alerts }), { prefix: '/api' });

  const handlerFile = resolve(options.uiBuild ?? 'build', 'handler.js');
  if (existsSync(handlerFile)) {
    const { handler } = (await import(handlerFile)) as { handler: (req: unknown, res: unknown, next: () => void) => void };
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) return reply.status(404).send({ error: 'NotFound', message: `no route ${request.method} ${request.url}` });
      reply.hijack();
      answerStaticReadErrors(reply.raw, (error) => request.log.warn({ code: error.code, reason: error.message }, `static file ${request.url} could not be read`));
      handler(request.raw, reply.raw, () => { reply.raw.statusCode = 404; reply.raw.end('not found'); });
    });
  }
  if (alerts) {
    app.addHook('onReady', async () => alerts.start());
    app.addHook('onClose', async () => alerts.stop());
  }
  if (stepLimits) {
    app.addHook('onReady', async () => stepLimits.start());
    app.addHook('onClose', async () => stepLimits.stop());
  }
  if (warmer) {
    app.addHook('onReady', async () => warmer.start(app));
    app.addHook('onClose', async () => warmer.stop());
  }
  return app;
}
