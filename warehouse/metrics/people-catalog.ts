// Declarations of the people and quality metrics (agents, problems, satisfaction, live) in the shape
// of catalog.ts, for /api/metrics to list beside the core KPIs; the SQL lives in sql/agent-*.sql etc.
import type { MetricDefinition } from './catalog.ts';
import type { ColumnUnit } from './table.ts';
import { OUTLIER_RULE } from './agent-outliers.ts';
import { REPEAT_CONTACT_DAYS } from './problems.ts';
import { EXPECTED_HISTORY_DAYS, GROWING_MIN_RATIO, GROWING_MIN_SIGMAS } from './problem-growth-rule.ts';
import { LOW_RATING } from './satisfaction.ts';

const m = (key: string, en: string, zh: string, unit: ColumnUnit, higherIsBetter: boolean | null, description: string): MetricDefinition =>
  ({ key, label: { en, zh }, unit, higherIsBetter, description });

const OUTLIERS = `Outlier marks ('high' / 'low'): ${OUTLIER_RULE.en}`;

export const PEOPLE_METRICS = [
  m('agent_assigned', 'Tickets assigned', '分配工单', 'count', null,
    'Tickets assigned to the agent in the range (a created, assigned or transferred event naming it; a transfer counts for its target), ' +
    'each ticket once per agent, in the team the ticket was in then. ' + OUTLIERS),
  m('agent_resolved', 'Tickets resolved', '已解决工单', 'count', null,
    'Tickets whose last resolution falls in the range, for the agent and team holding them now (a transferred ticket counts for its last agent).'),
  m('agent_replies', 'Agent replies', '客服回复数', 'count', null, 'Replies the agent sent in the range, in the team holding the ticket then.'),
  m('agent_handle_seconds', 'Handle time', '处理时长', 'seconds', null,
    'Sum of handle_seconds of the events naming the agent in the range (replies, comments, updates, escalations; a transfer\'s goes to its target).'),
  m('agent_aht_seconds', 'AHT per ticket', '单均处理时长', 'seconds', false,
    'Average handle time: the agent\'s handle time in the range / the tickets it was spent on (each ticket once, however many replies); ' +
    'null when the agent recorded none. ' + OUTLIERS),
  m('agent_open_now', 'Open now', '当前未结', 'count', false, 'Tickets the agent holds now that are not finally resolved or closed.'),
  m('agent_open_at_day_end', 'Open at day end', '日终未结', 'count', false,
    'Tickets the agent held at the end of the local day: from an assignment to the agent until the next assignment to anyone, or the final resolution/close.'),
  m('agent_frt_median', 'First response, median', '首次响应时长中位数', 'seconds', false,
    'Median first response time of tickets created in the range, for the agent who sent the first response. ' + OUTLIERS),
  m('agent_resolution_median', 'Resolution time, median', '解决时长中位数', 'seconds', false,
    'Median resolution time of tickets resolved in the range, for their current agent. ' + OUTLIERS),
  m('agent_csat', 'CSAT', '满意度', 'ratio', true, 'Share of 4 and 5 among the last ratings given in the range, for the tickets\' current agent. ' + OUTLIERS),
  m('agent_reopen_rate', 'Reopen rate', '重开率', 'ratio', false,
    'Tickets first resolved in the range and reopened at least once / tickets first resolved in the range, for their current agent. ' + OUTLIERS),
  m('problem_share', 'Share of tickets', '工单占比', 'ratio', null,
    'Tickets of the problem type created in the range / all tickets created in the range (matching the filters); cumulative share in Pareto order ' +
    '(tickets desc, then previous period desc, then name).'),
  m('problem_expected', 'Expected (calendar)', '日历预期', 'number', null,
    'Tickets of the type the calendar expects in the range: per day, its mean count on the same weekday over the ordinary days of ' +
    'the 4 weeks before the range, times, on a day from 3 before to 13 after a promotion day of the config (as the forecaster\'s ' +
    `calendar features), its lift at that offset on the promotion days of the last ${EXPECTED_HISTORY_DAYS} days (count / the same ` +
    'baseline before them; all types\' lift when it has none). Null without history, or around a promotion when none is in the history.'),
  m('problem_vs_expected', 'vs expected', '较预期', 'ratio', false, 'Tickets / expected - 1: above (+) or below (-) what the calendar expects; null when nothing is expected.'),
  m('problem_growing', 'Growing', '增长中', 'text', false,
    `At least ${GROWING_MIN_RATIO * 100}% and more than ${GROWING_MIN_SIGMAS} x sqrt(expected) tickets above what the calendar expects ` +
    '(problem_expected); a type the history never saw grows when it has tickets; null when nothing is expectable (no history, or a ' +
    'promotion day and no promotion day in the history).'),
  m('repeat_contact_rate', 'Repeat-contact rate', '重复来电率', 'ratio', false,
    `Tickets created in the range with a customer and a problem type for which the same customer created another ticket of the same type ` +
    `(any team or channel) later, at most ${REPEAT_CONTACT_DAYS} days after (of two at the same instant the first by ticket id) / those tickets.`),
  m('low_ratings', 'Low ratings', '差评', 'count', false, `Tickets whose last rating, given in the range, is ${LOW_RATING} or less.`),
  m('breaching_within_hour', 'Breaching within the hour', '一小时内将超时', 'count', false,
    'Open tickets whose first-response (while unanswered) or resolution target of their SLA policy (the team\'s own for the priority, ' +
    'else the general one) is not breached now but will be within the next hour, elapsed time in the policy\'s clock.'),
] as const satisfies readonly MetricDefinition[];
