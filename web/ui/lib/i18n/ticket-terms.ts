// The words of a ticket's timeline in both languages: event types, statuses, actors, SLA clocks and
// the ticket page's own texts. Kept apart from en.ts / zh.ts like model-labels.ts; an unknown value
// shows as itself.
import { EVENT_TYPES, STATUSES, ACTORS, type EventType, type Status, type Actor } from '../../../../warehouse/event-model.ts';
import type { Lang, Vars } from './translate.ts';

const EVENT_TYPE: Record<Lang, Record<EventType, string>> = {
  en: {
    created: 'Created', assigned: 'Assigned', replied: 'Replied', commented: 'Internal note', status_changed: 'Status changed',
    transferred: 'Transferred', escalated: 'Escalated', resolved: 'Resolved', reopened: 'Reopened', closed: 'Closed',
    rated: 'Rated', updated: 'Updated',
  },
  zh: {
    created: '创建', assigned: '分配', replied: '回复', commented: '内部备注', status_changed: '状态变更',
    transferred: '转派', escalated: '升级', resolved: '解决', reopened: '重开', closed: '关闭',
    rated: '评价', updated: '更新',
  },
};

const STATUS: Record<Lang, Record<Status, string>> = {
  en: { new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', resolved: 'Resolved', closed: 'Closed' },
  zh: { new: '新建', open: '处理中', pending: '等待客户', on_hold: '挂起', resolved: '已解决', closed: '已关闭' },
};

const ACTOR: Record<Lang, Record<Actor, string>> = {
  en: { agent: 'Agent', customer: 'Customer', system: 'System' },
  zh: { agent: '客服', customer: '客户', system: '系统' },
};

const TEXT = {
  en: {
    headline: 'Ticket', timeline: 'Timeline', sla: 'SLA clocks', since: 'after {duration}', at: 'at creation',
    'sla.first_response': 'First response', 'sla.resolution': 'Resolution',
    'clock.business': 'business hours', 'clock.calendar': 'calendar time',
    'state.met': 'met', 'state.breached': 'breached', 'state.running': 'running',
    target: 'target {target} ({clock})', elapsed: '{elapsed} used', due: 'due {at}', stopped: 'stopped {at}',
    noSla: 'No SLA policy applies to this ticket.',
    forbidden: 'Ticket {ticket} is not in your teams (or does not exist). A manager can open every team\'s tickets.',
    notFound: 'There is no ticket {ticket}. Check the id.',
    'col.timeIn': 'Time ({zone})', atZone: '{at} ({zone})', 'col.since': 'Since previous', 'col.event': 'Event', 'col.actor': 'By', 'col.agent': 'Agent',
    'col.team': 'Team', 'col.status': 'Status', 'col.rating': 'Rating', 'col.comment': 'Comment',
    zone: 'Times in {zone}.', rating: '{rating} / 5',
  },
  zh: {
    headline: '工单', timeline: '时间线', sla: 'SLA 计时', since: '间隔 {duration}', at: '创建时',
    'sla.first_response': '首次响应', 'sla.resolution': '解决',
    'clock.business': '工作时间', 'clock.calendar': '自然时间',
    'state.met': '达标', 'state.breached': '超时', 'state.running': '计时中',
    target: '目标 {target}（{clock}）', elapsed: '已用 {elapsed}', due: '{at} 到期', stopped: '{at} 停止计时',
    noSla: '此工单没有适用的 SLA 策略。',
    forbidden: '工单 {ticket} 不属于您的团队（或不存在）。经理可查看所有团队的工单。',
    notFound: '没有工单 {ticket}，请检查编号。',
    'col.timeIn': '时间（{zone}）', atZone: '{at}（{zone}）', 'col.since': '距上一事件', 'col.event': '事件', 'col.actor': '操作方', 'col.agent': '客服',
    'col.team': '团队', 'col.status': '状态', 'col.rating': '评分', 'col.comment': '评价内容',
    zone: '时间按 {zone} 显示。', rating: '{rating} / 5',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type TicketTextKey = keyof (typeof TEXT)['en'];

const lookup = <K extends string>(table: Record<Lang, Record<K, string>>, all: readonly K[]) =>
  (value: string | null | undefined, lang: Lang): string =>
    value == null ? '' : (all as readonly string[]).includes(value) ? table[lang][value as K] : value;

export const eventTypeLabel = lookup(EVENT_TYPE, EVENT_TYPES);
export const statusLabel = lookup(STATUS, STATUSES);
export const actorLabel = lookup(ACTOR, ACTORS);

/** An SLA column's value in `lang`: sla (first_response, resolution) or clock (business, calendar); null for anything else. */
export function slaTerm(column: string, value: string, lang: Lang): string | null {
  const key = `${column}.${value}`;
  return (column === 'sla' || column === 'clock') && key in TEXT[lang] ? TEXT[lang][key as TicketTextKey] : null;
}

export function ticketText(lang: Lang, key: TicketTextKey, vars: Vars = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
