// GET /api/dispatch-rules/diff (dry run: the per-queue summary, warnings and diff an apply would
// give), POST /api/dispatch-rules/apply (writes the staffing blocks, records the version with who
// applied it), GET /api/dispatch-rules/versions (the history), GET .../versions/:version (one
// version) and POST .../versions/:version/rollback (writes it back as a new version).
import { basename } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { applyStaffing, type ApplyStaffingResult } from '../../../forecasting/dispatch-rules/apply-staffing.ts';
import { DAY_PARTS } from '../../../forecasting/dispatch-rules/apply-summary.ts';
import { rollbackDispatchRules, versionOfFile } from '../../../forecasting/dispatch-rules/rollback.ts';
import { listVersions, type DispatchRuleVersion } from '../../../forecasting/dispatch-rules/versions.ts';
import type { WarehouseSession } from '../../../forecasting/warehouse-session.ts';
import { readForecastSettings } from '../../../forecasting/forecast-config.ts';
import { isoAt } from '../../../warehouse/calendar/zoned-iso.ts';
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

/**
 * Who applies, as the version history and the preview name them: the name given to the token they
 * signed in with (a person, not a token id) and its role.
 */
export async function describePrincipal(session: WarehouseSession, p: Principal | null | undefined): Promise<string> {
  if (!p) return 'unknown';
  if (!p.tokenId) return `${p.role} (open mode, no sign-in)`;
  const reader = await session.db.runAndReadAll('SELECT name FROM api_tokens WHERE token_id = $id', { id: p.tokenId });
  const name = reader.getRows()[0]?.[0];
  return `${name === undefined || name === null ? 'unnamed token' : String(name)} (${p.role})`;
}

const DayPartsSchema = Type.Object(Object.fromEntries(DAY_PARTS.map((d) => [d, Type.Integer()])) as Record<(typeof DAY_PARTS)[number], ReturnType<typeof Type.Integer>>);
const SideSchema = Type.Object({
  dayParts: DayPartsSchema, peakAgents: Type.Integer(), peakAt: Type.Union([Type.String(), Type.Null()], { description: 'ISO in the queue\'s zone' }),
  agentHours: Type.Number(), intervals: Type.Integer(),
});
const QueueSummarySchema = Type.Object({
  queue: Type.String(), name: Type.String(), names: Type.Object({ en: Type.String(), zh: Type.String() }, { description: 'the queue\'s name in each language' }), zone: Type.String(),
  before: Type.Union([SideSchema, Type.Null()], { description: 'the staffing the file holds now (null: none)' }),
  after: SideSchema,
  shortfall: Type.Union([Type.Null(), Type.Object({
    agents: Type.Integer(), at: Type.String({ description: 'ISO in the queue\'s zone' }), agentHours: Type.Number(), intervals: Type.Integer(),
  })]),
  warnings: Type.Array(WarningSchema),
}, { description: 'most agents scheduled per day-part (night 0-6, morning 6-12, afternoon 12-18, evening 18-24 in the queue\'s zone) before and after' });

/** The file by name for all but signed-in admins (who may see where it is on the server). */
const fileShown = (request: FastifyRequest, path: string) => (showsServerDetails(request.principal) ? path : basename(path));

const PlanSchema = Type.Object({ ...ForecastQueryProperties, ...WhatIfProperties }, { additionalProperties: false });
type PlanQuery = Static<typeof PlanSchema>;

const ApplyResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  changed: Type.Boolean({ description: 'whether the file differs from what it holds now' }),
  versionId: Type.Union([Type.Integer(), Type.Null()], { description: 'the recorded version; null for a dry run or an unchanged file' }),
  runId: Type.Union([Type.Integer(), Type.Null()], {
    description: 'the forecast run staffed (null: forecast now, not kept); keep one with POST /api/forecast/runs and pass it as run to apply exactly what the diff showed',
  }),
  appliedBy: Type.String({ description: 'the name of the token signed in with, and its role' }),
  path: Type.String({ description: 'the dispatch rules file: its path on the server for admins, its name for others' }),
  queues: Type.Array(Type.String(), { description: 'queues whose staffing block is written' }),
  summary: Type.Array(QueueSummarySchema, { description: 'per written queue, what a planner reads first' }),
  diff: Type.String({ description: 'unified diff of the dispatch rules file' }),
  warnings: Type.Array(WarningSchema),
});

async function run(ctx: AppContext, options: PlanningOptions, request: FastifyRequest, reply: FastifyReply, plan: PlanQuery, dryRun: boolean) {
  const planning = loadPlanning(options);
  return withSession(ctx, async (session) => {
    const who = await describePrincipal(session, request.principal);
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
      path: fileShown(request, planning.rules.path), queues: result.queues, summary: result.summary, diff: result.diff, warnings: result.warnings,
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
  { key: 'restores', label: { en: 'Rollback to version', zh: '回滚到版本' }, unit: 'number' },
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
        forecast_run: v.forecastRunId, queues: v.queues.join(', '), restores: v.restoresVersion, diff: v.diff,
      })),
    };
    return sendTable(request, reply, table);
  });

  app.get('/dispatch-rules/versions/:version', {
    config: { roles: PLANNING_ROLES },
    schema: { summary: 'One version of the dispatch rules: who, when, what, its diff and full text', params: VersionParams, response: { 200: VersionSchema } },
  }, async (request) => {
    const { version } = request.params as Static<typeof VersionParams>;
    const settings = readForecastSettings(options.configPath);
    const v = await withSession(ctx, (session) => versionOfFile(session, settings.dispatchRulesPath, version));
    return versionView(request, v, settings.config.timezone);
  });

  app.post('/dispatch-rules/versions/:version/rollback', {
    config: { roles: PLAN_WRITERS },
    schema: {
      summary: 'Write this version\'s text back into the dispatch rules, recorded as a new version (dryRun: only the diff)',
      params: VersionParams, body: RollbackBody, response: { 200: RollbackResultSchema },
    },
  }, async (request) => {
    const { version } = request.params as Static<typeof VersionParams>;
    const dryRun = (request.body as Static<typeof RollbackBody> | undefined)?.dryRun ?? false;
    const settings = readForecastSettings(options.configPath);
    return withSession(ctx, async (session) => {
      const who = await describePrincipal(session, request.principal);
      const rollback = () => rollbackDispatchRules({ db: session, dispatchRulesPath: settings.dispatchRulesPath, versionId: version, who, dryRun });
      // Written in turn with every other writer, like an apply.
      const r = dryRun ? await rollback() : await endBudgetToWrite(session.db, () => ctx.writes.run(rollback));
      return {
        dryRun, changed: r.changed, versionId: r.versionId, restored: r.restored.versionId, appliedBy: who,
        path: fileShown(request, settings.dispatchRulesPath), diff: r.diff,
      };
    });
  });
};

const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, description: 'dispatch_rule_versions.version_id' }) });
const RollbackBody = Type.Union([Type.Null(), Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: 'show the diff, write nothing' })),
}, { additionalProperties: false })]);

const VersionSchema = Type.Object({
  version: Type.Integer(), appliedAt: Type.String({ description: 'ISO in the config\'s zone' }), appliedBy: Type.String(), model: Type.String(),
  forecastRun: Type.Union([Type.Integer(), Type.Null()]), queues: Type.Array(Type.String()),
  restores: Type.Union([Type.Integer(), Type.Null()], { description: 'a rollback: the version it wrote back' }),
  path: Type.String({ description: 'the file: its path on the server for admins, its name for others' }),
  diff: Type.String(), content: Type.String({ description: 'the full text written' }),
});

const RollbackResultSchema = Type.Object({
  dryRun: Type.Boolean(), changed: Type.Boolean(),
  versionId: Type.Union([Type.Integer(), Type.Null()], { description: 'the new version; null for a dry run or when the file already holds that text' }),
  restored: Type.Integer(), appliedBy: Type.String(), path: Type.String(), diff: Type.String(),
});

function versionView(request: FastifyRequest, v: DispatchRuleVersion, zone: string): Static<typeof VersionSchema> {
  return {
    version: v.versionId, appliedAt: isoAt(v.appliedAt, zone), appliedBy: v.appliedBy, model: v.model, forecastRun: v.forecastRunId,
    queues: v.queues, restores: v.restoresVersion, path: fileShown(request, v.path), diff: v.diff, content: v.content,
  };
}
