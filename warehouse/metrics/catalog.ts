// The declaration of every core KPI: key, zh/en label, unit, which direction is good and what it
// means. The API (/api/metrics), the exports and the UI read these; the SQL lives in sql/kpis.sql.
import type { Column, ColumnUnit, Label } from './table.ts';

export interface MetricDefinition {
  key: string;
  label: Label;
  unit: ColumnUnit;
  /** true: up is good; false: down is good; null: neither (e.g. volume). */
  higherIsBetter: boolean | null;
  /** What it measures, in both languages (the KPI tiles' tooltip). */
  description: Label;
}

const m = (key: string, en: string, zh: string, unit: ColumnUnit, higherIsBetter: boolean | null, description: string, descriptionZh: string): MetricDefinition =>
  ({ key, label: { en, zh }, unit, higherIsBetter, description: { en: description, zh: descriptionZh } });

export const METRICS = [
  m('volume', 'Tickets created', '新建工单', 'count', null, 'Tickets created in the range.',
    '本期新建的工单数。'),
  m('resolved', 'Tickets resolved', '已解决工单', 'count', null,
    'Tickets whose last resolution falls in the range (a ticket reopened since is not resolved).',
    '最后一次解决落在本期的工单数（之后又重开的不算已解决）。'),
  m('unanswered', 'Unanswered', '未回复', 'count', false,
    'Tickets created in the range without a first response yet (not in the first response distribution); only tickets whose source measures first response. ' +
    'The overview compares it with the previous period as it stood at the same age (its tickets unanswered at its end + (now - the range\'s end)), not with its final state.',
    '本期新建、尚无首次响应的工单数（不计入首次响应分布）；仅含数据源记录首次响应的工单。总览将其与上期在相同时点的状态比较（上期结束时未回复的工单，按“现在 − 本期结束”推移），而非上期的最终状态。'),
  m('unanswered_age_median', 'Unanswered, median wait so far', '未回复工单已等待时长中位数', 'seconds', false,
    'Median age so far (now - creation; calendar or business time as asked) of the tickets created in the range still unanswered: ' +
    'what their first response will take at least (sql/censoring.sql).',
    '本期新建且仍未回复的工单至今已等待时长（现在 − 创建，按所选自然时间或工作时间）的中位数：即其首次响应至少还需的时长。'),
  m('unanswered_age_max', 'Unanswered, longest wait so far', '未回复工单最长已等待时长', 'seconds', false,
    'The longest age so far (calendar or business time as asked) of the tickets created in the range still unanswered.',
    '本期新建且仍未回复的工单中最长的已等待时长（按所选自然时间或工作时间）。'),
  m('unanswered_off_hours', 'Unanswered, not yet in business hours', '未回复且尚未进入工作时间', 'count', null,
    'Business clock: the unanswered tickets of the range created out of hours whose calendar has not opened since (0 business seconds old). ' +
    'Always 0 on the calendar clock.',
    '工作时间口径：本期新建、仍未回复、在非工作时间创建且此后日历尚未开放的工单数（工作时间已等待 0 秒）。自然时间口径下恒为 0。'),
  m('unanswered_off_hours_wall_age_max', 'Unanswered out of hours, longest wall-clock wait', '非工作时间未回复工单最长自然等待时长', 'seconds', false,
    'Of the unanswered tickets not yet in business hours: the longest wait so far in calendar time (now - creation).',
    '尚未进入工作时间的未回复工单中，按自然时间（现在 − 创建）计的最长已等待时长。'),
  m('frt_median_bound', 'First response, median (unanswered at their wait so far)', '首次响应时长中位数(未回复按已等待时长计)', 'seconds', false,
    'Median over the tickets created in the range (measured sources) of the first response time, an unanswered ticket counted at its ' +
    'age so far: a lower bound of the median the range will have once all are answered (shown "≥"). Equals frt_median when none is ' +
    'unanswered. The previous period\'s is taken as it stood at the same age (its tickets as of its end + (now - the range\'s end)).',
    '本期新建工单（有记录的数据源）首次响应时长的中位数，未回复的工单按已等待时长计：是全部回复后中位数的下限（显示为“≥”）。没有未回复工单时等于首次响应时长中位数。上期按相同时点的状态计算。'),
  m('open_created', 'Still open', '仍未解决', 'count', null,
    'Tickets created in the range not resolved or closed yet (a ticket reopened since counts as open).',
    '本期新建、尚未解决或关闭的工单数（之后又重开的算未解决）。'),
  m('open_age_median', 'Still open, median age', '未解决工单已开启时长中位数', 'seconds', false,
    'Median age so far (now - creation; calendar or business time as asked) of the tickets created in the range still open.',
    '本期新建且仍未解决的工单至今已开启时长（现在 − 创建，按所选自然时间或工作时间）的中位数。'),
  m('open_age_max', 'Still open, oldest age', '未解决工单最长已开启时长', 'seconds', false,
    'The longest age so far (calendar or business time as asked) of the tickets created in the range still open.',
    '本期新建且仍未解决的工单中最长的已开启时长（按所选自然时间或工作时间）。'),
  m('open_off_hours', 'Still open, not yet in business hours', '未解决且尚未进入工作时间', 'count', null,
    'Business clock: the still open tickets of the range created out of hours whose calendar has not opened since. Always 0 on the calendar clock.',
    '工作时间口径：本期新建、仍未解决、在非工作时间创建且此后日历尚未开放的工单数。自然时间口径下恒为 0。'),
  m('open_off_hours_wall_age_max', 'Open out of hours, oldest wall-clock age', '非工作时间未解决工单最长自然开启时长', 'seconds', false,
    'Of the still open tickets not yet in business hours: the longest age so far in calendar time (now - creation).',
    '尚未进入工作时间的未解决工单中，按自然时间（现在 − 创建）计的最长已开启时长。'),
  m('resolution_median_bound', 'Resolution time of the range\'s tickets, median (open at their age so far)', '本期新建工单解决时长中位数(未解决按已开启时长计)', 'seconds', false,
    'Median over the tickets created in the range of the resolution time, a still open ticket counted at its age so far (closed ' +
    'without a resolution: left out): a lower bound, shown "≥". Unlike resolution_median it follows tickets by creation, not by resolution.',
    '本期新建工单解决时长的中位数，未解决的工单按已开启时长计（未解决即关闭的不计）：是下限，显示为“≥”。与解决时长中位数不同，它按创建时间而非解决时间统计工单。'),
  m('frt_unmeasured', 'Tickets without first response data', '无首次响应数据的工单', 'count', null,
    'Tickets created in the range whose source records no first response (no agent replies, and no first_response rule in its ' +
    'mapping): left out of the first response metrics, which are not available when no ticket of the range is measured.',
    '本期新建、数据源未记录首次响应的工单数（无客服回复，映射中也没有首次响应规则）：不计入首次响应指标；本期没有任何工单有记录时，这些指标不可用。'),
  m('frt_median', 'First response, median', '首次响应时长中位数', 'seconds', false,
    'Median of first response - creation, tickets created in the range; calendar or business time as asked. The first response is the ' +
    'first agent reply, or what the source\'s mapping declares (first_response); tickets whose source records none are left out.',
    '本期新建工单“首次响应 − 创建”的中位数，按所选自然时间或工作时间。首次响应为客服的第一次回复，或数据源映射所定义的事件；未记录首次响应的工单不计入。'),
  m('frt_p90', 'First response, p90', '首次响应时长P90', 'seconds', false, '90th percentile of the first response time (interpolated).',
    '首次响应时长的第 90 百分位数（插值）。'),
  m('frt_mean', 'First response, mean', '首次响应时长均值', 'seconds', false, 'Mean first response time.',
    '首次响应时长的平均值。'),
  m('resolution_median', 'Resolution time, median', '解决时长中位数', 'seconds', false,
    'Median of last resolution - creation, tickets resolved in the range (by resolution time).',
    '本期解决的工单“最后一次解决 − 创建”的中位数（按解决时间统计）。'),
  m('resolution_p90', 'Resolution time, p90', '解决时长P90', 'seconds', false, '90th percentile of the resolution time (interpolated).',
    '解决时长的第 90 百分位数（插值）。'),
  m('resolution_mean', 'Resolution time, mean', '解决时长均值', 'seconds', false, 'Mean resolution time.',
    '解决时长的平均值。'),
  m('sla_frt', 'SLA first response', '首次响应SLA达成率', 'ratio', true,
    'Tickets created in the range whose first response met the target of their SLA policy (priority, and team when it has its own), ' +
    'in the policy\'s clock. A ticket unanswered past its target is a breach; one unanswered within its target is not counted yet. ' +
    'Tickets whose source records no first response are left out (not breaches).',
    '本期新建工单中，首次响应达到其 SLA 策略目标（按优先级，团队有自己的策略时按团队）的比例，按策略的计时方式。超过目标仍未回复的算超时；在目标内尚未回复的暂不计入。未记录首次响应的工单不计入（不算超时）。'),
  m('sla_resolution', 'SLA resolution', '解决SLA达成率', 'ratio', true,
    'Tickets created in the range resolved within the target of their SLA policy, in the policy\'s clock. A ticket still open past its ' +
    'target is a breach; one still open within its target, or closed without a resolution, is not counted.',
    '本期新建工单中，在其 SLA 策略目标内解决的比例，按策略的计时方式。超过目标仍未解决的算超时；在目标内仍未解决的，或未解决即关闭的，不计入。'),
  m('csat', 'CSAT', '满意度', 'ratio', true, 'Share of ratings 4 or 5 among ratings given in the range (by rating time; the last rating of a ticket counts).',
    '本期给出的评分中 4 分或 5 分所占的比例（按评分时间；一张工单以最后一次评分为准）。'),
  m('rating_mean', 'Mean rating', '平均评分', 'rating', true, 'Mean of the ratings given in the range (1..5).',
    '本期给出的评分（1 至 5）的平均值。'),
  m('rating_response_rate', 'Rating response rate', '评价率', 'ratio', true,
    'Tickets resolved in the range that have a rating / tickets resolved in the range.',
    '本期解决的工单中有评分的工单 / 本期解决的工单。'),
  m('backlog', 'Backlog', '积压工单', 'count', false,
    'Tickets not finally resolved or closed at the end of the range\'s last day: created by then, and their last resolution ' +
    '(or close) after it or not yet. A ticket reopened later counts as unresolved from its creation to its last resolution.',
    '本期最后一天结束时仍未最终解决或关闭的工单：此前已创建，最后一次解决（或关闭）在此之后或尚未发生。之后又重开的工单，从创建到最后一次解决都算未解决。'),
  m('reopen_rate', 'Reopen rate', '重开率', 'ratio', false,
    'Tickets first resolved in the range that were reopened at least once / tickets first resolved in the range.',
    '本期首次解决且至少重开过一次的工单 / 本期首次解决的工单。'),
  m('one_touch_rate', 'One-touch resolution', '一次解决率', 'ratio', true,
    'Tickets first resolved in the range with exactly one agent reply and never reopened / tickets first resolved in the range; ' +
    'only tickets whose source records agent replies (not available when none does).',
    '本期首次解决、恰有一次客服回复且从未重开的工单 / 本期首次解决的工单；仅含数据源记录客服回复的工单（都没有记录时不可用）。'),
  m('transfer_rate', 'Transfer rate', '转派率', 'ratio', false, 'Tickets created in the range that were transferred at least once / tickets created.',
    '本期新建且至少转派过一次的工单 / 本期新建的工单。'),
  m('escalation_rate', 'Escalation rate', '升级率', 'ratio', false, 'Tickets created in the range that were escalated / tickets created.',
    '本期新建且被升级的工单 / 本期新建的工单。'),
  m('replies', 'Agent replies', '客服回复数', 'count', null, 'Agent replies sent in the range (system replies do not count).',
    '本期客服发送的回复数（系统回复不计）。'),
  m('reply_median', 'Reply time, median', '回复时长中位数', 'seconds', false,
    'Median over agent replies sent in the range of the time since the customer\'s last message (or creation).',
    '本期客服回复距客户上一条消息（或工单创建）的时长的中位数。'),
  m('reply_p90', 'Reply time, p90', '回复时长P90', 'seconds', false, '90th percentile of the reply time.',
    '回复时长的第 90 百分位数。'),
  m('step_on_time', 'Steps on time', '环节按时率', 'ratio', true,
    'Share of step visits (a stay of a ticket in new, open, pending or on_hold) that ended in the range within their step limit ' +
    '(step_limits: in the config, per status, optionally per team and problem type), in the limit\'s clock; by status. ' +
    'Visits of a status without a limit are left out; not available when no step limits are configured.',
    '本期结束的环节停留（工单在新建、处理中、待处理、挂起状态的一次停留）中，在其环节时限内完成的比例（时限在配置文件中按状态设置，可按团队和问题类型区分），按时限的计时方式；按状态分列。没有时限的状态不计入；未配置环节时限时不可用。'),
] as const satisfies readonly MetricDefinition[];

export type MetricKey = (typeof METRICS)[number]['key'];

/** The KPIs of the overview, in screen order. */
export const OVERVIEW_KPIS: readonly MetricKey[] = [
  'volume', 'resolved', 'unanswered', 'frt_median', 'frt_p90', 'frt_mean', 'resolution_median', 'resolution_p90',
  'resolution_mean', 'sla_frt', 'sla_resolution', 'csat', 'rating_mean', 'rating_response_rate', 'backlog',
  'reopen_rate', 'one_touch_rate', 'transfer_rate', 'escalation_rate', 'reply_median',
];

/** The KPIs that rest on tickets' first responses: not available where the source measures none (first-response.ts). */
export const FIRST_RESPONSE_KPIS: readonly MetricKey[] = ['unanswered', 'frt_median', 'frt_p90', 'frt_mean', 'sla_frt'];

const BY_KEY = new Map<string, MetricDefinition>(METRICS.map((d) => [d.key, d]));

export function metricDefinition(key: MetricKey): MetricDefinition {
  return BY_KEY.get(key)!;
}

/** A table column holding metric `key`, labelled and typed from its declaration (optionally renamed). */
export function metricColumn(key: MetricKey, as: string = key): Column {
  const d = metricDefinition(key);
  return { key: as, label: d.label, unit: d.unit };
}
