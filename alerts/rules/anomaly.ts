// The risk warning: tickets per group in the window before now against the same weekday and time of
// day over the last 4 ordinary weeks (the weekday x slot mean the forecasting benchmark uses:
// forecasting/models/weekday-slot-mean.ts; promotion days compared with promotion days, holidays and
// days without data skipped), flagged when P(X >= observed) is below `level` under the count's
// predictive distribution: negative binomial, wider than Poisson because the usual rate is known only
// from those few windows and because weeks differ (over-dispersion pooled over the rule's groups).
import { DateTime } from 'luxon';
import { DIMENSION_COLUMNS, ticketConditions } from '../../warehouse/metrics/filter.ts';
import { queryRows } from '../../warehouse/metrics/metric-sql.ts';
import { SLOT_MEAN_WEEKS } from '../../forecasting/models/weekday-slot-mean.ts';
import type { AnomalyRule } from '../config/alert-config.ts';
import { groupKeyOf, ruleFilterParams, type Finding } from './finding.ts';
import { negativeBinomialUpperTail, pooledDispersion, predictiveCount } from './count-tail.ts';
import type { RuleContext } from './rule-context.ts';

/** How far back same-weekday windows are looked for (as the benchmark: a long-closed slot does not reach a year back). */
const LOOKBACK_WEEKS = 12;
/** Tickets and low-rating comments an alert lists. */
const LISTED = 20;

export interface BaselineWindow { start: Date; end: Date; day: string }

/** The past windows the expected count is the mean of: same weekday and time (or promotion days on a promotion day). */
export async function baselineWindows(rule: Pick<AnomalyRule, 'window'>, ctx: RuleContext): Promise<BaselineWindow[]> {
  const end = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone });
  const start = end.minus({ seconds: rule.window });
  const today = end.toISODate()!;
  const onPromotion = ctx.promotions.has(today);
  const lookbackStart = end.minus({ weeks: LOOKBACK_WEEKS }).startOf('day');
  const rows = await queryRows(ctx.db, `SELECT DISTINCT strftime(timezone($tz, created_at), '%Y-%m-%d') AS day FROM tickets
    WHERE created_at >= $from::TIMESTAMPTZ AND created_at < $to::TIMESTAMPTZ`,
  { tz: ctx.timezone, from: lookbackStart.toUTC().toISO()!, to: end.startOf('day').toUTC().toISO()! });
  const withData = new Set(rows.map((r) => String(r.day)));
  const candidates = onPromotion
    ? [...ctx.promotions].filter((d) => d < today).sort().reverse().map((d) => Math.round(end.startOf('day').diff(DateTime.fromISO(d, { zone: ctx.timezone }), 'days').days))
    : Array.from({ length: LOOKBACK_WEEKS }, (_, k) => (k + 1) * 7);
  const windows: BaselineWindow[] = [];
  for (const daysBack of candidates) {
    const s = start.minus({ days: daysBack });
    const day = end.minus({ days: daysBack }).toISODate()!;
    if (!withData.has(day) || ctx.holidays.has(day) || (!onPromotion && ctx.promotions.has(day))) continue;
    windows.push({ start: s.toJSDate(), end: end.minus({ days: daysBack }).toJSDate(), day });
    if (windows.length === SLOT_MEAN_WEEKS) break;
  }
  return windows;
}

export async function evaluateAnomaly(rule: AnomalyRule, ctx: RuleContext): Promise<Finding[]> {
  const windows = await baselineWindows(rule, ctx);
  if (windows.length === 0) return []; // nothing to compare with yet
  const groupColumns = rule.by.map((d) => `t.${DIMENSION_COLUMNS[d]} AS ${d}`);
  const groupBy = rule.by.length > 0 ? `GROUP BY ${rule.by.map((d) => `t.${DIMENSION_COLUMNS[d]}`).join(', ')}` : '';
  const params = { ...ruleFilterParams(rule.filter), start: new Date(ctx.now.getTime() - rule.window * 1000).toISOString(), now: ctx.now.toISOString() };
  const current = await queryRows(ctx.db, `SELECT ${[...groupColumns, 'count(*) AS observed',
    `list(t.ticket_id ORDER BY t.created_at DESC)[1:${LISTED}] AS tickets`,
    `list(DISTINCT t.team_id) FILTER (WHERE t.team_id IS NOT NULL) AS teams`,
    `list(t.rating_comment ORDER BY t.rated_at DESC) FILTER (WHERE t.rating <= 2 AND t.rating_comment IS NOT NULL)[1:${LISTED}] AS comments`].join(', ')}
    FROM tickets t WHERE t.created_at >= $start::TIMESTAMPTZ AND t.created_at < $now::TIMESTAMPTZ AND ${ticketConditions('t')} ${groupBy}`, params);
  if (current.length === 0) return [];
  const pastParams: Record<string, string> = {};
  const pastRanges = windows.map((w, i) => {
    pastParams[`s${i}`] = w.start.toISOString();
    pastParams[`e${i}`] = w.end.toISOString();
    return `(t.created_at >= $s${i}::TIMESTAMPTZ AND t.created_at < $e${i}::TIMESTAMPTZ)`;
  });
  const windowOf = windows.map((_, i) => `WHEN ${pastRanges[i]} THEN ${i}`).join(' ');
  const past = await queryRows(ctx.db, `SELECT ${[...groupColumns, `CASE ${windowOf} END AS w`, 'count(*) AS n'].join(', ')}
    FROM tickets t WHERE (${pastRanges.join(' OR ')}) AND ${ticketConditions('t')} GROUP BY ALL`, { ...ruleFilterParams(rule.filter), ...pastParams });
  const pastByGroup = new Map<string, number[]>();
  for (const r of past) {
    const key = groupKeyOf(Object.fromEntries(rule.by.map((d) => [d, r[d] as string | null])));
    const counts = pastByGroup.get(key) ?? pastByGroup.set(key, Array<number>(windows.length).fill(0)).get(key)!;
    counts[Number(r.w)] = Number(r.n);
  }
  const dispersion = pooledDispersion([...pastByGroup.values()]);
  const findings: Finding[] = [];
  for (const row of current) {
    const group = Object.fromEntries(rule.by.map((d) => [d, row[d] as string | null]));
    const groupKey = groupKeyOf(group);
    const observed = Number(row.observed);
    const pastTotal = (pastByGroup.get(groupKey) ?? []).reduce((a, b) => a + b, 0);
    const { mean: expected, size } = predictiveCount(pastTotal, windows.length, dispersion);
    const tail = negativeBinomialUpperTail(observed, expected, size);
    if (observed < rule.minCount || tail >= rule.level) continue;
    const tickets = (row.tickets as string[] | null) ?? [];
    const comments = (row.comments as string[] | null) ?? [];
    const name = groupKey || 'all tickets';
    const hours = rule.window / 3600;
    findings.push({
      groupKey, group, teams: (row.teams as string[] | null) ?? [],
      title: `${rule.id}: ${name}: ${observed} tickets in the last ${hours >= 1 ? `${+hours.toFixed(1)} h` : `${Math.round(rule.window / 60)} min`}, expected ${expected.toFixed(1)}`,
      lines: [
        `${(observed / expected).toFixed(1)}x the usual for this weekday and hour (mean of ${windows.length} past ${windows.length === 1 ? 'window' : 'windows'}: ${windows.map((w) => w.day).join(', ')}); P(>= ${observed}) = ${tail.toExponential(1)} < ${rule.level}`,
        `tickets: ${tickets.join(', ')}`,
        ...(comments.length > 0 ? [`low ratings: ${comments.map((c) => `"${c}"`).join('; ')}`] : []),
      ],
      detail: { group, observed, expected: Number(expected.toFixed(3)), dispersion: Number(dispersion.toFixed(4)), tailProbability: tail, level: rule.level, baselineDays: windows.map((w) => w.day), tickets, comments },
    });
  }
  return findings;
}
