// A catalogue KPI over the rolling window before now (per group of `by`) against a bound: the one KPI
// definition (warehouse/metrics/sql/kpis.sql) run over [now - window, now) instead of local days.
import { DateTime } from 'luxon';
import { metricDefinition } from '../../warehouse/metrics/catalog.ts';
import type { MetricFilter } from '../../warehouse/metrics/filter.ts';
import { kpiSql, metricParams } from '../../warehouse/metrics/kpis.ts';
import { queryRows } from '../../warehouse/metrics/metric-sql.ts';
import type { ThresholdRule } from '../config/alert-config.ts';
import { groupKeyOf, type Finding } from './finding.ts';
import type { RuleContext } from './rule-context.ts';

function shown(value: number, unit: string): string {
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'seconds') return value >= 3600 ? `${(value / 3600).toFixed(1)} h` : `${Math.round(value / 60)} min`;
  return String(+value.toFixed(2));
}

export async function evaluateThreshold(rule: ThresholdRule, ctx: RuleContext): Promise<Finding[]> {
  const end = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone });
  const start = end.minus({ seconds: rule.window });
  // Local days covering the window: they size the local-time lookups; the window's instants bound the facts.
  const filter: MetricFilter = { from: start.toISODate()!, to: end.toISODate()!, timezone: ctx.timezone, values: rule.filter, clock: 'business' };
  const dimension = rule.by[0];
  const sql = kpiSql(filter, { key: dimension ? 'dimension' : 'period', dimension, kpis: [...new Set([rule.metric, 'volume' as const])] });
  const bounds = { start: start.toUTC().toISO()!, end: end.toUTC().toISO()!, split: start.toUTC().toISO()! };
  const rows = await queryRows(ctx.db, sql, { ...metricParams(filter, { now: ctx.now }), ...bounds, grain: 'day' });
  const definition = metricDefinition(rule.metric);
  const findings: Finding[] = [];
  for (const row of rows) {
    if (!dimension && row.key !== 'current') continue;
    const value = row[rule.metric];
    if (value === null || value === undefined || Number(row.volume ?? 0) < rule.minCount) continue;
    const v = Number(value);
    const crossed = rule.below !== undefined && v < rule.below ? `below ${shown(rule.below, definition.unit)}`
      : rule.above !== undefined && v > rule.above ? `above ${shown(rule.above, definition.unit)}` : null;
    if (!crossed) continue;
    const group = dimension ? { [dimension]: row.key as string | null } : {};
    const groupKey = groupKeyOf(group);
    const teams = dimension === 'team' && row.key ? [String(row.key)] : (rule.filter.team ?? []);
    findings.push({
      groupKey, group, teams,
      title: `${rule.id}: ${groupKey ? `${groupKey}: ` : ''}${definition.label.en} ${shown(v, definition.unit)}, ${crossed}`,
      lines: [`${definition.label.en} (${definition.label.zh}) over the last ${shown(rule.window, 'seconds')}: ${shown(v, definition.unit)}, ${crossed}; ${Number(row.volume ?? 0)} tickets created`],
      detail: { group, metric: rule.metric, value: v, below: rule.below ?? null, above: rule.above ?? null, volume: Number(row.volume ?? 0) },
    });
  }
  return findings;
}
