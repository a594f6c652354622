// What a range's first response figures rest on, in words (en/zh) for exports and screens: a range
// none of whose tickets is measured has them "not available" (with the reason), never 0; a mixed one
// says how many were left out; a rule other than the first agent reply is named beside the figures.
// Pure (no database): the UI imports it too.
import { parseRule } from '../lifecycle/first-response-rule.ts';
import type { EventType } from '../event-model.ts';
import type { FirstResponseCoverage, Label } from './table.ts';

export const NOT_MEASURED = 'no_first_response_in_source';

const REASON: Label = {
  en: 'Not available: the source of these tickets records no first response (no agent replies, and its mapping declares no first_response)',
  zh: '不可用：这些工单的数据来源没有记录首次响应（没有客服回复，映射也未声明 first_response）',
};

const STATUS_LABELS: Record<string, Label> = {
  open: { en: 'Open', zh: '处理中' }, pending: { en: 'Pending', zh: '等待回复' }, on_hold: { en: 'On hold', zh: '挂起' },
  resolved: { en: 'Resolved', zh: '已解决' }, closed: { en: 'Closed', zh: '已关闭' },
};

/** An event rule's type as a Chinese screen names it (the English label quotes the mapping's word). */
const EVENT_NAMES_ZH: Record<EventType, string> = {
  created: '创建', assigned: '分派', replied: '回复', commented: '备注', status_changed: '状态变更', transferred: '转派',
  escalated: '升级', resolved: '解决', reopened: '重新打开', closed: '关闭', rated: '评价', updated: '更新',
};

/** "first response = ..." for a stored rule (first-response-rule.ts), as shown beside the metric. */
export function ruleLabel(text: string): Label {
  const rule = parseRule(text);
  switch (rule.kind) {
    case 'reply': return { en: 'first response = first agent reply', zh: '首次响应 = 客服首次回复' };
    case 'assignment': return { en: 'first response = first assignment to a person', zh: '首次响应 = 首次分派给具体人员' };
    case 'status': {
      const names = (lang: keyof Label) => rule.statuses.map((s) => STATUS_LABELS[s]?.[lang] ?? s).join(lang === 'en' ? ' or ' : '或');
      return { en: `first response = first change to ${names('en')}`, zh: `首次响应 = 首次变为${names('zh')}` };
    }
    case 'event': return { en: `first response = first "${rule.type}" event`, zh: `首次响应 = 首个「${EVENT_NAMES_ZH[rule.type] ?? rule.type}」事件` };
  }
}

/** The coverage of one period from its tickets per rule (rule null: not measured). */
export function coverageOf(counts: ReadonlyArray<{ rule: string | null; tickets: number }>): FirstResponseCoverage {
  const measuredRules = counts.filter((c) => c.rule !== null).sort((a, b) => b.tickets - a.tickets || a.rule!.localeCompare(b.rule!));
  const measured = measuredRules.reduce((n, c) => n + c.tickets, 0);
  const excluded = counts.filter((c) => c.rule === null).reduce((n, c) => n + c.tickets, 0);
  const unavailable = measured === 0 && excluded > 0 ? NOT_MEASURED : null;
  const note: Label | null = unavailable ? REASON : excluded === 0 ? null : {
    en: `${excluded} of ${measured + excluded} tickets left out of the first response metrics: their source records no first response`,
    zh: `${measured + excluded} 张工单中有 ${excluded} 张未计入首次响应指标：其数据来源没有记录首次响应`,
  };
  return {
    unavailable, measured, excluded, note,
    rules: measuredRules.map((c) => ({ rule: c.rule!, tickets: c.tickets, label: ruleLabel(c.rule!) })),
  };
}

/**
 * The sentences a table with first response figures carries in exports and beside tiles: the reason
 * or the left-out count, and each rule other than the default (first agent reply); none for a range
 * measured by agent replies alone.
 */
export function firstResponseNotes(coverage: FirstResponseCoverage | undefined): Label[] {
  if (!coverage) return [];
  const rules = coverage.rules.filter((r) => r.rule !== 'reply' || coverage.rules.length > 1).map((r) => r.label);
  return coverage.note ? [coverage.note, ...rules] : rules;
}
