// Tickets in a working status for longer than its step limit (config step_limits:, measured in the
// limit's clock: warehouse/metrics/step-limits.ts overdueSteps), one alert per team or one for all,
// with the tickets and their agents. The engine reminds and escalates it as a breaching alert.
import { DateTime } from 'luxon';
import { overdueSteps } from '../../warehouse/metrics/step-limits.ts';
import type { StepRule } from '../config/alert-config.ts';
import { groupKeyOf, type Finding } from './finding.ts';
import type { RuleContext } from './rule-context.ts';

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

export async function evaluateStep(rule: StepRule, ctx: RuleContext): Promise<Finding[]> {
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toISODate()!;
  const overdue = (await overdueSteps(ctx.db, { from: today, to: today, timezone: ctx.timezone, values: rule.filter }, ctx.now))
    .filter((r) => rule.statuses === null || rule.statuses.includes(r.status));
  const byTeam = rule.by.includes('team');
  const groups = new Map<string, typeof overdue>();
  for (const row of overdue) {
    const key = byTeam ? row.team ?? '' : '';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([team, rows]) => {
    const group = byTeam ? { team: team || null } : {};
    return {
      groupKey: groupKeyOf(group), group,
      teams: [...new Set(rows.map((r) => r.team).filter((t): t is string => t !== null))],
      title: `${rule.id}: ${byTeam ? `team=${team || '(none)'}: ` : ''}${rows.length} ${rows.length === 1 ? 'ticket is' : 'tickets are'} over a step limit`,
      lines: rows.map((r) => `${r.ticket_id}: ${r.status} for ${hours(r.spent_seconds)} (${r.clock} time), limit ${hours(r.limit_seconds)}, team ${r.team ?? '-'}, agent ${r.agent ?? 'unassigned'}`),
      detail: { group, tickets: rows.map((r) => ({ ticket_id: r.ticket_id, status: r.status, team: r.team, agent: r.agent, priority: r.priority,
        clock: r.clock, limit_seconds: r.limit_seconds, spent_seconds: r.spent_seconds, started_at: r.started_at })) },
    };
  });
}
