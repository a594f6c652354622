// GET /api/dispatch-rules/diff (dry run: the diff and warnings an apply would give), POST
// /api/dispatch-rules/apply (writes the staffing blocks, records the version with who applied it)
// and GET /api/dispatch-rules/versions (the history).
import { basename } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { applyStaffing, type ApplyStaffingResult } from '../../../forecasting/dispatch-rules/apply-staffing.ts';
import { listVersions } from '../../../forecasting/dispatch-rules/versions.ts';
import { readForecastSettings } from '../../../forecasting/forecast-config.ts';
import { isoAt } from '../../../forecasting/tables/table-period.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { endBudgetToWrite } from '../../../warehouse/query-budget.ts';
import type { AppContext } from '../app.ts';
import { showsServerDetails } from '../auth/request-principal.ts';
import { forecastOutcome } from '../forecast-cache.ts';
import type { Principal } from '../metric-query.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { sendTable } from '../tabular/send-table.ts';
import {
  ExportProperties, ForecastQueryProperties, loadPlanning, PLAN_WRITERS, PLANNING_ROLES, withSession,
  type PlanningOptions,
} from './forecast.ts';
import { planStaffing, WarningSchema, WhatIfProperties } from './staffing.ts';

/** Who applied, as the version history records it. */
export function describePrincipal(p: Principal | null | undefined): string {
  if (!p) return 'unknown';
  return p.tokenId ? `${p.role} token ${p.tokenId}` : `${p.role} (open mode, no token)`;
}

const PlanSchema = Type.Object({ ...ForecastQueryProperties, ...WhatIfProperties }, { additionalProperties: false });
type PlanQuery = Static<typeof PlanSchema>;

const ApplyResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  changed: Type.Boolean({ description: 'whether the file differs from what it holds now' }),
  versionId: Type.Union([Type.Integer(), Type.Null()], { description: 'the recorded version; null for a dry run or an unchanged file' }),
  runId: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the forecast run staffed (null: forecast now, not kept); keep one with POST /api/forecast/runs and pass it as run to apply exactly what the diff showed',
  }),
  appliedBy: Type.String(),
  path: Type.String({ description: 'the dispatch rules file: its path on the server for admins, its name for others' }),
  queues: Type.Array(Type.String(), { description: 'queues whose staffing block is written' }),
  diff: Type.String({ description: 'unified diff of the dispatch rules file' }),
  warnings: Type.Array(WarningSchema),
});

async function run(ctx: AppContext, options: PlanningOptions, request: FastifyRequest, reply: FastifyReply, plan: PlanQuery, dryRun: boolean) {
  const planning = loadPlanning(options);
  const who = describePrincipal(request.principal);
  return withSession(ctx, async (session) => {
    // Planned within the query budget; a dry run keeps nothing, an apply keeps the run it staffed.
    const planned = await planStaffing(ctx, session, planning, plan, !dryRun);
    reply.header('x-forecast-cache', forecastOutcome(session));
    const apply = () => applyStaffing({
      db: session, dispatchRulesPath: planning.rules.path, recommendations: planned.recommendation, who, dryRun,
    });
    // The version row and the file are written in turn with every other writer, never interrupted by the budget.
    const result: ApplyStaffingResult = dryRun ? await apply() : await endBudgetToWrite(session.db, () => ctx.writes.run(apply));
    return {
      dryRun, changed: result.changed, versionId: result.versionId, runId: planned.forecast.runId, appliedBy: who,
      path: showsServerDetails(request.principal) ? planning.rules.path : basename(planning.rules.path),
      queues: result.queues, diff: result.diff, warnings: result.warnings,
    };
  });
}

const VERSION_COLUMNS: MetricTable['columns'] = [
  { key: 'version', label: { en: 'Version', zh: '版本' }, unit: 'number' },
  { key: 'applied_at', label: { en: 'Applied at', zh: '应用时间' }, unit: 'timestamp' },
  { key: 'applied_by', label: { en: 'Applied by', zh: '应用人' }, unit: 'text' },
  { key: 'model', label: { en: 'Model', zh: '模型' }, unit: 'text' },
  { key: 'forecast_run', label: { en: 'Forecast run', zh: '预测批次' }, unit: 'number' },
  { key: 'queues', label: { en: 'Queues written', zh: '写入的队列' }, unit: 'text' },
  { key: 'diff', label: { en: 'Diff', zh: '差异' }, unit: 'text' },
];

const VersionsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'newest versions shown (default 50)' })),
  ...ExportProperties,
}, { additionalProperties: false });

export const dispatchRuleRoutes = (ctx: AppContext, options: PlanningOptions = {}): FastifyPluginAsync => async (app) => {
  app.get('/dispatch-rules/diff', {
    config: { roles: PLANNING_ROLES },
    schema: {
      summary: 'Dry run: the diff and warnings applying the current staffing (or a what-if) to the dispatch rules would give',
      querystring: PlanSchema,
      response: { 200: ApplyResultSchema },
    },
  }, (request, reply) => run(ctx, options, request, reply, request.query as PlanQuery, true));

  app.post('/dispatch-rules/apply', {
    config: { roles: PLAN_WRITERS },
    schema: {
      summary: 'Write the staffing blocks into the dispatch rules and record the version (who, when, model, diff)',
      body: PlanSchema,
      response: { 200: ApplyResultSchema },
    },
  }, (request, reply) => run(ctx, options, request, reply, (request.body ?? {}) as PlanQuery, false));

  app.get('/dispatch-rules/versions', {
    config: { roles: PLANNING_ROLES, planExport: true },
    schema: { summary: 'Versions of the dispatch rules DeskPulse wrote, newest first', querystring: VersionsQuery, response: { 200: MetricTableSchema } },
  }, async (request, reply) => {
    const query = request.query as Static<typeof VersionsQuery>;
    // The history of this config's file only; the rules themselves need not be valid to list it.
    const settings = readForecastSettings(options.configPath);
    const zone = settings.config.timezone;
    const path = settings.dispatchRulesPath;
    const versions = await withSession(ctx, (session) => listVersions(session, { path, limit: query.limit ?? 50 }));
    const days = versions.map((v) => isoAt(v.appliedAt, zone).slice(0, 10)).sort();
    const table: MetricTable = {
      name: 'dispatch-rule-versions',
      period: { from: days[0] ?? isoAt(Date.now(), zone).slice(0, 10), to: days[days.length - 1] ?? isoAt(Date.now(), zone).slice(0, 10), timezone: zone },
      previous: null, clock: 'calendar', columns: VERSION_COLUMNS,
      rows: versions.map((v) => ({
        version: v.versionId, applied_at: isoAt(v.appliedAt, zone), applied_by: v.appliedBy, model: v.model,
        forecast_run: v.forecastRunId, queues: v.queues.join(', '), diff: v.diff,
      })),
    };
    return sendTable(request, reply, table);
  });
};
