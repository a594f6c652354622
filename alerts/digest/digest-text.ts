// The digest in words, in English or Chinese: subject, plain text and HTML (the chart inline as
// cid:volume-chart, a link to the Overview of that day and scope). Pure: figures in, strings out.
import { metricDefinition } from '../../warehouse/metrics/catalog.ts';
// The Overview's own formatter, so the digest words every figure and change as the page does.
import { formatDelta, formatValue } from '../../warehouse/metrics/format-value.ts';
import type { TeamConfig } from '../../warehouse/config.ts';
import type { ValueLabel } from '../../warehouse/value-labels.ts';
import type { DigestData, Kpi } from './digest-data.ts';
import type { DigestLanguage } from './report-config.ts';

export const CHART_CID = 'volume-chart';

const STRINGS = {
  en: {
    subject: (day: string, tickets: string, scope: string) => `DeskPulse daily digest ${day}${scope}: ${tickets} tickets`,
    heading: 'Daily digest',
    against: (day: string) => `compared with ${day}, the same weekday a week earlier`,
    allTeams: 'all teams',
    teams: 'Teams',
    kpis: 'Headline figures',
    metric: 'Metric', yesterday: 'Day', weekBefore: 'Week before', change: 'Change',
    breaching: (n: number) => `SLA: ${n} open ticket${n === 1 ? '' : 's'} will pass a target within the hour`,
    outOfLine: 'Out of line now (anomaly alerts)',
    noneOutOfLine: 'Nothing is out of line.',
    growing: 'Growing problem types (above what the calendar expects)',
    noneGrowing: 'No problem type is growing beyond what the calendar expects.',
    growingLine: (type: string, tickets: number, expected: string) => `${type}: ${tickets} tickets, ${expected} expected`,
    lowRatings: (shown: number, total: number) => `Low ratings (1-2 stars): ${total}${total > shown ? `, the newest ${shown}` : ''}`,
    noLowRatings: 'No low ratings.',
    noComment: '(no comment)',
    chartAlt: 'Tickets per day, the last 14 days',
    open: 'Open the Overview of this day',
    na: 'n/a',
    colon: ': ',
  },
  zh: {
    subject: (day: string, tickets: string, scope: string) => `DeskPulse 每日简报 ${day}${scope}：工单 ${tickets} 张`,
    heading: '每日简报',
    against: (day: string) => `对比 ${day}（上周同一天）`,
    allTeams: '全部团队',
    teams: '团队',
    kpis: '核心指标',
    metric: '指标', yesterday: '当日', weekBefore: '上周同日', change: '变化',
    breaching: (n: number) => `SLA：${n} 张未结工单将在一小时内超时`,
    outOfLine: '当前异常（异常告警）',
    noneOutOfLine: '没有异常。',
    growing: '增长中的问题类型（高于日历预期）',
    noneGrowing: '没有问题类型超出日历预期的增长。',
    growingLine: (type: string, tickets: number, expected: string) => `${type}：${tickets} 张，预期 ${expected} 张`,
    lowRatings: (shown: number, total: number) => `差评（1-2 星）：${total} 条${total > shown ? `，最新 ${shown} 条` : ''}`,
    noLowRatings: '没有差评。',
    noComment: '（无评论）',
    chartAlt: '近 14 天每日工单量',
    open: '打开当日的概览',
    na: '无数据',
    colon: '：',
  },
} as const;

/** A KPI's value as the Overview shows it (its formatter: counts whole, shares in %, durations in h/m). */
export function formatKpi(metric: Kpi['metric'], value: number | null, language: DigestLanguage): string {
  return formatValue(value, metricDefinition(metric).unit, language);
}

/** The change as the Overview words it: percentage points for rates (SLA, CSAT), relative % otherwise. */
export function formatKpiChange(k: Kpi, language: DigestLanguage): string {
  return formatDelta(k.delta, k.delta_pct, metricDefinition(k.metric).unit, language);
}

/** One line per headline KPI: "Volume: 412 (week before 398, +3.5%)", "CSAT: 82.0% (week before 80.0%, +2.0 pp)" or their Chinese. */
export function kpiLine(k: Kpi, language: DigestLanguage): string {
  const t = STRINGS[language];
  const label = metricDefinition(k.metric).label[language];
  return `${label}${t.colon}${formatKpi(k.metric, k.value, language)} (${t.weekBefore} ${formatKpi(k.metric, k.previous, language)}, ${formatKpiChange(k, language)})`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface DigestText { subject: string; text: string; html: string }

/** `labels`: the warehouse's value names (readValueLabels), so problem types read as on the dashboards. */
export function digestText(data: DigestData, language: DigestLanguage, teams: TeamConfig[], link: string, labels: readonly ValueLabel[]): DigestText {
  const t = STRINGS[language];
  const problemName = (id: string) => {
    const named = labels.find((l) => l.dimension === 'problem_type' && l.value === id);
    return (language === 'zh' ? named?.zh ?? named?.en : named?.en ?? named?.zh) ?? id;
  };
  const teamName = (id: string) => {
    const team = teams.find((x) => x.id === id);
    return (language === 'zh' ? team?.name_zh : team?.name_en) ?? id;
  };
  const scopeNames = data.teams === null ? t.allTeams : data.teams.map(teamName).join(language === 'zh' ? '、' : ', ');
  const volume = data.kpis.find((k) => k.metric === 'volume');
  const subject = t.subject(data.day, formatKpi('volume', volume?.value ?? null, language), data.teams === null ? '' : ` (${scopeNames})`);
  const growing = data.growing.map((g) => t.growingLine(problemName(g.problem_type), g.tickets, g.expected === null ? t.na : g.expected.toFixed(1)));
  const ratings = data.lowRatings.map((r) => `${'★'.repeat(r.rating)} ${r.ticket_id}${r.team ? ` (${teamName(r.team)})` : ''}: ${r.comment ?? t.noComment}`);
  const text = [
    `${t.heading} ${data.day} (${data.timezone}) · ${t.teams}${t.colon}${scopeNames}`,
    t.against(data.previousDay),
    '',
    `${t.kpis}${t.colon}`,
    ...data.kpis.map((k) => `- ${kpiLine(k, language)}`),
    '',
    t.breaching(data.breaching),
    '',
    `${t.outOfLine}${t.colon}`,
    ...(data.outOfLine.length ? data.outOfLine.map((a) => `- ${a}`) : [t.noneOutOfLine]),
    '',
    `${t.growing}${t.colon}`,
    ...(growing.length ? growing.map((g) => `- ${g}`) : [t.noneGrowing]),
    '',
    t.lowRatings(data.lowRatings.length, data.lowRatingsTotal),
    ...(ratings.length ? ratings.map((r) => `- ${r}`) : [t.noLowRatings]),
    '',
    `${t.open}${t.colon}${link}`,
  ].join('\n');
  const cell = 'style="padding:4px 10px;border-bottom:1px solid #e5e7eb;text-align:right"';
  const rows = data.kpis.map((k) => `<tr><td style="padding:4px 10px;border-bottom:1px solid #e5e7eb">${escapeHtml(metricDefinition(k.metric).label[language])}</td>`
    + `<td ${cell}><b>${escapeHtml(formatKpi(k.metric, k.value, language))}</b></td><td ${cell}>${escapeHtml(formatKpi(k.metric, k.previous, language))}</td>`
    + `<td ${cell}>${escapeHtml(formatKpiChange(k, language))}</td></tr>`).join('');
  const list = (items: string[], empty: string) => items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : `<p>${escapeHtml(empty)}</p>`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#111827;max-width:680px">
<h2>${escapeHtml(t.heading)} ${escapeHtml(data.day)}</h2>
<p>${escapeHtml(t.teams)}${t.colon}${escapeHtml(scopeNames)} · ${escapeHtml(t.against(data.previousDay))}</p>
<h3>${escapeHtml(t.kpis)}</h3>
<table style="border-collapse:collapse"><thead><tr><th style="text-align:left;padding:4px 10px">${escapeHtml(t.metric)}</th><th ${cell}>${escapeHtml(t.yesterday)}</th>`
    + `<th ${cell}>${escapeHtml(t.weekBefore)}</th><th ${cell}>${escapeHtml(t.change)}</th></tr></thead><tbody>${rows}</tbody></table>
<p><b>${escapeHtml(t.breaching(data.breaching))}</b></p>
<p><img src="cid:${CHART_CID}" alt="${escapeHtml(t.chartAlt)}" width="640" height="260"></p>
<h3>${escapeHtml(t.outOfLine)}</h3>${list(data.outOfLine, t.noneOutOfLine)}
<h3>${escapeHtml(t.growing)}</h3>${list(growing, t.noneGrowing)}
<h3>${escapeHtml(t.lowRatings(data.lowRatings.length, data.lowRatingsTotal))}</h3>${list(ratings, t.noLowRatings)}
<p><a href="${escapeHtml(link)}">${escapeHtml(t.open)}</a></p>
</body></html>`;
  return { subject, text, html };
}
