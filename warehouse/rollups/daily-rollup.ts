// The daily rollup (migrations/0030, issue 19 §2): the Overview's summable KPIs per local day of the
// desk's zone, so an Overview of whole days without filters sums a row per day instead of scanning
// the tickets. Kept by derivation (derive-tickets.ts) in its transaction for the days its tickets
// fall on, before and after; built whole when the config's zone is new (cli/open-warehouse.ts).
// Besides: the tickets done per day (backlog) and the SLA verdicts of stopped clocks per creation day
// (migrations/0031; under the config's policies, rebuilt when they change). The clocks still running
// are judged when asked, over the late tickets only (late_tickets, kept here too; daily-rollup-kpis.sql);
// the durations also per month and the tickets per first response rule (migrations/0032).
import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { DIMENSIONS, filteredDimensions, periodBounds, type Dimension, type MetricFilter } from '../metrics/filter.ts';
import { doneAt, queryRows, type Row } from '../metrics/metric-sql.ts';
import { localTimeParams, localTimeSql } from '../metrics/local-time.ts';
import { withoutUnmeasuredFirstResponse, type KpiColumn } from '../metrics/kpis.ts';
import { FIRST_RESPONSE_KPIS } from '../metrics/catalog.ts';
import { registerMeasureMacros } from '../metrics/measure-macros.ts';
import { coverageOf } from '../metrics/first-response-notes.ts';
import type { FirstResponseCoverage } from '../metrics/table.ts';
import { rollupStatements, runStatements } from './rollup-statements.ts';
import { AGENT_ROLLUP_TABLES, keepAgentRollup } from './agent-rollup-tickets.ts';
import { sqlIdent, ticketInTable } from '../sql-quote.ts';

/**
 * Every table kept per local day with the daily rollup, and the files whose statements recompute
 * them for the days in _rollup_days, in this order (a later file may read an earlier one's temp
 * tables, e.g. _rollup_tickets). Emptied and rebuilt together (keepDailyRollup).
 */
const DAY_ROLLUPS = [
  { refresh: './daily-rollup-refresh.sql', tables: ['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles'] },
  { refresh: './rollup-dimensions-refresh.sql', tables: ['dimension_daily_counts', 'dimension_daily_durations', 'dimension_monthly_durations'] },
  { refresh: './rollup-problems-arrivals-status.sql', tables: ['daily_problems', 'daily_arrivals', 'daily_status_durations', 'monthly_status_durations'] },
] as const;

// {{metric:name}}: sql/<name>.sql unfiltered, over the days' span (refreshDays' $start, $end).
const REFRESH_STATEMENTS = DAY_ROLLUPS.flatMap(({ refresh }) => rollupStatements(readFileSync(new URL(refresh, import.meta.url), 'utf8')));
const KPIS_SQL = readFileSync(new URL('./daily-rollup-kpis.sql', import.meta.url), 'utf8')
  .replace(/timezone\(\$tz, ([a-z_.]+)\)::DATE/g, (_, instant: string) => `${localTimeSql(instant)}::DATE`);

const DAY_MS = 86_400_000;

/**
 * A ticket not answered (its first response measured) or not done this long after its creation, or
 * not yet, is late (late_tickets, migrations/0032): at any instant, every other ticket created this
 * long before it was answered and done by then.
 */
export const LATE_AFTER_MS = 14 * DAY_MS;

/** The KPIs the rollup answers (daily-rollup-kpis.sql); the others come from the tickets. */
export const ROLLUP_KPIS = [
  'volume', 'unanswered', 'frt_unmeasured', 'frt_median', 'frt_p90', 'frt_mean', 'sla_frt', 'sla_resolution', 'transfer_rate', 'escalation_rate',
  'resolved', 'resolution_median', 'resolution_p90', 'resolution_mean', 'rating_response_rate', 'reopen_rate',
  'one_touch_rate', 'csat', 'rating_mean', 'replies', 'reply_median', 'reply_p90',
] as const satisfies readonly KpiColumn[];

/**
 * The dimensions the rollup also keeps per value (migrations/0036; their list in daily-rollup-refresh.sql):
 * those whose (day, value) duration buckets stay few; agent, region, product and subtype from the tickets.
 */
export const ROLLUP_DIMENSIONS = ['team', 'channel', 'priority', 'problem_type'] as const satisfies readonly Dimension[];
export type RollupDimension = typeof ROLLUP_DIMENSIONS[number];

/** A late ticket's value of each dimension (late_tickets keeps the team and priority; the others from its ticket). */
const LATE_VALUES: Record<RollupDimension, string> = {
  team: 'l.team_id', priority: 'l.priority',
  channel: '(SELECT channel FROM tickets WHERE tickets.ticket_id = l.ticket_id)',
  problem_type: '(SELECT problem_type FROM tickets WHERE tickets.ticket_id = l.ticket_id)',
};

/** The rollup's KPIs that are estimates (DDSketch quantiles, within 1% of the exact value). */
export const APPROXIMATE_KPIS: readonly string[] = ['frt_median', 'frt_p90', 'resolution_median', 'resolution_p90', 'reply_median', 'reply_p90'];

/** The zone the rollup's days are local to; null: no rollup kept (a warehouse no config was synced into). */
export async function rollupZone(db: DuckDBConnection): Promise<string | null> {
  const row = (await db.runAndReadAll(`SELECT value FROM settings WHERE key = 'rollup_zone'`)).getRows()[0];
  return row ? String(row[0]) : null;
}

/** Recomputes the days listed in the temp table _rollup_days(day), then drops it. */
async function refreshDays(db: DuckDBConnection, zone: string): Promise<void> {
  const [first, last, start, end] = (await db.runAndReadAll(`SELECT strftime(min(day), '%Y-%m-%d'), strftime(max(day), '%Y-%m-%d'),
    epoch_ms(timezone($zone, min(day)::TIMESTAMP)), epoch_ms(timezone($zone, (max(day) + 1)::TIMESTAMP))
    FROM _rollup_days`, { zone })).getRows()[0] ?? [];
  if (first !== null && first !== undefined) {
    await registerMeasureMacros(db); // the bucket macros, also while migrating (before Warehouse.open registers them)
    // the offsets of the days' span, a day's margin either side; unfiltered facts ({{metric:name}}) over the days' span
    const params: Record<string, DuckDBValue> = { zone, tz: zone,
      start: new Date(Number(start)).toISOString(), end: new Date(Number(end)).toISOString(), business: true, scope_teams: null,
      ...Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, null])),
      ...localTimeParams(zone, new Date(Date.parse(String(first)) - DAY_MS), new Date(Date.parse(String(last)) + 2 * DAY_MS)) };
    await runStatements(db, REFRESH_STATEMENTS, params);
  }
  await db.run('DROP TABLE _rollup_days');
}

/**
 * The local days (zone $zone) every instant of the tickets listed in `scope` (every ticket: null)
 * falls on: what their figures count on. Every zone's midnight is on a quarter hour of UTC, so the
 * zone is asked once per quarter hour holding an instant, not once per instant.
 */
function daysOf(scope: string | null): string {
  const tickets = scope === null ? '' : `WHERE ${ticketInTable(scope)}`;
  return `SELECT DISTINCT timezone($zone, make_timestamp(q * 900000000)::TIMESTAMPTZ)::DATE AS day FROM (SELECT DISTINCT epoch_us(x) // 900000000 AS q FROM (
    SELECT unnest([created_at, resolved_at, first_resolved_at, CASE WHEN rating IS NOT NULL THEN rated_at END, ${doneAt('tickets')}]) AS x FROM tickets ${tickets}
    UNION ALL SELECT replied_at FROM agent_replies ${tickets}
  ) WHERE x IS NOT NULL)`;
}

/**
 * Runs `derive`, which rewrites the derived rows of the tickets listed in the temp table `scope`
 * (column ticket_id), and recomputes the rollup's days those tickets fall on before and after it,
 * and the agents' rows of those tickets. In the caller's transaction; nothing when no rollup is kept.
 */
export async function withDailyRollup<T>(db: DuckDBConnection, scope: string, derive: () => Promise<T>): Promise<T> {
  const zone = await rollupZone(db);
  if (zone === null) return derive();
  const deferred = deferring.has(db);
  await db.run(`${deferred ? 'INSERT INTO _rollup_days' : 'CREATE OR REPLACE TEMP TABLE _rollup_days AS'} ${daysOf(scope)}`, { zone });
  const result = await derive();
  await db.run(`INSERT INTO _rollup_days ${daysOf(scope)}`, { zone });
  await keepLateTickets(db, scope);
  if (deferred) {
    await db.run(`INSERT INTO _agent_rollup_scope SELECT ticket_id FROM ${sqlIdent(scope)}`);
  } else {
    await refreshDays(db, zone);
    await keepAgentRollup(db, zone, scope);
  }
  return result;
}

/** Connections inside deferringDailyRollup: derivations there collect their days, refreshed once after. */
const deferring = new WeakSet<DuckDBConnection>();

/**
 * Runs `work`, whose derivations (one transaction, e.g. rederive's slices) refresh the rollup's
 * days once at its end instead of each: slices of all tickets each touch nearly every day.
 */
export async function deferringDailyRollup<T>(db: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  const zone = await rollupZone(db);
  if (zone === null) return work();
  await db.run('CREATE OR REPLACE TEMP TABLE _rollup_days (day DATE)');
  await db.run('CREATE OR REPLACE TEMP TABLE _agent_rollup_scope (ticket_id VARCHAR)');
  deferring.add(db);
  try {
    const result = await work();
    deferring.delete(db);
    await refreshDays(db, zone);
    await keepAgentRollup(db, zone, '_agent_rollup_scope');
    await db.run('DROP TABLE _agent_rollup_scope');
    return result;
  } finally {
    deferring.delete(db);
  }
}

/** Rewrites late_tickets (migrations/0032) for the tickets listed in `scope` (every ticket: null). */
async function keepLateTickets(db: DuckDBConnection, scope: string | null): Promise<void> {
  const tickets = scope === null ? 'true' : ticketInTable(scope);
  await db.run(`DELETE FROM late_tickets WHERE ${tickets}`);
  await db.run(`INSERT INTO late_tickets BY NAME
    SELECT * FROM (SELECT ticket_id, created_at, calendar_id, priority, team_id, first_response_rule, first_response_at, ${doneAt('t')} AS done_at,
                          first_response_seconds, first_response_business_seconds, resolution_seconds, resolution_business_seconds
                   FROM tickets t WHERE ${tickets})
    WHERE first_response_rule IS NOT NULL AND NOT coalesce(epoch_ms(first_response_at) - epoch_ms(created_at) <= $late_ms, false)
       OR NOT coalesce(epoch_ms(done_at) - epoch_ms(created_at) <= $late_ms, false)`, { late_ms: LATE_AFTER_MS });
}

/**
 * Keeps the rollup in `zone` (the config's) under the SLA policies synced now: built whole when it was
 * kept in another zone, under other policies (its verdicts), or not at all.
 */
export async function keepDailyRollup(db: DuckDBConnection, zone: string): Promise<void> {
  await registerMeasureMacros(db);
  const policies = String((await db.runAndReadAll('SELECT sla_policies_key()')).getRows()[0]?.[0] ?? '');
  const kept = (await db.runAndReadAll(`SELECT value FROM settings WHERE key = 'rollup_sla'`)).getRows()[0]?.[0];
  if (await rollupZone(db) === zone && kept === policies) return; // settings.rollup_sla: the policies it was judged under
  await db.run([...DAY_ROLLUPS.flatMap(({ tables }) => tables), ...AGENT_ROLLUP_TABLES].map((table) => `DELETE FROM ${table};`).join(' '));
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('rollup_zone', $zone), ('rollup_sla', $policies)`, { zone, policies });
  await db.run(`CREATE OR REPLACE TEMP TABLE _rollup_days AS ${daysOf(null)}`, { zone });
  await refreshDays(db, zone);
  await keepLateTickets(db, null);
  await keepAgentRollup(db, zone, null);
}

/**
 * Whether the rollup can answer `filter`'s KPIs: its days are local to the filter's zone and it
 * asks for no dimension values and no team scope (the rollup is by day alone). A range is always
 * whole local days (filter.ts).
 */
export function rollupAnswers(filter: MetricFilter, zone: string | null): boolean {
  periodBounds(filter); // a reversed, over-long or unzoned range is refused here as the facts' metricParams refuses it
  return zone !== null && zone === filter.timezone && filteredDimensions(filter).length === 0 && !filter.scopeTeams;
}

/** What the rollup answers of one period: its KPIs (ROLLUP_KPIS), backlog at its end and first response coverage. */
export interface RollupPeriod {
  kpis: Row;
  backlog: number;
  /** Its tickets per first response rule (coverage sums them over groups). */
  rules: RuleCount[];
  coverage: FirstResponseCoverage;
}

export interface RuleCount { rule: string | null; tickets: bigint | number }

/** The tickets created on the local days [from, to] of the rollup's zone, per first response rule (daily_rules). */
export async function rollupRuleCounts(db: DuckDBConnection, from: string, to: string): Promise<RuleCount[]> {
  return (await queryRows(db, 'SELECT rule, sum(created)::BIGINT AS tickets FROM daily_rules WHERE day BETWEEN $from::DATE AND $to::DATE GROUP BY rule',
    { from, to })) as unknown as RuleCount[];
}

/** Local days [from, to] answered under `key`: a period, a series' bucket. */
export interface RollupGroup { key: string; from: string; to: string }

/**
 * The rollup's figures (daily-rollup-kpis.sql) of each group of local days of `zone` (the rollup's),
 * in one query, keyed as the groups are; SLA clocks still running judged at `now`, durations on
 * `clock`'s seconds (default business).
 */
export async function rollupGroups(db: DuckDBConnection, zone: string, groups: readonly RollupGroup[],
  options: { now?: Date; clock?: MetricFilter['clock'] } = {}): Promise<Map<string, RollupPeriod>> {
  return new Map((await rollupFigures(db, zone, groups, options)).map((f) => [f.key, f.period]));
}

/** The rollup's figures of a group and value (null: every ticket, or no value). */
export interface RollupFigures {
  key: string;
  value: string | null;
  period: RollupPeriod;
  /** The facts on the group's days (tickets created, resolved, first resolved, rated; replies): 0, none. */
  facts: number;
}

/**
 * rollupGroups' figures, each group's per value of `dimension` (migrations/0036: a row per value
 * with a fact on one of the group's days or a day before) or, without one, of every ticket.
 */
export async function rollupFigures(db: DuckDBConnection, zone: string, groups: readonly RollupGroup[],
  options: { now?: Date; clock?: MetricFilter['clock']; dimension?: RollupDimension } = {}): Promise<RollupFigures[]> {
  const { dimension } = options;
  // the instants of all groups' days (each group's own: by the local day of the instant, as the refresh counts them)
  const first = groups.reduce((day, g) => (g.from < day ? g.from : day), groups[0]!.from);
  const last = groups.reduce((day, g) => (g.to > day ? g.to : day), groups[0]!.to);
  const { start } = periodBounds({ from: first, to: first, timezone: zone });
  const { end } = periodBounds({ from: last, to: last, timezone: zone });
  // each group of more than one day sums its buckets: one rollup_durations call each, whose constant
  // bounds prune the day table's row groups (a join on day read all of them: a year's overview +20% CPU);
  // per value every group does (a day's median and p90 are kept for every ticket only)
  const summed = groups.filter((g) => dimension || g.from !== g.to);
  const durations = summed.map((_, i) => dimension
    ? `SELECT $key_${i} AS key, * EXCLUDE (dimension) FROM months_and_days('dimension_monthly_durations', 'dimension_daily_durations', $from_${i}::DATE, $to_${i}::DATE) WHERE dimension = $dimension`
    : `SELECT $key_${i} AS key, NULL::VARCHAR AS value, * FROM rollup_durations($from_${i}::DATE, $to_${i}::DATE)`);
  const sql = KPIS_SQL.replace('{{group_durations}}', durations.length > 0 ? durations.join(' UNION ALL ')
    : 'SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS value, * FROM rollup_durations(NULL::DATE, NULL::DATE)') // none: no rows
    .replaceAll('{{counts}}', dimension ? '(FROM dimension_daily_counts WHERE dimension = $dimension)' : '(SELECT *, NULL::VARCHAR AS value FROM daily_counts)')
    .replace('{{late_value}}', dimension ? LATE_VALUES[dimension] : 'NULL::VARCHAR');
  const rows = await queryRows(db, sql, {
    ...Object.fromEntries(summed.flatMap((g, i) => [[`key_${i}`, g.key], [`from_${i}`, g.from], [`to_${i}`, g.to]])),
    ...(dimension ? { dimension } : {}), day_quantiles: !dimension,
    groups: JSON.stringify(groups.map((g) => ({ key: g.key, from_day: g.from, to_day: g.to }))),
    span_start: start.toISOString(), span_end: end.toISOString(), tz: zone, ...localTimeParams(zone, start, end),
    business: (options.clock ?? 'business') === 'business', now: (options.now ?? new Date()).toISOString(),
  });
  return rows.map(({ key, value, facts, backlog, rules, ...kpis }) => {
    const row: Row = { key: 'current', ...kpis };
    for (const c of ['volume', 'unanswered', 'frt_unmeasured', 'resolved', 'replies']) row[c] ??= 0; // sums of no day
    withoutUnmeasuredFirstResponse(row, FIRST_RESPONSE_KPIS);
    const counts = (rules ?? []) as unknown as RuleCount[];
    const period = { kpis: row, backlog: Number(backlog ?? 0), rules: counts, coverage: coverageOf(counts.map((c) => ({ rule: c.rule, tickets: Number(c.tickets) }))) };
    return { key: String(key), value: value === null || value === undefined ? null : String(value), period, facts: Number(facts ?? 0) };
  });
}

/**
 * The rollup's figures of `filter`'s range and of `previous` (another period, its comparison), in
 * one query; SLA clocks still running judged at `now`.
 */
export async function rollupPeriods(db: DuckDBConnection, filter: MetricFilter, previous: MetricFilter,
  options: { now?: Date } = {}): Promise<{ current: RollupPeriod; previous: RollupPeriod }> {
  const of = await rollupGroups(db, filter.timezone, [{ key: 'current', from: filter.from, to: filter.to }, { key: 'previous', from: previous.from, to: previous.to }],
    { ...options, clock: filter.clock });
  return { current: of.get('current')!, previous: of.get('previous')! };
}
