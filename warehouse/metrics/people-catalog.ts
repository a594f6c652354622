// Declarations of the people and quality metrics (agents, problems, satisfaction, live) in the shape
// of catalog.ts, for /api/metrics to list beside the core KPIs; the SQL lives in sql/agent-*.sql etc.
import { metricDefinition, type MetricDefinition, type MetricKey } from './catalog.ts';
import type { ColumnUnit } from './table.ts';
import { OUTLIER_RULE } from './agent-outliers.ts';
import { REPEAT_CONTACT_DAYS } from './problems.ts';
import { EXPECTED_HISTORY_DAYS, GROWING_MIN_RATIO, GROWING_MIN_SIGMAS } from './problem-growth-rule.ts';
import { LOW_RATING } from './satisfaction.ts';

const m = (key: string, en: string, zh: string, unit: ColumnUnit, higherIsBetter: boolean | null, description: string, descriptionZh: string): MetricDefinition =>
  ({ key, label: { en, zh }, unit, higherIsBetter, description: { en: description, zh: descriptionZh } });

/** A core KPI of the catalogue counted per agent (or problem...): its label, unit and direction, a description of its own. */
const per = (kpi: MetricKey, key: string, description: string, descriptionZh: string): MetricDefinition =>
  ({ ...metricDefinition(kpi), key, description: { en: description, zh: descriptionZh } });

const OUTLIERS = `Outlier marks ('high' / 'low'): ${OUTLIER_RULE.en}`;
const OUTLIERS_ZH = `异常标记（偏高 / 偏低）：${OUTLIER_RULE.zh}`;

export const PEOPLE_METRICS = [
  m('agent_assigned', 'Tickets assigned', '分配工单', 'count', null,
    'Tickets assigned to the agent in the range (a created, assigned or transferred event naming it; a transfer counts for its target), ' +
    'each ticket once per agent, in the team the ticket was in then. ' + OUTLIERS,
    '本期分配给该客服的工单数（创建、分配或转派事件指向该客服；转派算给转入方），每张工单每位客服计一次，归入当时工单所在的团队。' + OUTLIERS_ZH),
  per('resolved', 'agent_resolved',
    'Tickets whose last resolution falls in the range, for the agent and team holding them now (a transferred ticket counts for its last agent).',
    '最后一次解决落在本期的工单数，算给当前持有工单的客服和团队（转派过的工单算给最后一位客服）。'),
  per('replies', 'agent_replies', 'Replies the agent sent in the range, in the team holding the ticket then.',
    '该客服本期发送的回复数，归入当时持有工单的团队。'),
  m('agent_handle_seconds', 'Handle time', '处理时长', 'seconds', null,
    'Sum of handle_seconds of the events naming the agent in the range (replies, comments, updates, escalations; a transfer\'s goes to its target).',
    '本期指向该客服的事件（回复、备注、更新、升级；转派的处理时长算给转入方）的处理时长之和。'),
  m('agent_aht_seconds', 'AHT per ticket', '单均处理时长', 'seconds', false,
    'Average handle time: the agent\'s handle time in the range / the tickets it was spent on (each ticket once, however many replies); ' +
    'null when the agent recorded none. ' + OUTLIERS,
    '平均处理时长：该客服本期的处理时长 / 这些时长所花在的工单数（每张工单计一次，无论回复几次）；没有记录时为空。' + OUTLIERS_ZH),
  m('agent_open_now', 'Open now', '当前未结', 'count', false, 'Tickets the agent holds now that are not finally resolved or closed.',
    '该客服当前持有、尚未最终解决或关闭的工单数。'),
  m('agent_open_at_day_end', 'Open at day end', '日终未结', 'count', false,
    'Tickets the agent held at the end of the local day: from an assignment to the agent until the next assignment to anyone, or the final resolution/close.',
    '当地每天结束时该客服持有的工单数：从分配给该客服起，到下一次分配给任何人，或最终解决/关闭为止。'),
  per('frt_median', 'agent_frt_median',
    'Median first response time of tickets created in the range, for the agent who sent the first response. ' + OUTLIERS,
    '本期新建工单的首次响应时长中位数，算给发出首次响应的客服。' + OUTLIERS_ZH),
  per('resolution_median', 'agent_resolution_median',
    'Median resolution time of tickets resolved in the range, for their current agent. ' + OUTLIERS,
    '本期解决工单的解决时长中位数，算给其当前客服。' + OUTLIERS_ZH),
  per('csat', 'agent_csat', 'Share of 4 and 5 among the last ratings given in the range, for the tickets\' current agent. ' + OUTLIERS,
    '本期给出的最后一次评分中 4 分和 5 分所占的比例，算给工单的当前客服。' + OUTLIERS_ZH),
  per('reopen_rate', 'agent_reopen_rate',
    'Tickets first resolved in the range and reopened at least once / tickets first resolved in the range, for their current agent. ' + OUTLIERS,
    '本期首次解决且至少重开过一次的工单 / 本期首次解决的工单，算给其当前客服。' + OUTLIERS_ZH),
  m('problem_share', 'Share of tickets', '工单占比', 'ratio', null,
    'Tickets of the problem type created in the range / all tickets created in the range (matching the filters); cumulative share in Pareto order ' +
    '(tickets desc, then previous period desc, then name).',
    '本期新建的该问题类型工单 / 本期新建的全部工单（符合筛选条件）；累计占比按帕累托顺序（工单数降序，再按上期降序，再按名称）。'),
  m('problem_expected', 'Expected (calendar)', '日历预期', 'number', null,
    'Tickets of the type the calendar expects in the range: per day, its mean count on the same weekday over the ordinary days of ' +
    'the 4 weeks before the range, times, on a day from 3 before to 13 after a promotion day of the config (as the forecaster\'s ' +
    `calendar features), its lift at that offset on the promotion days of the last ${EXPECTED_HISTORY_DAYS} days (count / the same ` +
    'baseline before them; all types\' lift when it has none). Null without history, or around a promotion when none is in the history.',
    `日历对本期该类型工单数的预期：每天取本期之前 4 周同一星期几普通日的平均数；在配置的促销日前 3 天至后 13 天内，再乘以该偏移在最近 ${EXPECTED_HISTORY_DAYS} 天促销日上的提升（该类型没有时用全部类型的提升）。没有历史，或促销期间历史中没有促销日时为空。`),
  m('problem_vs_expected', 'vs expected', '较预期', 'ratio', false, 'Tickets / expected - 1: above (+) or below (-) what the calendar expects; null when nothing is expected.',
    '工单数 / 预期 − 1：高于（+）或低于（−）日历预期；没有预期时为空。'),
  m('problem_growing', 'Growing', '增长中', 'text', false,
    `At least ${GROWING_MIN_RATIO * 100}% and more than ${GROWING_MIN_SIGMAS} x sqrt(expected) tickets above what the calendar expects ` +
    '(problem_expected); a type the history never saw grows when it has tickets; null when nothing is expectable (no history, or a ' +
    'promotion day and no promotion day in the history).',
    `比日历预期至少高出 ${GROWING_MIN_RATIO * 100}%，且高出超过 ${GROWING_MIN_SIGMAS} × √预期 张工单；历史中从未出现的类型有工单即算增长；无法预期时（没有历史，或促销日而历史中没有促销日）为空。`),
  m('repeat_contact_rate', 'Repeat-contact rate', '重复来电率', 'ratio', false,
    `Tickets created in the range with a customer and a problem type for which the same customer created another ticket of the same type ` +
    `(any team or channel) later, at most ${REPEAT_CONTACT_DAYS} days after (of two at the same instant the first by ticket id) / those tickets.`,
    `本期新建、有客户和问题类型的工单中，同一客户之后 ${REPEAT_CONTACT_DAYS} 天内又就同一类型（任何团队或渠道）新建了工单的比例（同一时刻的两张按工单号取前一张）。`),
  m('low_ratings', 'Low ratings', '差评', 'count', false, `Tickets whose last rating, given in the range, is ${LOW_RATING} or less.`,
    `最后一次评分在本期给出且不高于 ${LOW_RATING} 分的工单数。`),
  m('breaching_within_hour', 'Breaching within the hour', '一小时内将超时', 'count', false,
    'Open tickets whose first-response (while unanswered) or resolution target of their SLA policy (the team\'s own for the priority, ' +
    'else the general one) is not breached now but will be within the next hour, elapsed time in the policy\'s clock.',
    '未结工单中，其 SLA 策略的首次响应目标（尚未回复时）或解决目标现在尚未超时、但将在一小时内超时的工单数，按策略的计时方式计算已用时长。'),
] as const satisfies readonly MetricDefinition[];
