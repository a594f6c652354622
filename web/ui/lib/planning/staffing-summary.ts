// One line per queue a planner reads before the table: the peak against the people the team has
// (needed, short, service level there), the plan's totals, and how the agents were counted; in the
// chosen language, every time in the queue's zone (the API sends ISO with the zone's offset).
import { formatDuration, formatValue } from '../../../../warehouse/metrics/format-value.ts';
import { translate, type Lang } from '../i18n/translate.ts';
import type { StaffingQueue } from './planning.ts';
import { queueNameIn } from './queue-name.ts';

/** "peak 5 of 5 people (needs 25, short 20, service level 8% at …); 120 agent-hours, …". */
export function staffingSummaryText(q: StaffingQueue, lang: Lang): string {
  const s = q.summary;
  const count = (n: number) => formatValue(n, 'count', lang);
  const ratio = (x: number | null) => formatValue(x, 'ratio', lang);
  const common = {
    name: queueNameIn(q, lang), peak: count(s.peakScheduledAgents), hours: formatValue(s.agentHours, 'number', lang),
    slName: translate(lang, q.method === 'workload' ? 'forecast.summary.sl.async' : 'forecast.summary.sl.live'),
    sl: ratio(s.serviceLevel), occ: ratio(s.occupancy),
  };
  if (!q.headcount) return translate(lang, 'forecast.summary', common);
  // The plan schedules whole people: a team counted as 8.03 (shared agents split) has 8 to schedule.
  const people = count(Math.floor(q.headcount.agents + 1e-9));
  const peak = s.peakShortfall;
  if (!peak) return translate(lang, 'forecast.summary.fits', { ...common, people });
  const need = s.peakRequiredIsLowerBound && peak.requiredAgents === s.peakRequiredAgents
    ? translate(lang, 'forecast.summary.moreThan', { n: count(peak.requiredAgents) })
    : count(peak.requiredAgents);
  return translate(lang, 'forecast.summary.short', {
    ...common, people, need, short: count(peak.agents), slAt: ratio(peak.serviceLevel), at: formatValue(peak.start, 'timestamp', lang),
  });
}

/** How the queue is staffed, with the parameter that matters (patience, SLA window). */
export function staffingMethodText(q: StaffingQueue, lang: Lang): string {
  if (q.method === 'erlang_a') return translate(lang, 'forecast.method.erlang_a', { patience: formatDuration(q.target.patienceSeconds ?? 0, lang) });
  if (q.method === 'workload') return translate(lang, 'forecast.method.workload', { sla: formatDuration(q.target.slaSeconds ?? 0, lang) });
  return translate(lang, 'forecast.method.erlang_c');
}
