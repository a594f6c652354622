// The planning routes' JSON answers (forecast view, staffing view, dispatch-rule apply) as the
// page reads them, and the page's URL state: queue, horizon, interval and the what-if factors,
// turned into the exact query the API routes accept (they reject unknown parameters, so the
// global filter is never passed on).
import type { ModelNote } from '../../../../forecasting/models/model-note.ts';
import type { MetricTable } from '../api/types.ts';
import { readParam } from '../filters/page-param.ts';
import { modelLabel, modelNote } from '../i18n/model-labels.ts';
import type { Lang } from '../i18n/translate.ts';
import { queueNameIn } from './queue-name.ts';

export interface ModelScore { model: string; mase: number | null; wape: number | null; eventMase: number | null; coverage: number | null; periods: number; note: ModelNote | null }
export interface Peak { start: string; p10: number; p50: number; p90: number }

/** Why a queue's forecast uses its model, as the API's codes and figures (the page words them). */
export type ModelChoice =
  | { code: 'backtest'; model: string; mase: number | null; wape: number | null; coverage: number | null;
    seasonalNaiveMase: number | null; others: { model: string; mase: number | null }[]; members?: CombinationMembers }
  | { code: 'no-backtest'; model: string };

/** The combination's members (model ids) on each kind of day. */
export interface CombinationMembers { day1: string[]; later: string[]; holidays: string[]; promotions: string[] }

export interface QueueForecast {
  queue: string; name: string; names?: InBothLanguages; zone: string; model: string; explanation: string; choice: ModelChoice;
  historyStart: string; historyEnd: string; scores: ModelScore[]; peaks: Peak[];
}

export interface ForecastView {
  runId: number | null; generatedAt: string; interval: string; horizon: string; reused: boolean;
  queues: QueueForecast[]; skipped: { queue: string; reason: string; reasons?: InBothLanguages }[]; table: MetricTable;
}

export interface InBothLanguages { en: string; zh: string }

/** `message` is English; `messages` both languages (where the check writes them). Ranked by the API: show them in order. */
export interface DispatchWarning { kind: string; queues: string[]; message: string; messages?: InBothLanguages; severity?: number; line?: number }

export interface Headcount { agents: number; source: string; dedicated: number; shared: number; sharedFte: number; note: InBothLanguages }

export interface StaffingSummary {
  agentHours: number; peakScheduledAgents: number; peakRequiredAgents: number; peakRequiredIsLowerBound: boolean;
  /** `start` ISO in the queue's zone. */
  peakShortfall: { start: string; agents: number; requiredAgents: number; scheduledAgents: number; serviceLevel: number | null } | null;
  shortfallAgentHours: number; intervalsShort: number; serviceLevel: number | null; occupancy: number | null;
}

export interface StaffingQueue {
  queue: string; name: string; names?: InBothLanguages; zone: string; method: 'erlang_c' | 'erlang_a' | 'workload'; reason: string;
  target: { serviceLevel: number | null; answerWithinSeconds: number | null; slaSeconds: number | null; patienceSeconds: number | null };
  headcount: Headcount | null;
  /** ISO in the queue's zone; null when nothing is left to plan. */
  planStart: string | null;
  summary: StaffingSummary;
}

export interface StaffingView {
  runId: number | null; interval: string; horizon: string;
  /** ISO in the (first) queue's zone. */
  generatedAt: string;
  pooling: InBothLanguages;
  queues: StaffingQueue[];
  warnings: DispatchWarning[]; table: MetricTable;
}

/** A UTC instant as the wall time of `zone` (YYYY-MM-DD HH:mm), as every time on the planning page is shown. */
export function wallTime(iso: string, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export const DAY_PARTS = ['night', 'morning', 'afternoon', 'evening'] as const;

/** What a queue's staffing block holds (before) or will hold (after): most agents per day-part, peak (ISO in the queue's zone). */
export interface StaffingSide {
  dayParts: Record<(typeof DAY_PARTS)[number], number>; peakAgents: number; peakAt: string | null; agentHours: number; intervals: number;
}

export interface QueueApplySummary {
  queue: string; name: string; names?: InBothLanguages; zone: string; before: StaffingSide | null; after: StaffingSide;
  shortfall: { agents: number; at: string; agentHours: number; intervals: number } | null;
  warnings: DispatchWarning[];
}

export interface ApplyResult {
  dryRun: boolean; changed: boolean; versionId: number | null; runId: number | null;
  /** The token's name and role. */
  appliedBy: string;
  /** The file's name (its server path for signed-in admins only). */
  path: string; queues: string[]; summary: QueueApplySummary[]; diff: string; warnings: DispatchWarning[];
}

/** A row of GET /api/dispatch-rules/versions. */
export interface VersionRow { version: number; applied_at: string; applied_by: string; model: string; queues: string; restores: number | null }

export interface RollbackResult { dryRun: boolean; changed: boolean; versionId: number | null; restored: number; appliedBy: string; path: string; diff: string }

/** The last part of a path: the page names files, never where they are on the server. */
export const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export const HORIZONS = ['7d', '14d', '28d'] as const;
export const INTERVALS = ['15m', '30m', '60m', 'daily'] as const;
/** What-if URL parameters, named as the API names them. */
export const WHAT_IF = ['volume_factor', 'aht_seconds', 'shrinkage', 'target'] as const;
export type WhatIfKey = (typeof WHAT_IF)[number];
/** Every queue of the dispatch rules: no queue parameter. */
export const EVERY_QUEUE = '';
/** Every ticket as one queue (the API's queue=all). */
export const ALL_TICKETS = 'all';

export interface PlanState {
  queue: string;
  horizon: (typeof HORIZONS)[number];
  interval: (typeof INTERVALS)[number];
  whatIf: Partial<Record<WhatIfKey, number>>;
}

const WHAT_IF_RANGE: Record<WhatIfKey, (x: number) => boolean> = {
  volume_factor: (x) => x > 0 && x <= 10,
  aht_seconds: (x) => x > 0 && x <= 14_400,
  shrinkage: (x) => x >= 0 && x < 1,
  target: (x) => x > 0 && x < 1,
};

/** A number the API would accept for `key`, else null (an out-of-range value is dropped, not sent to fail). */
export function whatIfValue(key: WhatIfKey, text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const x = Number(text);
  return Number.isFinite(x) && WHAT_IF_RANGE[key](x) ? x : null;
}

export function readPlan(params: URLSearchParams): PlanState {
  const whatIf: PlanState['whatIf'] = {};
  for (const key of WHAT_IF) {
    const x = whatIfValue(key, params.get(key));
    if (x !== null) whatIf[key] = x;
  }
  return {
    queue: params.get('queue') ?? EVERY_QUEUE,
    horizon: readParam(params, 'horizon', HORIZONS, '14d'),
    interval: readParam(params, 'interval', INTERVALS, '60m'),
    whatIf,
  };
}

export type PlanQuery = { queue?: string; horizon: string; interval: string } & PlanState['whatIf'];

/**
 * Days of history the page's charts show before an intraday forecast: two weekly cycles are what a
 * planner compares the forecast with, and each period is drawn (the API's default is 28 days, which
 * exports keep). A daily forecast shows the API's default, 91 days.
 */
export const CHART_HISTORY_DAYS = 14;

/** The query of the page's /api/forecast: the plan's, with the history its charts show. */
export function chartForecastQuery(plan: PlanState, query: PlanQuery): PlanQuery & { history?: number } {
  return plan.interval === 'daily' ? query : { ...query, history: CHART_HISTORY_DAYS };
}

/** The query of /api/staffing and /api/dispatch-rules/* (and, without what-if, of /api/forecast). */
export function planQuery(plan: PlanState, withWhatIf = true): PlanQuery {
  return {
    ...(plan.queue === EVERY_QUEUE ? {} : { queue: plan.queue }),
    horizon: plan.horizon, interval: plan.interval,
    ...(withWhatIf ? plan.whatIf : {}),
  };
}

export function planUrl(path: string, query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]));
  const text = new URLSearchParams(entries).toString();
  return text ? `${path}?${text}` : path;
}

/** Every model's backtest scores per queue as a table, so DataTable shows and sorts it like the rest. */
export function backtestTable(view: ForecastView, lang: Lang): MetricTable {
  return {
    name: 'forecast-backtest', period: view.table.period, previous: null, clock: 'calendar',
    columns: [
      { key: 'queue', label: { en: 'Queue', zh: '队列' }, unit: 'text' },
      { key: 'model', label: { en: 'Model', zh: '模型' }, unit: 'text' },
      { key: 'chosen', label: { en: 'Chosen', zh: '已选用' }, unit: 'text' },
      { key: 'mase', label: { en: 'MASE', zh: 'MASE' }, unit: 'number' },
      { key: 'wape', label: { en: 'WAPE', zh: '加权绝对百分比误差' }, unit: 'ratio' },
      { key: 'eventMase', label: { en: 'MASE on holidays & promotions', zh: '节假日与促销日 MASE' }, unit: 'number' },
      { key: 'coverage', label: { en: 'Within p10-p90', zh: 'p10-p90 覆盖率' }, unit: 'ratio' },
      { key: 'periods', label: { en: 'Periods tested', zh: '回测时段数' }, unit: 'count' },
      { key: 'note', label: { en: 'Note', zh: '备注' }, unit: 'text' },
    ],
    rows: view.queues.flatMap((q) => q.scores.map((s) => ({
      queue: queueNameIn(q, lang), model: modelLabel(s.model, lang), chosen: s.model === q.model ? '✓' : '', mase: s.mase, wape: s.wape, eventMase: s.eventMase,
      coverage: s.coverage, periods: s.periods, note: modelNote(s.note, lang),
    }))),
  };
}
