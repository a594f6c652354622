// GET /api/staffing: agents per queue and interval for the current forecast (Erlang C for live
// queues, workload for async ones) with service level / SLA attainment and occupancy; what-if
// parameters (volume, AHT, shrinkage, target, answer time) show the change before applying it.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { CurrentForecast } from '../../../forecasting/current-forecast.ts';
import {
  capacityWarnings, overlapWarnings, rankWarnings, staffingWarnings, type DispatchWarning,
} from '../../../forecasting/dispatch-rules/warnings.ts';
import { queueNames, withQueueNamesIn } from '../../../forecasting/dispatch-rules/queue-names.ts';
import type { DispatchQueueRule } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { intervalLabel } from '../../../forecasting/series/interval.ts';
import { DEFAULT_RUNS, MAX_RUNS } from '../../../forecasting/simulation/replications.ts';
import { dayStart, defaultReplayStart, MAX_SIMULATED_DAYS, simulatePlan, simulateReplay } from '../../../forecasting/simulation/run-simulation.ts';
import { simulationView } from '../../../forecasting/simulation/simulation-view.ts';
import { serverComputeRunner } from '../../../forecasting/compute/compute-pool.ts';
import type { QueuePlan } from '../../../forecasting/staffing/plan-queue.ts';
import type { RecommendInput, StaffingRecommendation } from '../../../forecasting/staffing/recommend.ts';
import { configTeams, staffingInput } from '../../../forecasting/staffing/staffing-for-forecast.ts';
import type { WhatIfResult, WhatIfScenario } from '../../../forecasting/staffing/what-if.ts';
import { isoAt } from '../../../warehouse/calendar/zoned-iso.ts';
import type { WarehouseSession } from '../../../forecasting/warehouse-session.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import { checkQueryBudget } from '../../../warehouse/query-budget.ts';
import type { AppContext } from '../app.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { staffingHistoryFor } from '../staffing-history-cache.ts';
import { keptPlan, notePlanOutcome, planCacheKey, planOutcome, planStarts } from '../staffing-plan-cache.ts';
import { exportLang } from '../tabular/export-lang.ts';
import { sendTable } from '../tabular/send-table.ts';
import { staffingDaysTable, staffingDayTable } from './staffing-days.ts';
import {
  ExportProperties, ForecastQueryProperties, forecastFor, loadPlanning, PLANNING_ROLES, SkippedSchema,
  httpError, wantsTable, withSession, type ForecastQuery, type Planning, type PlanningOptions,
} from './forecast.ts';

// Staffing costs grow with the traffic, arrivals x volume_factor x AHT / interval; the agent search
// stops at MAX_AGENTS_SEARCHED (erlang-c.ts) and the plan is made one queue at a time on a worker
// thread, so the bounds below keep a quarter at 15m within a few seconds.
export const WhatIfProperties = {
  volume_factor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'multiply the forecast arrivals, e.g. 1.3 for a promotion (at most 10)' })),
  aht_seconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 14_400, description: 'average handle time for every queue and hour, seconds (at most 4 h)' })),
  shrinkage: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description: 'share of paid time off the queue (default 0.3)' })),
  max_occupancy: Type.Optional(Type.Number({ minimum: 0.5, maximum: 1, description: 'highest occupancy (default 0.85, at least 0.5)' })),
  target: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'service-level target of live queues, e.g. 0.9' })),
  within: Type.Optional(Type.Number({ minimum: 0, maximum: 3600, description: 'answer time of the target, seconds, e.g. 20' })),
};
const WhatIfSchema = Type.Object(WhatIfProperties);
export type WhatIfQuery = Static<typeof WhatIfSchema>;

/** The scenario the query asks for, or null when it changes nothing. */
export function scenarioOf(q: WhatIfQuery): WhatIfScenario | null {
  const s: WhatIfScenario = {
    ...(q.volume_factor !== undefined ? { volumeMultiplier: q.volume_factor } : {}),
    ...(q.aht_seconds !== undefined ? { ahtSeconds: q.aht_seconds } : {}),
    ...(q.shrinkage !== undefined ? { shrinkage: q.shrinkage } : {}),
    ...(q.max_occupancy !== undefined ? { maxOccupancy: q.max_occupancy } : {}),
    ...(q.target !== undefined ? { serviceLevelTarget: q.target } : {}),
    ...(q.within !== undefined ? { answerWithinSeconds: q.within } : {}),
  };
  return Object.keys(s).length > 0 ? s : null;
}

export interface PlannedStaffing {
  forecast: CurrentForecast;
  /** What would be applied: the scenario's staffing when one is asked, else the base recommendation. */
  recommendation: StaffingRecommendation;
  whatIf: WhatIfResult | null;
  warnings: DispatchWarning[];
  /** Every queue's intervals (the what-if's beside the base when one is asked). */
  table: MetricTable;
}

/**
 * Each forecast queue planned on its own on the compute pool's worker threads (the event loop stays
 * free: health and other requests answer meanwhile); once the request's query budget on `db` is
 * spent, the rest is not computed (QueryBudgetError, 503).
 */
async function queueByQueue(db: DuckDBConnection, input: RecommendInput, scenario: WhatIfScenario | null): Promise<QueuePlan[]> {
  const compute = serverComputeRunner();
  if (input.forecasts.length === 0) return [await compute('planQueue', { input, scenario })];
  const plans: QueuePlan[] = [];
  for (const forecast of input.forecasts) {
    checkQueryBudget(db);
    plans.push(await compute('planQueue', { input: { ...input, forecasts: [forecast] }, scenario }));
  }
  return plans;
}

function mergeTables(parts: readonly MetricTable[]): MetricTable {
  if (parts.length === 1) return parts[0]!;
  const dates = parts.flatMap((t) => [t.period.from, t.period.to]).sort();
  return { ...parts[0]!, period: { ...parts[0]!.period, from: dates[0]!, to: dates[dates.length - 1]! }, rows: parts.flatMap((t) => t.rows) };
}

function mergeRecommendations(parts: readonly StaffingRecommendation[]): StaffingRecommendation {
  return { ...parts[0]!, queues: parts.flatMap((p) => p.queues) };
}

function mergeWhatIfs(parts: readonly WhatIfResult[]): WhatIfResult {
  const sum = (pick: (t: WhatIfResult['totals']) => number) => parts.reduce((s, p) => s + pick(p.totals), 0);
  return {
    scenario: parts[0]!.scenario,
    base: mergeRecommendations(parts.map((p) => p.base)),
    changed: mergeRecommendations(parts.map((p) => p.changed)),
    queues: parts.flatMap((p) => p.queues),
    totals: { baseAgentHours: sum((t) => t.baseAgentHours), agentHours: sum((t) => t.agentHours), changeAgentHours: sum((t) => t.changeAgentHours) },
  };
}

/** The staffing of `input` under the scenario (if any), its table and the warnings, ranked. */
async function staffingOf(session: WarehouseSession, planning: Planning, forecast: CurrentForecast, input: RecommendInput,
  scenario: WhatIfScenario | null): Promise<PlannedStaffing> {
  let parts: QueuePlan[];
  try {
    parts = await queueByQueue(session.db, input, scenario);
  } catch (err) {
    if (err instanceof RangeError) throw new FilterError('what-if', err.message);
    throw err;
  }
  const recommendation = mergeRecommendations(parts.map((p) => p.recommendation));
  const whatIf = scenario ? mergeWhatIfs(parts.map((p) => p.whatIf!)) : null;
  const { rules } = planning.rules;
  const warnings = rankWarnings([...staffingWarnings(recommendation), ...capacityWarnings(rules, recommendation), ...overlapWarnings(rules)]);
  return { forecast, recommendation, whatIf, warnings, table: mergeTables(parts.map((p) => p.table)) };
}

/** The teams' `headcount:` of the planning's config, parsed once per planning read (loadPlanning keeps it while the files are unchanged). */
const teamsRead = new WeakMap<Planning, ReturnType<typeof configTeams>>();
function teamsOf(planning: Planning): ReturnType<typeof configTeams> {
  const teams = teamsRead.get(planning) ?? configTeams(planning.configPath !== undefined ? { configPath: planning.configPath } : {});
  teamsRead.set(planning, teams);
  return teams;
}

/**
 * The forecast (kept as a run only when `store`), the staffing for it (under the scenario, if any),
 * its table and the warnings, computed within the request's query budget (an apply's store comes
 * after it, outside). A read's plan is kept with its forecast (staffing-plan-cache.ts; the
 * session's planOutcome says whether it was); an apply plans afresh.
 */
export async function planStaffing(ctx: AppContext, session: WarehouseSession, planning: Planning, query: ForecastQuery & WhatIfQuery,
  store: boolean): Promise<PlannedStaffing> {
  const forecast = await forecastFor(ctx, session, planning, query, store);
  const options = { session, queues: planning.rules.rules.queues, teams: teamsOf(planning) };
  const now = Date.now();
  const scenario = scenarioOf(query);
  const plan = async () => staffingOf(session, planning, forecast, await staffingInput(forecast, { ...options, now }, await staffingHistoryFor(forecast, options)), scenario);
  if (store || !ctx.forecasts.enabled) return plan();
  const key = planCacheKey({
    rulesText: planning.rules.text, config: planning.settings.config, teams: options.teams, query: { ...query },
    planStarts: planStarts(forecast.queues, now),
  });
  const { plan: planned, outcome } = await keptPlan(forecast, key, plan);
  notePlanOutcome(session, outcome);
  return planned;
}

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

const InBothLanguages = Type.Object({ en: Type.String(), zh: Type.String() });

export const WarningSchema = Type.Object({
  kind: Type.String(), queues: Type.Array(Type.String()), message: Type.String({ description: 'English' }),
  messages: Type.Optional(InBothLanguages), severity: Type.Optional(Type.Number({ description: 'within a kind, larger is worse' })),
  line: Type.Optional(Type.Integer()),
});

const StaffingViewSchema = Type.Object({
  runId: Type.Union([Type.Integer(), Type.Null()]),
  generatedAt: Type.String(),
  interval: Type.String(),
  horizon: Type.String(),
  reused: Type.Boolean(),
  scenario: Type.Union([Type.Null(), Type.Object(Object.fromEntries(Object.keys(WhatIfProperties).map((k) => [k, Type.Optional(Type.Number())])))]),
  pooling: Type.Object({ en: Type.String(), zh: Type.String() }, { description: 'how agents shared by several queues are counted' }),
  queues: Type.Array(Type.Object({
    queue: Type.String(), name: Type.String(), names: Type.Object({ en: Type.String(), zh: Type.String() }, { description: 'the queue\'s name in each language (dispatch rules)' }), zone: Type.String(),
    method: Type.String({ description: 'erlang_c, erlang_a (with patience) or workload' }), reason: Type.String(), model: Type.String(),
    target: Type.Object({
      serviceLevel: Nullable(Type.Number()), answerWithinSeconds: Nullable(Type.Number()), slaSeconds: Nullable(Type.Number()),
      clock: Type.Union([Type.String(), Type.Null()]), maxOccupancy: Type.Number(), shrinkage: Type.Number(),
      patienceSeconds: Nullable(Type.Number({ description: 'Erlang A: mean patience of callers' })),
    }),
    headcount: Type.Union([Type.Null(), Type.Object({
      agents: Type.Number({ description: 'people who can work the queue (fractional: shared agents split by share of work)' }),
      source: Type.String({ description: 'config or events' }), dedicated: Type.Integer(), shared: Type.Integer(), sharedFte: Type.Number(),
      note: InBothLanguages,
    })], { description: 'null: not known, the plan is not capped' }),
    planStart: Type.Union([Type.String({ description: 'the first interval planned (the next after now), ISO in the queue\'s zone' }), Type.Null()]),
    summary: Type.Object({
      agentHours: Type.Number(), peakScheduledAgents: Type.Integer(),
      peakRequiredAgents: Type.Integer({ description: 'agents to schedule that the target needs at its peak, head count or not' }),
      peakRequiredIsLowerBound: Type.Boolean({ description: 'the target needs more than the agents searched: peakRequiredAgents is "more than"' }),
      peakShortfall: Type.Union([Type.Null(), Type.Object({
        start: Type.String({ description: 'ISO in the queue\'s zone' }), agents: Type.Integer(), requiredAgents: Type.Integer(),
        scheduledAgents: Type.Integer(), serviceLevel: Nullable(Type.Number()),
      })]),
      shortfallAgentHours: Type.Number(), intervalsShort: Type.Integer(),
      serviceLevel: Nullable(Type.Number({ description: 'arrival-weighted service level / SLA attainment' })), occupancy: Nullable(Type.Number()),
    }),
    whatIf: Type.Optional(Type.Object({
      baseAgentHours: Type.Number(), agentHours: Type.Number(), changeAgentHours: Type.Number(), basePeakAgents: Type.Integer(), peakAgents: Type.Integer(),
    })),
  })),
  warnings: Type.Array(WarningSchema),
  skipped: SkippedSchema,
  table: MetricTableSchema,
});

const StaffingQuery = Type.Object({
  ...ForecastQueryProperties, ...WhatIfProperties, ...ExportProperties,
  // The page draws day rows first and a day's intervals when it is opened: a 14-day plan of six
  // queues is about 40 KB of days instead of 750 KB of intervals.
  rows: Type.Optional(Type.Union([Type.Literal('intervals'), Type.Literal('days')], {
    description: 'the JSON table: every interval (default), or one row per queue and local day; exports (format) always hold every interval',
  })),
  day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the JSON table holds this local day\'s intervals only (YYYY-MM-DD)' })),
}, { additionalProperties: false });

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

const roundOrNull = (x: number | null) => (x === null ? null : round(x));

/** `zone`: the config's, for "made at" when no queue is planned (else the first queue's). */
function staffingView(p: PlannedStaffing, query: WhatIfQuery, table: MetricTable, zone: string, rules: readonly DispatchQueueRule[]) {
  const scenario = scenarioOf(query) ? Object.fromEntries(Object.entries(query).filter(([k, v]) => k in WhatIfProperties && v !== undefined)) : null;
  return {
    runId: p.forecast.runId, generatedAt: isoAt(p.forecast.generatedAt, p.recommendation.queues[0]?.zone ?? zone),
    interval: intervalLabel(p.forecast.intervalMinutes), horizon: p.forecast.horizon, reused: p.forecast.reused, scenario,
    pooling: p.recommendation.pooling,
    queues: p.recommendation.queues.map((q, k) => {
      const w = p.whatIf?.queues[k];
      const s = q.summary;
      return {
        queue: q.queueId, name: q.queueName, names: queueNames(rules, q.queueId, q.queueName), zone: q.zone, method: q.method, reason: q.reason, model: q.model, target: q.target,
        headcount: q.headcount && { ...q.headcount, agents: round(q.headcount.agents, 2), sharedFte: round(q.headcount.sharedFte, 2) },
        planStart: q.planStart === null ? null : isoAt(q.planStart, q.zone),
        summary: {
          agentHours: round(s.agentHours, 2), peakScheduledAgents: s.peakScheduledAgents,
          peakRequiredAgents: s.peakRequiredAgents, peakRequiredIsLowerBound: s.peakRequiredIsLowerBound,
          peakShortfall: s.peakShortfall && { ...s.peakShortfall, start: isoAt(s.peakShortfall.start, q.zone), serviceLevel: roundOrNull(s.peakShortfall.serviceLevel) },
          shortfallAgentHours: round(s.shortfallAgentHours, 2), intervalsShort: s.intervalsShort,
          serviceLevel: roundOrNull(s.serviceLevel), occupancy: roundOrNull(s.occupancy),
        },
        ...(w ? { whatIf: {
          baseAgentHours: round(w.baseAgentHours, 2), agentHours: round(w.agentHours, 2), changeAgentHours: round(w.changeAgentHours, 2),
          basePeakAgents: w.basePeakAgents, peakAgents: w.peakAgents,
        } } : {}),
      };
    }),
    warnings: p.warnings, skipped: p.forecast.skipped, table,
  };
}

const BandOfRuns = Type.Union([Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), Type.Null()]);
const SimulationFigures = {
  arrivals: Type.Integer(),
  serviceLevel: Nullable(Type.Number({ description: 'simulated share answered (live) / first-responded (async) within the target' })),
  plannedServiceLevel: Nullable(Type.Number({ description: 'the analytical plan\'s: Erlang C / A, or the workload model\'s SLA attainment' })),
  frtP50Seconds: Nullable(Type.Number()), frtP90Seconds: Nullable(Type.Number()),
  abandonment: Nullable(Type.Number({ description: 'share of callers who hung up (queues with a patience)' })),
  occupancy: Nullable(Type.Number()), plannedOccupancy: Nullable(Type.Number()),
  bands: Type.Object({
    serviceLevel: BandOfRuns, frtP50Seconds: BandOfRuns, frtP90Seconds: BandOfRuns, abandonment: BandOfRuns, occupancy: BandOfRuns, backlog: BandOfRuns,
  }, {
    description: 'each simulated figure\'s p10-p90 over the runs as [low, high] (the figure itself is their median); backlog: the interval\'s, the day\'s peak, the horizon\'s end',
  }),
};
const FrtPair = { frtP50Seconds: Nullable(Type.Number()), frtP90Seconds: Nullable(Type.Number()) };

const SimulationViewSchema = Type.Object({
  mode: Type.Union([Type.Literal('plan'), Type.Literal('replay')]),
  seed: Type.Integer({ description: 'run r drew with seed + r' }), runs: Type.Integer(), from: Type.String(), to: Type.String(), intervalMinutes: Type.Integer(),
  agents: Type.Integer(), arrivals: Type.Integer(), reopens: Type.Integer(),
  flagRule: Type.Object({ points: Type.Number(), minArrivalsJudged: Type.Integer(), rule: Type.String() }, {
    description: 'an interval is flagged when the plan\'s service level lies outside the runs\' p10-p90 band and more than `points` from their median',
  }),
  overall: Type.Optional(Type.Object({ ...FrtPair, realFrtP50Seconds: Nullable(Type.Number()), realFrtP90Seconds: Nullable(Type.Number()) })),
  queues: Type.Array(Type.Object({
    queue: Type.String(), name: Type.String(), names: Type.Object({ en: Type.String(), zh: Type.String() }), zone: Type.String(), method: Type.String(), strategy: Type.String(),
    summary: Type.Object({
      ...SimulationFigures, backlogAtEnd: Type.Integer(), intervalsFlagged: Type.Integer(),
      disagrees: Type.Boolean({ description: 'the flag rule over the whole horizon' }),
    }),
    real: Type.Optional(Type.Object({ tickets: Type.Integer(), ...FrtPair })),
    days: Type.Array(Type.Object({ date: Type.String(), ...SimulationFigures, peakBacklog: Type.Integer(), intervalsFlagged: Type.Integer() })),
    intervals: Type.Array(Type.Object({
      start: Type.String(), ...SimulationFigures, plannedAgents: Nullable(Type.Number()), backlog: Type.Integer(), disagrees: Type.Boolean(),
    })),
  })),
});

const SimulationQuery = Type.Object({
  ...ForecastQueryProperties,
  interval: Type.Optional(Type.Union([Type.Literal('15m'), Type.Literal('30m'), Type.Literal('60m')], { description: 'default 60m (a replay is hourly)' })),
  ...WhatIfProperties,
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SIMULATED_DAYS, description: `days simulated (default 7, at most ${MAX_SIMULATED_DAYS})` })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'random seed of the first run (run r draws with seed + r): the same seed gives the same result (default 1)' })),
  runs: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RUNS, description: `independent runs: figures are their median with a p10-p90 band (default ${DEFAULT_RUNS}); a replay varies handle times, reply delays, hang-ups and reopens, not the week's arrivals` })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'first day, YYYY-MM-DD in the rules\' zone (default the plan start; replay: the last full week)' })),
  replay: Type.Optional(Type.Boolean({ description: 'replay a past week\'s real arrivals with the agents really on duty, beside the real FRT' })),
}, { additionalProperties: false });

/** The plan (or a replayed week) simulated, within the request's query budget (checked again before the simulation runs). */
async function simulate(ctx: AppContext, planning: Planning, query: Static<typeof SimulationQuery>) {
  const { rules } = planning.rules;
  const days = query.days ?? 7;
  const seed = query.seed ?? 1;
  const runs = query.runs ?? DEFAULT_RUNS;
  let from: number | undefined;
  try {
    from = query.from === undefined ? undefined : dayStart(query.from, rules.timezone);
  } catch (err) {
    throw new FilterError('from', (err as Error).message);
  }
  return withSession(ctx, async (session) => {
    const beforeRun = () => checkQueryBudget(session.db);
    if (query.replay) {
      const wanted = query.queue ?? [];
      const unknown = wanted.filter((q) => !rules.queues.some((r) => r.id === q));
      if (unknown.length > 0) throw new FilterError('queue', `${unknown.join(', ')}: a replay takes dispatch-rules queues: ${rules.queues.map((r) => r.id).join(', ')}`);
      const queues = wanted.length > 0 ? rules.queues.filter((r) => wanted.includes(r.id)) : rules.queues;
      return simulateReplay(session, queues, rules.timezone, from ?? await defaultReplayStart(session, rules.timezone, days), days, seed, runs, beforeRun);
    }
    const planned = await planStaffing(ctx, session, planning, query, false);
    const result = await simulatePlan(session, planned.recommendation, rules.queues, { ...(from !== undefined ? { from } : {}), days }, seed, runs, beforeRun);
    if (!result) throw httpError(404, `no planned interval falls in the ${days} days from ${query.from ?? 'the plan start'}: the plan covers the forecast horizon`);
    return result;
  });
}

export const staffingRoutes = (ctx: AppContext, options: PlanningOptions = {}): FastifyPluginAsync => async (app) => {
  app.get('/staffing/simulation', {
    config: { roles: PLANNING_ROLES },
    schema: {
      summary: 'The staffing plan (or, with replay, a past week) run through the dispatch rules in a discrete-event simulation',
      description: 'Per queue, local day and interval: simulated service level, FRT p50/p90, backlog, occupancy and abandonment beside the plan\'s ' +
        'figures, each the median of independent runs with their p10-p90 band; intervals where the plan lies outside the service level\'s band and ' +
        'more than 5 points from its median are flagged. Deterministic for a seed.',
      querystring: SimulationQuery,
      response: { 200: SimulationViewSchema },
    },
  }, async (request) => {
    const planning = loadPlanning(options);
    const view = simulationView(await simulate(ctx, planning, request.query as Static<typeof SimulationQuery>));
    return { ...view, queues: view.queues.map((q) => ({ ...q, names: queueNames(planning.rules.rules.queues, q.queue, q.name) })) };
  });

  app.get('/staffing', {
    config: { roles: PLANNING_ROLES, planExport: true },
    schema: {
      summary: 'Agents per queue and interval for the current forecast, with service level / SLA attainment and occupancy',
      description: 'What-if: volume_factor, aht_seconds, shrinkage, max_occupancy, target, within recompute the staffing and show it ' +
        'beside the base. ?format=csv|xlsx sends the per-interval table alone. A read\'s plan is kept with its forecast until the data, the ' +
        'config, the dispatch rules or the interval it starts at change (x-staffing-cache: hit|miss|bypass).',
      querystring: StaffingQuery,
      response: { 200: StaffingViewSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Static<typeof StaffingQuery>;
    const planning = loadPlanning(options);
    const planned = await withSession(ctx, async (session) => {
      const p = await planStaffing(ctx, session, planning, query, false);
      reply.header('x-staffing-cache', planOutcome(session));
      return p;
    });
    const { table } = planned;
    const ruleQueues = planning.rules.rules.queues;
    if (wantsTable(query, request.headers.accept)) return sendTable(request, reply, withQueueNamesIn(table, ruleQueues, exportLang(request)));
    const shown = query.day !== undefined ? staffingDayTable(table, query.day) : query.rows === 'days' ? staffingDaysTable(table) : table;
    return staffingView(planned, query, shown, planning.settings.config.timezone, ruleQueues);
  });
};
