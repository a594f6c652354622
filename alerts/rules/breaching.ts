// Tickets that will pass an SLA target within `within` (the live view's rule and query:
// warehouse/metrics/live.ts liveBreaching), one alert per team or one for all, with tickets and agents.
import { DateTime } from 'luxon';
import { liveBreaching } from '../../warehouse/metrics/live.ts';
import type { BreachingRule } from '../config/alert-config.ts';
import { groupKeyOf, type Finding } from './finding.ts';
import type { RuleContext } from './rule-context.ts';

export async function evaluateBreaching(rule: BreachingRule, ctx: RuleContext): Promise<Finding[]> {
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timezone }).toISODate()!;
  const table = await liveBreaching(ctx.db, { from: today, to: today, timezone: ctx.timezone, values: rule.filter }, { now: ctx.now });
  const soon = table.rows.filter((r) => Number(r.remaining_seconds) <= rule.within);
  const byTeam = rule.by.includes('team');
  const groups = new Map<string, typeof soon>();
  for (const row of soon) {
    const key = byTeam ? String(row.team ?? '') : '';
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups].map(([team, rows]) => {
    const group = byTeam ? { team: team || null } : {};
    const tickets = [...new Set(rows.map((r) => String(r.ticket_id)))];
    return {
      groupKey: groupKeyOf(group), group,
      teams: [...new Set(rows.map((r) => r.team).filter((t): t is string => typeof t === 'string'))],
      title: `${rule.id}: ${byTeam ? `team=${team || '(none)'}: ` : ''}${tickets.length} ${tickets.length === 1 ? 'ticket' : 'tickets'} will pass the SLA within ${Math.round(rule.within / 60)} min`,
      lines: rows.map((r) => `${r.ticket_id}: ${r.sla === 'first_response' ? 'first response' : 'resolution'} due in ${Math.max(0, Math.round(Number(r.remaining_seconds) / 60))} min, team ${r.team ?? '-'}, agent ${r.agent ?? 'unassigned'}, priority ${r.priority}`),
      detail: { group, tickets: rows.map((r) => ({ ticket_id: r.ticket_id, sla: r.sla, team: r.team, agent: r.agent, priority: r.priority, due_at: r.due_at, remaining_seconds: r.remaining_seconds })) },
    };
  });
}
