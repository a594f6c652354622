// GET /api/alerts/:id/route-proposal?team= (preview: reads never write) and POST (apply, { team }):
// from an open product or region alert, the dispatch-rule change sending its tickets to a team
// (alerts/routing/propose-route.ts), written as a new dispatch-rules version. Who may: those who may
// preview a dispatch-rule change today (admins, managers, planners) preview; those who may apply
// staffing (admins, planners) apply; team leads change no dispatch rules (their teams' alerts are
// refused as such, others are not found, as on the Alerts API).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { alertNotFound } from '../../../alerts/engine/alert-not-found.ts';
import { listAlerts } from '../../../alerts/engine/alert-store.ts';
import type { AlertRunner } from '../../../alerts/engine/alert-runner.ts';
import { readAlertConfig } from '../../../alerts/config/alert-config.ts';
import { proposeRoute, RouteProposalError } from '../../../alerts/routing/propose-route.ts';
import { readForecastSettings } from '../../../forecasting/forecast-config.ts';
import { loadConfig, resolveConfigPath } from '../../../warehouse/config.ts';
import { endBudgetToWrite } from '../../../warehouse/query-budget.ts';
import type { AppContext } from '../app.ts';
import { ForbiddenError } from '../auth/forbidden-error.ts';
import type { Role } from '../auth/request-principal.ts';
import { describePrincipal } from './dispatch-rules.ts';
import { PLAN_WRITERS, PLANNING_ROLES, withSession } from './forecast.ts';

const Names = Type.Object({ en: Type.String(), zh: Type.String() });
const QueueRef = Type.Object({ queue: Type.String(), names: Names });
const Match = Type.Record(Type.String(), Type.Array(Type.String()), { description: 'dispatch-rule match: field -> values' });
const Sla = Type.Object({ firstResponseSeconds: Type.Union([Type.Number(), Type.Null()]), resolutionSeconds: Type.Union([Type.Number(), Type.Null()]), clock: Type.String() });
const ServiceLevel = Type.Object({ target: Type.Number(), answerWithinSeconds: Type.Number(), patienceSeconds: Type.Optional(Type.Number()) });
const AddQueue = Type.Object({
  kind: Type.Literal('add-queue'), queue: Type.String(), names: Names, match: Match, skills: Type.Array(Type.String()),
  line: Type.Integer({ description: 'the new queue\'s line in the file' }),
  ahead: Type.Union([QueueRef, Type.Null()], { description: 'the queue it goes ahead of' }),
  slaFrom: Type.Union([QueueRef, Type.Null()], { description: 'where its SLA comes from: the queue taking these tickets today' }),
  sla: Type.Union([Sla, Type.Null()]), serviceLevel: Type.Union([ServiceLevel, Type.Null()]), maxOpenPerAgent: Type.Union([Type.Integer(), Type.Null()]),
});
const ExtendMatch = Type.Object({
  kind: Type.Literal('extend-match'), queue: Type.String(), names: Names, match: Match,
  added: Type.Record(Type.String(), Type.String()), line: Type.Integer(),
});
const Proposal = Type.Object({
  dryRun: Type.Boolean(),
  alert: Type.Object({ id: Type.String(), ruleId: Type.String(), state: Type.String(), title: Type.String(), routed: Type.Record(Type.String(), Type.String()) }),
  team: Type.Object({ id: Type.String(), names: Names }),
  change: Type.Union([AddQueue, ExtendMatch, Type.Null()], { description: 'null: the rules already send these tickets to the team' }),
  takenBy: Type.Union([QueueRef, Type.Null()], { description: 'the first queue whose match takes these tickets today' }),
  lines: Type.Object({ en: Type.Array(Type.String()), zh: Type.Array(Type.String()) }, { description: 'the preview, per language' }),
  diff: Type.String({ description: 'unified diff of the dispatch rules file' }),
  changed: Type.Boolean(),
  versionId: Type.Union([Type.Integer(), Type.Null()], { description: 'the recorded dispatch-rules version; null for a preview or no change' }),
  previousVersion: Type.Union([Type.Integer(), Type.Null()], { description: 'the version a rollback restores to undo it (the text before); null for a preview' }),
  appliedBy: Type.String({ description: 'the name of the token signed in with, and its role' }),
  path: Type.String({ description: 'the dispatch rules file by name' }),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 300 }) });
const TeamProperty = { team: Type.String({ minLength: 1, maxLength: 100, description: 'the team (config teams:) to send the tickets to' }) };
const PreviewQuery = Type.Object(TeamProperty, { additionalProperties: false });
const ApplyBody = Type.Object(TeamProperty, { additionalProperties: false });

/** Every role that reads dashboards reaches the handler, which says why a team lead or a manager may not. */
const CALLERS: readonly Role[] = ['admin', 'manager', 'planner', 'team_lead'];

export const alertRoutingRoutes = (ctx: AppContext, options: { configPath?: string; runner?: AlertRunner | null } = {}): FastifyPluginAsync => async (app) => {
  async function refuseTeamLead(request: FastifyRequest, id: string): Promise<void> {
    const teams = request.principal.teams ?? [];
    const [alert] = await ctx.warehouse.withConnection((db) => listAlerts(db, { alertId: id, teams }));
    if (!alert) throw new RouteProposalError(404, alertNotFound(id));
    throw new ForbiddenError('team leads do not change the dispatch rules: a planner or an admin applies a routing change (a manager may preview it)',
      { en: 'Team leads do not change the dispatch rules: ask a planner or an admin to apply this routing (a manager may preview it).',
        zh: '组长不能修改分派规则：请计划员或管理员应用此分派调整（经理可以预览）。' });
  }

  async function run(request: FastifyRequest, reply: FastifyReply, id: string, team: string, apply: boolean) {
    const role = request.principal.role;
    try {
      if (role === 'team_lead') await refuseTeamLead(request, id);
      if (!(apply ? PLAN_WRITERS : PLANNING_ROLES).includes(role)) {
        throw new ForbiddenError(`the ${role} role may preview a routing change but not apply it: planners and admins apply dispatch rules`,
          { en: 'You may preview this routing change; planners and admins apply dispatch rules.', zh: '您可以预览此分派调整；分派规则由计划员或管理员应用。' });
      }
      const configFile = resolveConfigPath(options.configPath);
      const rules = options.runner?.current()?.rules ?? (() => { try { return readAlertConfig(configFile).rules; } catch { return []; } })();
      const propose = (session: Parameters<Parameters<typeof withSession>[1]>[0], who: string) => proposeRoute({
        db: session, alertId: id, team, teams: loadConfig(configFile).teams, rules,
        dispatchRulesPath: readForecastSettings(options.configPath).dispatchRulesPath, who, apply,
      });
      return await withSession(ctx, async (session) => {
        const who = await describePrincipal(session, request.principal);
        // Written in turn with every other writer, never interrupted by the read budget (as a staffing apply).
        const p = apply ? await endBudgetToWrite(session.db, () => ctx.writes.run(() => propose(session, who))) : await propose(session, who);
        return {
          dryRun: !apply, alert: p.alert, team: p.team, change: p.change, takenBy: p.takenBy, lines: p.lines, diff: p.diff,
          changed: p.changed, versionId: p.versionId, previousVersion: p.previousVersion, appliedBy: p.who, path: p.file,
        };
      });
    } catch (err) {
      if (!(err instanceof RouteProposalError)) throw err;
      return reply.status(err.statusCode).send({ error: err.statusCode === 404 ? 'NotFound' : 'RouteRefused', message: err.message, label: err.label });
    }
  }

  app.get('/alerts/:id/route-proposal', {
    config: { roles: CALLERS },
    schema: {
      summary: 'Preview the dispatch-rule change sending a product or region alert\'s tickets to a team (writes nothing)',
      params: IdParams, querystring: PreviewQuery, response: { 200: Proposal },
    },
  }, (request, reply) => run(request, reply, (request.params as Static<typeof IdParams>).id, (request.query as Static<typeof PreviewQuery>).team, false));

  app.post('/alerts/:id/route-proposal', {
    config: { roles: CALLERS },
    schema: {
      summary: 'Apply it: the dispatch rules get the queue (or the extended match), recorded as a new version (history, rollback)',
      params: IdParams, body: ApplyBody, response: { 200: Proposal },
    },
  }, (request, reply) => run(request, reply, (request.params as Static<typeof IdParams>).id, (request.body as Static<typeof ApplyBody>).team, true));
};
