// The Alerts page in words: what an alert found (how far out of line), its group by name, where its
// messages went, a rule's watch, and the link to the tickets behind an alert. Pure: the page passes
// the language, the metric catalog and the value names in.
import { formatDuration, formatValue } from '../../../../warehouse/metrics/format-value.ts';
import { translate, type Lang, type MessageKey } from '../../lib/i18n/translate.ts';
import type { MetricInfo } from '../../lib/api/types.ts';

export interface AlertRow {
  alert_id: string; rule_id: string; group_key: string; kind: string; state: string; teams: string[]; title: string;
  detail: Record<string, unknown>; first_fired_at: string; last_seen_at: string; last_notified_at: string | null; notify_level: number;
  acknowledged_by: string | null; acknowledged_at: string | null; resolved_at: string | null; tickets_query: Record<string, string[]>;
  /** Whether the caller may silence every group of its rule (the server refuses a lead's otherwise). */
  may_silence_rule: boolean;
}
export interface RuleRow {
  id: string; kind: string; notify: string[]; metric: string | null; window_seconds: number | null; by: string[]; filter: Record<string, string[]>;
  evaluated_at: string | null; firing: number | null; error: string | null; next_run_at: string | null;
}
export interface DeliveryRow { target: string; at: string; attempts: number; outcome: 'sent' | 'failed'; why: string | null }
export interface HistoryEntry { alert_id: string; at: string; event: string; by_whom: string | null; title: string; teams: string[]; deliveries: DeliveryRow[] }

/** A dimension value's name in the page's language (valueLabels.name). */
export type NameOf = (dimension: string, value: string) => string;

const KINDS = ['threshold', 'anomaly', 'breaching', 'step'];
const EVENTS = ['fired', 'reminded', 'escalated', 'acknowledged', 'silenced', 'resolved'];

/** A rule kind or history event in words; one this page does not know yet (a newer engine's) as written. */
export function kindText(kind: string, lang: Lang): string {
  return KINDS.includes(kind) ? translate(lang, `alerts.kind.${kind}` as MessageKey) : kind;
}
export function eventText(event: string, lang: Lang): string {
  return EVENTS.includes(event) ? translate(lang, `alerts.event.${event}` as MessageKey) : event;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "Product: Laptop" (or "all tickets" for a rule without by:). */
export function groupText(alert: Pick<AlertRow, 'detail'>, lang: Lang, nameOf: NameOf): string {
  const group = (alert.detail.group ?? {}) as Record<string, string | null>;
  const parts = Object.entries(group).map(([d, v]) => `${translate(lang, `alerts.dim.${d}` as MessageKey)}${lang === 'zh' ? '：' : ': '}${v === null ? '—' : nameOf(d, v)}`);
  return parts.length > 0 ? parts.join(lang === 'zh' ? '，' : ', ') : translate(lang, 'alerts.allTickets');
}

/**
 * A history row's alert by name: the rule and its group from the alert id (`rule:dim=value,...`, as
 * the engine keys it), e.g. frt-sla-low and "Team: Logistics" for "frt-sla-low:team=logistics";
 * a rule without by: is its own alert (no group), its id the rule's.
 */
export function historyAlertName(alertId: string, lang: Lang, nameOf: NameOf): { rule: string; group: string | null } {
  const colon = alertId.indexOf(':');
  if (colon < 0) return { rule: alertId, group: null };
  const group: Record<string, string | null> = {};
  for (const part of alertId.slice(colon + 1).split(/,(?=[a-z_]+=)/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) return { rule: alertId, group: null };
    const value = part.slice(eq + 1);
    group[part.slice(0, eq)] = value === '(none)' ? null : value;
  }
  return { rule: alertId.slice(0, colon), group: groupText({ detail: { group } }, lang, nameOf) };
}

/** How far out of line: observed against expected, a KPI against its bound, or the tickets about to breach. */
export function outOfLine(alert: Pick<AlertRow, 'kind' | 'detail' | 'title'>, lang: Lang, metricOf: (key: string) => MetricInfo | undefined, windowSeconds: number | null): string {
  const d = alert.detail;
  const window = windowSeconds === null ? '—' : formatDuration(windowSeconds, lang);
  if (alert.kind === 'anomaly') {
    const [observed, expected] = [num(d.observed) ?? 0, num(d.expected) ?? 0];
    return translate(lang, 'alerts.anomaly', { observed, window, expected: expected.toFixed(1), ratio: expected > 0 ? (observed / expected).toFixed(1) : '∞' });
  }
  if (alert.kind === 'threshold') {
    const metric = metricOf(String(d.metric));
    const unit = metric?.unit ?? 'number';
    const [below, above] = [num(d.below), num(d.above)];
    const value = num(d.value);
    const crossed = below !== null && value !== null && value < below ? 'below' : 'above';
    const bound = crossed === 'below' ? below : above;
    return translate(lang, `alerts.threshold.${crossed}`, {
      metric: metric ? metric.label[lang] : String(d.metric), value: formatValue(value, unit, lang), bound: formatValue(bound, unit, lang),
      window, volume: formatValue(num(d.volume), 'count', lang),
    });
  }
  const tickets = Array.isArray(d.tickets) ? (d.tickets as { remaining_seconds?: unknown; spent_seconds?: unknown; limit_seconds?: unknown }[]) : [];
  if (alert.kind === 'step') {
    const most = Math.max(...tickets.map((t) => (num(t.spent_seconds) ?? 0) - (num(t.limit_seconds) ?? 0)));
    return translate(lang, 'alerts.step', { n: namedTickets(alert).length, most: Number.isFinite(most) ? formatDuration(Math.max(0, most), lang) : '—' });
  }
  if (alert.kind !== 'breaching') return alert.title; // a kind this page does not word yet: the engine's own title
  const soonest = Math.min(...tickets.map((t) => num(t.remaining_seconds) ?? Infinity));
  return translate(lang, 'alerts.breaching', { n: namedTickets(alert).length, soonest: Number.isFinite(soonest) ? formatDuration(Math.max(0, soonest), lang) : '—' });
}

/** The ticket ids an alert names (anomaly: the newest behind it; breaching: those about to breach; step: those over their limit). */
export function namedTickets(alert: Pick<AlertRow, 'detail'>): string[] {
  const tickets = alert.detail.tickets;
  if (!Array.isArray(tickets)) return [];
  return [...new Set(tickets.map((t) => (typeof t === 'string' ? t : String((t as { ticket_id?: unknown }).ticket_id ?? ''))).filter((t) => t !== ''))];
}

/** The /tickets page for the tickets behind an alert. */
export function ticketsHref(query: Record<string, string[]>): string {
  const search = new URLSearchParams();
  for (const [key, values] of Object.entries(query)) for (const v of values) search.append(key, v);
  return `/tickets?${search.toString()}`;
}

/** "ops: sent", "ops: sent after 2 attempts (last failure: HTTP 500)", "boss: failed after 3 attempts: ECONNREFUSED". */
export function deliveryText(d: DeliveryRow, lang: Lang): string {
  if (d.outcome === 'failed') return translate(lang, 'alerts.delivery.failed', { target: d.target, attempts: d.attempts, why: d.why ?? '—' });
  if (d.attempts > 1) return translate(lang, 'alerts.delivery.sentAfter', { target: d.target, attempts: d.attempts, why: d.why ?? '—' });
  return translate(lang, 'alerts.delivery.sent', { target: d.target });
}

/** What a rule watches: "Tickets created per product over 2h, problem type: complaint". */
export function ruleWatch(rule: RuleRow, lang: Lang, metricOf: (key: string) => MetricInfo | undefined, nameOf: NameOf): string {
  const sep = lang === 'zh' ? '，' : ', ';
  const parts = [rule.kind === 'breaching' ? translate(lang, 'alerts.rule.breachingWatch')
    : rule.kind === 'step' ? translate(lang, 'alerts.rule.stepWatch')
    : translate(lang, 'alerts.rule.metricWatch', { metric: rule.metric ? metricOf(rule.metric)?.label[lang] ?? rule.metric : '—', window: rule.window_seconds === null ? '—' : formatDuration(rule.window_seconds, lang) })];
  if (rule.by.length > 0) parts.push(translate(lang, 'alerts.rule.by', { dims: rule.by.map((d) => translate(lang, `alerts.dim.${d}` as MessageKey)).join(sep) }));
  for (const [d, values] of Object.entries(rule.filter)) {
    parts.push(`${translate(lang, `alerts.dim.${d}` as MessageKey)}${lang === 'zh' ? '：' : ': '}${values.map((v) => nameOf(d, v)).join(lang === 'zh' ? '、' : ' / ')}`);
  }
  return parts.join(sep);
}

/** An instant as local wall time "2026-09-01 16:00" in `timeZone` (the browser's when not given). */
export function localTime(iso: string | null, timeZone?: string): string {
  if (iso === null) return '—';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
