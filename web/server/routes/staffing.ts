// GET /api/staffing: agents per queue and interval for the current forecast (Erlang C for live
// queues, workload for async ones) with service level / SLA attainment and occupancy; what-if
// parameters (volume, AHT, shrinkage, target, answer time) show the change before applying it.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { CurrentForecast } from '../../../forecasting/current-forecast.ts';
import { DispatchRulesError } from '../../../forecasting/dispatch-rules/dispatch-rules-error.ts';
import { capacityWarnings, overlapWarnings, type DispatchWarning } from '../../../forecasting/dispatch-rules/warnings.ts';
import { intervalLabel } from '../../../forecasting/series/interval.ts';
import { recommendStaffing, type StaffingRecommendation } from '../../../forecasting/staffing/recommend.ts';
import { staffingInput } from '../../../forecasting/staffing/staffing-for-forecast.ts';
import { whatIf, type WhatIfResult, type WhatIfScenario } from '../../../forecasting/staffing/what-if.ts';
import { staffingTable, whatIfTable } from '../../../forecasting/tables/staffing-table.ts';
import type { WarehouseSession } from '../../../forecasting/warehouse-session.ts';
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import { FilterError } from '../../../warehouse/metrics/filter.ts';
import type { AppContext } from '../app.ts';
import { MetricTableSchema } from '../tabular/metric-table-schema.ts';
import { sendTable } from '../tabular/send-table.ts';
import {
  ExportProperties, ForecastQueryProperties, forecastFor, loadPlanning, PLANNING_ROLES, sendDispatchRulesError, SkippedSchema,
  wantsTable, withSession, type ForecastQuery, type Planning, type PlanningOptions,
} from './forecast.ts';

// Erlang C staffing costs about max(traffic, traffic / max_occupancy) steps per interval, traffic being
// arrivals x volume_factor x AHT / interval. A quarter at 15m on the 1,500-ticket demo: 5 s at 10x
// volume and 4 h AHT, ~20 s adding the strictest target and occupancy; at 100x volume, a day's AHT
// and 1% occupancy it ran over 5 minutes.
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
}

/** The forecast (kept as a run only when `store`), the staffing for it (under the scenario, if any) and the dispatch-rule warnings. */
export async function planStaffing(ctx: AppContext, session: WarehouseSession, planning: Planning, query: ForecastQuery & WhatIfQuery,
  store: boolean): Promise<PlannedStaffing> {
  const forecast = await forecastFor(ctx, session, planning, query, store);
  const input = await staffingInput(forecast, { session, queues: planning.rules.rules.queues });
  const scenario = scenarioOf(query);
  let result: WhatIfResult | null;
  try {
    result = scenario ? whatIf(input, scenario) : null;
  } catch (err) {
    if (err instanceof RangeError) throw new FilterError('what-if', err.message);
    throw err;
  }
  const recommendation = result ? result.changed : recommendStaffing(input);
  const { rules } = planning.rules;
  return { forecast, recommendation, whatIf: result, warnings: [...capacityWarnings(rules, recommendation), ...overlapWarnings(rules)] };
}

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);

export const WarningSchema = Type.Object({
  kind: Type.String(), queues: Type.Array(Type.String()), message: Type.String(), line: Type.Optional(Type.Integer()),
});

const StaffingViewSchema = Type.Object({
  runId: Type.Union([Type.Integer(), Type.Null()]),
  generatedAt: Type.String(),
  interval: Type.String(),
  horizon: Type.String(),
  reused: Type.Boolean(),
  scenario: Type.Union([Type.Null(), Type.Object(Object.fromEntries(Object.keys(WhatIfProperties).map((k) => [k, Type.Optional(Type.Number())])))]),
  queues: Type.Array(Type.Object({
    queue: Type.String(), name: Type.String(), method: Type.String(), reason: Type.String(), model: Type.String(),
    target: Type.Object({
      serviceLevel: Nullable(Type.Number()), answerWithinSeconds: Nullable(Type.Number()), slaSeconds: Nullable(Type.Number()),
      clock: Type.Union([Type.String(), Type.Null()]), maxOccupancy: Type.Number(), shrinkage: Type.Number(),
    }),
    summary: Type.Object({
      agentHours: Type.Number(), peakScheduledAgents: Type.Integer(),
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

const StaffingQuery = Type.Object({ ...ForecastQueryProperties, ...WhatIfProperties, ...ExportProperties }, { additionalProperties: false });

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function staffingView(p: PlannedStaffing, query: WhatIfQuery, table: MetricTable) {
  const scenario = scenarioOf(query) ? Object.fromEntries(Object.entries(query).filter(([k, v]) => k in WhatIfProperties && v !== undefined)) : null;
  return {
    runId: p.forecast.runId, generatedAt: new Date(p.forecast.generatedAt).toISOString(), interval: intervalLabel(p.forecast.intervalMinutes),
    horizon: p.forecast.horizon, reused: p.forecast.reused, scenario,
    queues: p.recommendation.queues.map((q, k) => {
      const w = p.whatIf?.queues[k];
      return {
        queue: q.queueId, name: q.queueName, method: q.method, reason: q.reason, model: q.model, target: q.target,
        summary: {
          agentHours: round(q.summary.agentHours, 2), peakScheduledAgents: q.summary.peakScheduledAgents,
          serviceLevel: q.summary.serviceLevel === null ? null : round(q.summary.serviceLevel),
          occupancy: q.summary.occupancy === null ? null : round(q.summary.occupancy),
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

export const staffingRoutes = (ctx: AppContext, options: PlanningOptions = {}): FastifyPluginAsync => async (app) => {
  app.get('/staffing', {
    config: { roles: PLANNING_ROLES, planExport: true },
    schema: {
      summary: 'Agents per queue and interval for the current forecast, with service level / SLA attainment and occupancy',
      description: 'What-if: volume_factor, aht_seconds, shrinkage, max_occupancy, target, within recompute the staffing and show it ' +
        'beside the base. ?format=csv|xlsx sends the per-interval table alone.',
      querystring: StaffingQuery,
      response: { 200: StaffingViewSchema },
    },
  }, async (request, reply) => {
    const query = request.query as Static<typeof StaffingQuery>;
    let planning: Planning;
    try {
      planning = loadPlanning(options);
    } catch (err) {
      if (err instanceof DispatchRulesError) return sendDispatchRulesError(reply, err);
      throw err;
    }
    const planned = await withSession(ctx, (session) => planStaffing(ctx, session, planning, query, false), ctx.queryBudgetMs);
    const table = planned.whatIf ? whatIfTable(planned.whatIf) : staffingTable(planned.recommendation);
    return wantsTable(query, request.headers.accept) ? sendTable(request, reply, table) : staffingView(planned, query, table);
  });
};
