// The declaration of every core KPI: key, zh/en label, unit, which direction is good and what it
// means. The API (/api/metrics), the exports and the UI read these; the SQL lives in sql/kpis.sql.
import type { Column, ColumnUnit, Label } from './table.ts';

export interface MetricDefinition {
  key: string;
  label: Label;
  unit: ColumnUnit;
  /** true: up is good; false: down is good; null: neither (e.g. volume). */
  higherIsBetter: boolean | null;
  description: string;
}

const m = (key: string, en: string, zh: string, unit: ColumnUnit, higherIsBetter: boolean | null, description: string): MetricDefinition =>
  ({ key, label: { en, zh }, unit, higherIsBetter, description });

export const METRICS = [
  m('volume', 'Tickets created', '新建工单', 'count', null, 'Tickets created in the range.'),
  m('resolved', 'Tickets resolved', '已解决工单', 'count', null,
    'Tickets whose last resolution falls in the range (a ticket reopened since is not resolved).'),
  m('unanswered', 'Unanswered', '未回复', 'count', false,
    'Tickets created in the range without a first response yet (not in the first response distribution); only tickets whose source measures first response. ' +
    'The overview compares it with the previous period as it stood at the same age (its tickets unanswered at its end + (now - the range\'s end)), not with its final state.'),
  m('unanswered_age_median', 'Unanswered, median wait so far', '未回复工单已等待时长中位数', 'seconds', false,
    'Median age so far (now - creation; calendar or business time as asked) of the tickets created in the range still unanswered: ' +
    'what their first response will take at least (sql/censoring.sql).'),
  m('frt_median_bound', 'First response, median (unanswered at their wait so far)', '首次响应时长中位数(未回复按已等待时长计)', 'seconds', false,
    'Median over the tickets created in the range (measured sources) of the first response time, an unanswered ticket counted at its ' +
    'age so far: a lower bound of the median the range will have once all are answered (shown "≥"). Equals frt_median when none is ' +
    'unanswered. The previous period\'s is taken as it stood at the same age (its tickets as of its end + (now - the range\'s end)).'),
  m('open_created', 'Still open', '仍未解决', 'count', null,
    'Tickets created in the range not resolved or closed yet (a ticket reopened since counts as open).'),
  m('open_age_median', 'Still open, median age', '未解决工单已开启时长中位数', 'seconds', false,
    'Median age so far (now - creation; calendar or business time as asked) of the tickets created in the range still open.'),
  m('resolution_median_bound', 'Resolution time of the range\'s tickets, median (open at their age so far)', '本期新建工单解决时长中位数(未解决按已开启时长计)', 'seconds', false,
    'Median over the tickets created in the range of the resolution time, a still open ticket counted at its age so far (closed ' +
    'without a resolution: left out): a lower bound, shown "≥". Unlike resolution_median it follows tickets by creation, not by resolution.'),
  m('frt_unmeasured', 'Tickets without first response data', '无首次响应数据的工单', 'count', null,
    'Tickets created in the range whose source records no first response (no agent replies, and no first_response rule in its ' +
    'mapping): left out of the first response metrics, which are not available when no ticket of the range is measured.'),
  m('frt_median', 'First response, median', '首次响应时长中位数', 'seconds', false,
    'Median of first response - creation, tickets created in the range; calendar or business time as asked. The first response is the ' +
    'first agent reply, or what the source\'s mapping declares (first_response); tickets whose source records none are left out.'),
  m('frt_p90', 'First response, p90', '首次响应时长P90', 'seconds', false, '90th percentile of the first response time (interpolated).'),
  m('frt_mean', 'First response, mean', '首次响应时长均值', 'seconds', false, 'Mean first response time.'),
  m('resolution_median', 'Resolution time, median', '解决时长中位数', 'seconds', false,
    'Median of last resolution - creation, tickets resolved in the range (by resolution time).'),
  m('resolution_p90', 'Resolution time, p90', '解决时长P90', 'seconds', false, '90th percentile of the resolution time (interpolated).'),
  m('resolution_mean', 'Resolution time, mean', '解决时长均值', 'seconds', false, 'Mean resolution time.'),
  m('sla_frt', 'SLA first response', '首次响应SLA达成率', 'ratio', true,
    'Tickets created in the range whose first response met the target of their SLA policy (priority, and team when it has its own), ' +
    'in the policy\'s clock. A ticket unanswered past its target is a breach; one unanswered within its target is not counted yet. ' +
    'Tickets whose source records no first response are left out (not breaches).'),
  m('sla_resolution', 'SLA resolution', '解决SLA达成率', 'ratio', true,
    'Tickets created in the range resolved within the target of their SLA policy, in the policy\'s clock. A ticket still open past its ' +
    'target is a breach; one still open within its target, or closed without a resolution, is not counted.'),
  m('csat', 'CSAT', '满意度', 'ratio', true, 'Share of ratings 4 or 5 among ratings given in the range (by rating time; the last rating of a ticket counts).'),
  m('rating_mean', 'Mean rating', '平均评分', 'rating', true, 'Mean of the ratings given in the range (1..5).'),
  m('rating_response_rate', 'Rating response rate', '评价率', 'ratio', true,
    'Tickets resolved in the range that have a rating / tickets resolved in the range.'),
  m('backlog', 'Backlog', '积压工单', 'count', false,
    'Tickets not finally resolved or closed at the end of the range\'s last day: created by then, and their last resolution ' +
    '(or close) after it or not yet. A ticket reopened later counts as unresolved from its creation to its last resolution.'),
  m('reopen_rate', 'Reopen rate', '重开率', 'ratio', false,
    'Tickets first resolved in the range that were reopened at least once / tickets first resolved in the range.'),
  m('one_touch_rate', 'One-touch resolution', '一次解决率', 'ratio', true,
    'Tickets first resolved in the range with exactly one agent reply and never reopened / tickets first resolved in the range; ' +
    'only tickets whose source records agent replies (not available when none does).'),
  m('transfer_rate', 'Transfer rate', '转派率', 'ratio', false, 'Tickets created in the range that were transferred at least once / tickets created.'),
  m('escalation_rate', 'Escalation rate', '升级率', 'ratio', false, 'Tickets created in the range that were escalated / tickets created.'),
  m('replies', 'Agent replies', '客服回复数', 'count', null, 'Agent replies sent in the range (system replies do not count).'),
  m('reply_median', 'Reply time, median', '回复时长中位数', 'seconds', false,
    'Median over agent replies sent in the range of the time since the customer\'s last message (or creation).'),
  m('reply_p90', 'Reply time, p90', '回复时长P90', 'seconds', false, '90th percentile of the reply time.'),
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
