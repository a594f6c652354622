// The figures of one daily digest: the day's headline KPIs against the same weekday a week earlier
// (the overview with comparison "week"), tickets about to breach an SLA, the growing problem types,
// what is out of line (the anomaly alerts firing), the low ratings with comments and 14 days of volume for the chart. Every query goes through the
// API's own filter for the report's role and teams (scopedFilter), so a team lead's digest holds
// exactly what their token would see.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { overview } from '../../warehouse/metrics/overview.ts';
import { problems } from '../../warehouse/metrics/problems.ts';
import { lowRatings } from '../../warehouse/metrics/satisfaction.ts';
import { liveBreaching } from '../../warehouse/metrics/live.ts';
import { timeseries } from '../../warehouse/metrics/timeseries.ts';
import type { MetricKey } from '../../warehouse/metrics/catalog.ts';
import { scopedFilter, type FilterRequest } from '../../warehouse/metrics/scoped-filter.ts';
import { listAlerts } from '../engine/alert-store.ts';
import type { ReportDefinition } from './report-config.ts';

/** The overview rows the digest leads with, in this order. */
export const HEADLINE_KPIS = ['volume', 'frt_median', 'resolution_median', 'sla_frt', 'sla_resolution', 'csat', 'backlog'] as const satisfies readonly MetricKey[];
export type HeadlineKpi = (typeof HEADLINE_KPIS)[number];
const CHART_DAYS = 14;
const TOP_GROWING = 3;
const LOW_RATINGS_SHOWN = 5;
const OUT_OF_LINE_SHOWN = 5;

export interface Kpi { metric: HeadlineKpi; value: number | null; previous: number | null; delta: number | null; delta_pct: number | null }
export interface DigestData {
  day: string;
  /** The day it is compared with (the same weekday a week earlier). */
  previousDay: string;
  timezone: string;
  teams: string[] | null;
  kpis: Kpi[];
  /** What is out of line: the anomaly rules' groups firing (or acknowledged) when the digest was made, within the scope's teams. */
  outOfLine: string[];
  /** Open tickets that will pass an SLA target within the hour, at the time the digest was made. */
  breaching: number;
  growing: { problem_type: string; tickets: number; expected: number | null; vs_expected: number | null }[];
  lowRatings: { ticket_id: string; rating: number; comment: string | null; team: string | null }[];
  lowRatingsTotal: number;
  volume: { day: string; tickets: number }[];
}

/** The day before `at` in `zone`: what a digest sent at `at` reports on. */
export function dayBefore(at: Date, zone: string): string {
  return DateTime.fromJSDate(at).setZone(zone).minus({ days: 1 }).toISODate()!;
}

export async function digestData(db: DuckDBConnection, report: Pick<ReportDefinition, 'scope'>, day: string, timezone: string, now = new Date()): Promise<DigestData> {
  const filterOf = (request: FilterRequest) => scopedFilter(request, report.scope, timezone);
  const dayFilter = filterOf({ from: day, to: day, compare: 'week' });
  // the Overview's own answer (daily rollup where it holds the KPIs): the digest shows what the tile shows
  const table = await overview(db, dayFilter, { now, rollup: true });
  const kpis = HEADLINE_KPIS.map((metric): Kpi => {
    const row = table.rows.find((r) => r.metric === metric) ?? {};
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return { metric, value: num(row.value), previous: num(row.previous), delta: num(row.delta), delta_pct: num(row.delta_pct) };
  });
  const outOfLine = (await listAlerts(db, { states: ['firing', 'acknowledged'], teams: report.scope.teams }))
    .filter((a) => a.kind === 'anomaly').slice(0, OUT_OF_LINE_SHOWN).map((a) => a.title);
  const breaching = new Set((await liveBreaching(db, dayFilter, { now })).rows.map((r) => r.ticket_id)).size;
  const growing = (await problems(db, dayFilter)).rows
    .filter((r) => r.growing === true)
    .sort((a, b) => Number(b.vs_expected ?? 0) - Number(a.vs_expected ?? 0))
    .slice(0, TOP_GROWING)
    .map((r) => ({ problem_type: String(r.problem_type), tickets: Number(r.tickets), expected: r.expected as number | null, vs_expected: r.vs_expected as number | null }));
  const low = await lowRatings(db, dayFilter, { pageSize: LOW_RATINGS_SHOWN, sort: 'rated_at' });
  const chartFrom = DateTime.fromISO(day).minus({ days: CHART_DAYS - 1 }).toISODate()!;
  const series = await timeseries(db, filterOf({ from: chartFrom, to: day }), 'day', { now });
  return {
    day, previousDay: table.previous?.from ?? day, timezone, teams: report.scope.teams, kpis, outOfLine, breaching, growing,
    lowRatings: low.rows.map((r) => ({ ticket_id: String(r.ticket_id), rating: Number(r.rating), comment: (r.comment as string | null) ?? null, team: (r.team as string | null) ?? null })),
    lowRatingsTotal: low.total ?? low.rows.length,
    volume: series.rows.map((r) => ({ day: String(r.bucket), tickets: Number(r.created ?? 0) })),
  };
}
