// GET /api/alerts (open alerts, or ?state=, each with the query of the tickets behind it; the rules
// with their last evaluation and next run), GET /api/alerts/history (with each message's deliveries),
// POST /api/alerts/:id/ack and /api/alerts/:id/silence; GET /api/alerts/reports (the scheduled reports
// and where each digest went). Team leads see and act on the alerts and reports whose teams are all
// theirs (withinTeams), others are not found; of the rules, what rule-scope.ts lets them read (their
// teams in a rule's filter, never another's; not its notify targets, which are the desk's channels, no
// team's, nor where history messages and digests went: withoutTargets), and they silence a whole rule
// only when all its teams are theirs (may_silence_rule says so per alert); planners and ingest tokens none.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { alertNotFound, alertResolved } from '../../../alerts/engine/alert-not-found.ts';
import { mayActOnWholeRule, ruleFilterSeenBy } from '../../../alerts/engine/rule-scope.ts';
import { acknowledgeAlert, actorNames, addHistory, addSilence, alertHistory, listAlerts, ruleRuns, type AlertState, type StoredAlert } from '../../../alerts/engine/alert-store.ts';
import type { AlertRunner } from '../../../alerts/engine/alert-runner.ts';
import { readAlertConfig, type AlertConfig } from '../../../alerts/config/alert-config.ts';
import { readReportConfig } from '../../../alerts/digest/report-config.ts';
import { reportStatuses, type ReportStatus } from '../../../alerts/schedule/report-deliveries.ts';
import { ticketsQuery } from '../../../alerts/engine/alert-drill.ts';
import { parseDuration } from '../../../warehouse/duration.ts';
import { resolveConfigPath } from '../../../warehouse/config.ts';
import type { AppContext } from '../app.ts';
import { PEOPLE_ROLES } from '../auth/people-roles.ts';
import { readWarehouse } from '../read-warehouse.ts';
import type { Label } from '../../../warehouse/metrics/table.ts';

const HIDDEN_FROM_LEADS = 'empty for a team lead: the targets are the desk\'s channels, not a team\'s';
const Alert = Type.Object({
  alert_id: Type.String(), rule_id: Type.String(), group_key: Type.String(), kind: Type.String(), state: Type.String(),
  teams: Type.Array(Type.String()), title: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()),
  first_fired_at: Type.String(), last_seen_at: Type.String(), last_notified_at: Type.Union([Type.String(), Type.Null()]),
  notify_level: Type.Integer(), acknowledged_by: Type.Union([Type.String(), Type.Null()], { description: 'who acknowledged it: the name of their token (or cli:<user>)' }), acknowledged_at: Type.Union([Type.String(), Type.Null()]),
  resolved_at: Type.Union([Type.String(), Type.Null()]),
  tickets_query: Type.Record(Type.String(), Type.Array(Type.String()), { description: 'the tickets behind it: the query of /api/tickets (and of the /tickets page)' }),
  may_silence_rule: Type.Boolean({ description: 'whether the caller may silence every group of its rule (scope: rule): a team lead only when all the rule\'s teams are theirs' }),
});
const Rule = Type.Object({
  id: Type.String(), kind: Type.String(),
  notify: Type.Array(Type.String(), { description: `where its messages go (notify target ids); ${HIDDEN_FROM_LEADS}` }),
  metric: Type.Union([Type.String(), Type.Null()]), window_seconds: Type.Union([Type.Number(), Type.Null()]), by: Type.Array(Type.String()),
  filter: Type.Record(Type.String(), Type.Array(Type.String())),
  evaluated_at: Type.Union([Type.String(), Type.Null()]), firing: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]),
  next_run_at: Type.Union([Type.String(), Type.Null()], { description: 'the next every-minute evaluation (a data write brings one sooner); null when the server does not evaluate' }),
});
const Delivery = Type.Object({
  target: Type.String(), at: Type.String({ description: 'first attempt' }), attempts: Type.Integer(),
  outcome: Type.Union([Type.Literal('sent'), Type.Literal('failed')]), why: Type.Union([Type.String(), Type.Null()], { description: 'the last failed attempt\'s reason' }),
});
const ReportDeliveryItem = Type.Composite([Delivery, Type.Object({ day: Type.String({ description: 'the day the digest reports on' }) })]);
const Report = Type.Object({
  id: Type.String(), schedule: Type.String({ description: 'five-field cron in `timezone`' }), timezone: Type.String(),
  scope: Type.Object({ role: Type.String(), teams: Type.Array(Type.String()) }, { description: 'who the digest is written for' }),
  language: Type.String(), notify: Type.Array(Type.String(), { description: HIDDEN_FROM_LEADS }), next_run_at: Type.Union([Type.String(), Type.Null()]),
  last_run: Type.Union([Type.Object({ scheduled_for: Type.String(), ran_at: Type.String(), outcome: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
    why: Type.Union([Type.String(), Type.Null()], { description: 'the failed targets and why; null for a team lead (it names the targets)' }) }), Type.Null()]),
  deliveries: Type.Array(ReportDeliveryItem, { description: `newest first, at most 20: one per day and target; ${HIDDEN_FROM_LEADS}` }),
});
const ListQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('firing'), Type.Literal('acknowledged'), Type.Literal('resolved'), Type.Literal('all')],
    { description: 'open (default: firing and acknowledged), one state, or all' })),
}, { additionalProperties: false });
const HistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'newest first (default 200)' })),
  alert: Type.Optional(Type.String({ maxLength: 300, description: 'one alert\'s history' })),
}, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ maxLength: 300 }) });
const SilenceBody = Type.Object({
  for: Type.String({ maxLength: 10, description: 'how long, e.g. 30m, 2h, 1d' }),
  scope: Type.Optional(Type.Union([Type.Literal('group'), Type.Literal('rule')], { description: 'this alert\'s group (default) or every group of its rule' })),
}, { additionalProperties: false });
const Done = Type.Object({ alert: Alert });

const scopeOf = (request: FastifyRequest) => (request.principal.role === 'team_lead' ? request.principal.teams ?? [] : null);
/** For a team lead (teams not null), without where messages went: the notify targets are the desk's, as the rules' are. */
const withoutTargets = {
  history: <H extends { deliveries: unknown[] }>(h: H, teams: readonly string[] | null): H => (teams ? { ...h, deliveries: [] } : h),
  report: (r: ReportStatus, teams: readonly string[] | null): ReportStatus =>
    (teams ? { ...r, notify: [], deliveries: [], last_run: r.last_run && { ...r.last_run, why: null } } : r),
};
// Recorded by token id (stable, unique); shown by the token's name (actorNames).
const who = (request: FastifyRequest) => request.principal.tokenId ?? request.principal.role;
/** A silence whose `for` is no duration; the letters are the syntax the API takes. */
const notADuration = (text: string): Label => ({ en: `for: "${text}" is not a duration like 30m, 2h, 1d`,
  zh: `静默时长 "${text}" 无效：应写作 30m、2h、1d 这样的时长（分钟、小时、天）` });
// Answered with the words in both languages: the Alerts page shows the one of its language.
const refuse = (reply: FastifyReply, status: number, error: string, label: Label) => reply.status(status).send({ error, message: label.en, label });
const notFound = (reply: FastifyReply, id: string) => refuse(reply, 404, 'NotFound', alertNotFound(id));
/** A team lead silencing every group of a rule that also watches teams not theirs. */
const wholeRuleRefused = (ruleId: string): Label => ({
  en: `rule "${ruleId}" also watches teams other than yours: silence this alert's group instead (scope: group)`,
  zh: `规则 "${ruleId}" 还监控您负责的团队以外的团队：请只静默此告警所在的分组`,
});

export const alertRoutes = (ctx: AppContext, options: { configPath?: string; runner?: AlertRunner | null } = {}): FastifyPluginAsync => async (app) => {
  const config = { roles: PEOPLE_ROLES };
  // The tickets' query from the rule's filter as the caller may read it (a lead's: their teams only).
  const withTickets = (a: StoredAlert, named: (by: string | null) => string | null, teams: readonly string[] | null, rules = configured()?.rules ?? []) => {
    const rule = rules.find((r) => r.id === a.rule_id);
    const seen = rule && { ...rule, filter: ruleFilterSeenBy(rule.filter, teams) ?? {} };
    return { ...a, acknowledged_by: named(a.acknowledged_by), tickets_query: ticketsQuery(a, seen, ctx.timezone),
      may_silence_rule: mayActOnWholeRule(rule?.filter ?? {}, teams) };
  };
  function configured(): AlertConfig | null {
    try {
      return options.runner?.current() ?? readAlertConfig(resolveConfigPath(options.configPath));
    } catch {
      return null; // a bad rule file: `serve`'s log and `deskpulse alerts list` say why
    }
  }
  app.get('/alerts', {
    config,
    schema: { summary: 'Alerts (open by default) and the rules with their last evaluation', querystring: ListQuery,
      response: { 200: Type.Object({ alerts: Type.Array(Alert), rules: Type.Array(Rule),
        timezone: Type.String({ description: 'the desk\'s zone (the config\'s): the page shows every time of alerts, history and reports in it, as the dashboards do' }) }) } },
  }, async (request) => {
    const { state = 'open' } = request.query as Static<typeof ListQuery>;
    const states: AlertState[] | undefined = state === 'all' ? undefined : state === 'open' ? ['firing', 'acknowledged'] : [state];
    const teams = scopeOf(request);
    const [alerts, runs, visibleOpen, named] = await readWarehouse(ctx, async (db) => [await listAlerts(db, { states, teams }), await ruleRuns(db),
      teams ? await listAlerts(db, { states: ['firing', 'acknowledged'], teams }) : [], await actorNames(db)] as const);
    // A rule's last count spans every team: a team lead is told how many of theirs are open instead.
    const found = (ruleId: string, all: number | undefined) => (teams ? visibleOpen.filter((a) => a.rule_id === ruleId).length : all ?? null);
    const ruleList = configured()?.rules ?? [];
    const next = options.runner?.nextRunAt()?.toISOString() ?? null;
    const rules = ruleList.flatMap((r) => {
      const filter = ruleFilterSeenBy(r.filter, teams);
      if (!filter) return [];
      const run = runs.get(r.id);
      return [{ id: r.id, kind: r.kind, notify: teams ? [] : r.notify, metric: 'metric' in r ? r.metric : null, window_seconds: 'window' in r ? r.window : null,
        by: r.by, filter: filter as Record<string, string[]>,
        evaluated_at: run?.evaluated_at ?? null, firing: run ? found(r.id, run.firing) : null, error: run?.error ?? null, next_run_at: next }];
    });
    return { alerts: alerts.map((a) => withTickets(a, named, teams, ruleList)), rules, timezone: ctx.timezone };
  });

  app.get('/alerts/history', {
    config,
    schema: { summary: 'What happened to alerts: fired, reminded, escalated, acknowledged, silenced, resolved (newest first); each message with its deliveries', querystring: HistoryQuery,
      response: { 200: Type.Object({ history: Type.Array(Type.Object({ alert_id: Type.String(), at: Type.String(), event: Type.String(),
        by_whom: Type.Union([Type.String(), Type.Null()], { description: 'who acted: the name of their token (or cli:<user>); null for the engine' }), title: Type.String(), teams: Type.Array(Type.String()),
        deliveries: Type.Array(Delivery, { description: HIDDEN_FROM_LEADS }) })) }) } },
  }, async (request) => {
    const { limit, alert } = request.query as Static<typeof HistoryQuery>;
    const teams = scopeOf(request);
    const history = await readWarehouse(ctx, (db) => alertHistory(db, { teams, alertId: alert, limit }));
    return { history: history.map((h) => withoutTargets.history(h, teams)) };
  });

  app.get('/alerts/reports', {
    config,
    schema: { summary: 'The scheduled reports (config reports:) with their next and last run and their deliveries (sent or failed, why, when, target); a team lead sees those written for their teams',
      response: { 200: Type.Object({ reports: Type.Array(Report) }) } },
  }, async (request) => {
    let rc: ReturnType<typeof readReportConfig>;
    try {
      rc = readReportConfig(resolveConfigPath(options.configPath));
    } catch {
      return { reports: [] }; // a bad config: `serve`'s log and `deskpulse report list` say why
    }
    const teams = scopeOf(request);
    const reports = await readWarehouse(ctx, (db) => reportStatuses(db, rc, teams));
    return { reports: reports.map((r) => withoutTargets.report(r, teams)) };
  });

  app.post('/alerts/:id/ack', {
    config,
    schema: { summary: 'Acknowledge an alert: no more reminders or escalations for it', params: IdParams, response: { 200: Done } },
  }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    return ctx.warehouse.withConnection(async (db) => {
      const [alert] = await listAlerts(db, { alertId: id, teams: scopeOf(request) });
      if (!alert) return notFound(reply, id);
      const resolved = () => refuse(reply, 409, 'AlreadyResolved', alertResolved(id));
      if (alert.state === 'resolved') return resolved();
      const now = new Date();
      // the alert as it is now (the scheduler may have resolved it since it was read above)
      const acked = await acknowledgeAlert(db, id, who(request), now);
      if (!acked) return resolved();
      await addHistory(db, id, 'acknowledged', acked.title, now, who(request));
      return { alert: withTickets(acked, await actorNames(db), scopeOf(request)) };
    });
  });

  app.post('/alerts/:id/silence', {
    config,
    schema: { summary: 'Silence an alert\'s group (or its whole rule) for a while: evaluated, recorded, not sent', params: IdParams, body: SilenceBody, response: { 200: Done } },
  }, async (request, reply) => {
    const { id } = request.params as Static<typeof IdParams>;
    const body = request.body as Static<typeof SilenceBody>;
    const seconds = parseDuration(body.for);
    if (!seconds) return refuse(reply, 400, 'BadRequest', notADuration(body.for));
    const teams = scopeOf(request);
    return ctx.warehouse.withConnection(async (db) => {
      const [alert] = await listAlerts(db, { alertId: id, teams });
      if (!alert) return notFound(reply, id);
      const rule = configured()?.rules.find((r) => r.id === alert.rule_id);
      if (body.scope === 'rule' && !mayActOnWholeRule(rule?.filter ?? {}, teams)) return refuse(reply, 403, 'Forbidden', wholeRuleRefused(alert.rule_id));
      const now = new Date();
      await addSilence(db, { id: randomUUID(), ruleId: alert.rule_id, groupKey: body.scope === 'rule' ? null : alert.group_key,
        until: new Date(now.getTime() + seconds * 1000), by: who(request), at: now });
      await addHistory(db, id, 'silenced', `${alert.title} (for ${body.for})`, now, who(request));
      return { alert: withTickets(alert, await actorNames(db), teams) };
    });
  });
};
