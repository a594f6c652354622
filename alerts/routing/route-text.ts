// A routing proposal as a dispatcher reads it, in English and Chinese: what changes in the dispatch
// rules (which queue, where, for which tickets, worked by whom, with which SLA), where those tickets
// go today and after, and what the alert's rule filtered or grouped by that the rules cannot express.
import type { QueueMatch, MatchField } from '../../forecasting/series/queues.ts';
import type { Dimension } from '../../warehouse/metrics/filter.ts';
import type { RouteMatch } from './route-match.ts';
import type { QueueRef, RoutePlan, TeamRef } from './route-plan.ts';

export type Lang = 'en' | 'zh';
/** A dimension value's name in a language (the warehouse's labels; the id when it has none). */
export type NameOf = (dimension: string, value: string, lang: Lang) => string;

const FIELD: Record<Lang, Record<string, string>> = {
  en: { product: 'product', region: 'region', problem_type: 'problem type', problem_subtype: 'subtype', channel: 'channel', priority: 'priority', team: 'team', agent: 'agent' },
  zh: { product: '产品', region: '地区', problem_type: '问题类型', problem_subtype: '问题子类', channel: '渠道', priority: '优先级', team: '团队', agent: '坐席' },
};

const listed = (values: readonly string[], lang: Lang) => values.join(lang === 'zh' ? '、' : ' or ');

/** "problem type Complaint, product Laptop" / "问题类型 投诉，产品 笔记本电脑". */
export function matchText(match: QueueMatch, lang: Lang, nameOf: NameOf): string {
  return (Object.keys(match) as MatchField[]).map((f) => `${FIELD[lang][f] ?? f} ${listed(match[f]!.map((v) => nameOf(f, v, lang)), lang)}`)
    .join(lang === 'zh' ? '，' : ', ');
}

// Chinese lines name queues and teams by their Chinese names only: a Chinese screen shows no config ids.
const queueName = (q: QueueRef | null, lang: Lang) => (q ? (lang === 'zh' ? q.names.zh : `${q.names.en} (${q.queue})`) : lang === 'zh' ? '无队列' : 'no queue');

function durationWords(seconds: number | null): string {
  if (seconds === null) return '—';
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** The lines of the preview, one language. */
export function routeLines(plan: RoutePlan, route: RouteMatch, team: TeamRef, lang: Lang, nameOf: NameOf): string[] {
  const zh = lang === 'zh';
  const tickets = matchText(route.match, lang, nameOf);
  const teamName = zh ? team.names.zh : `${team.names.en} (${team.id})`;
  const lines: string[] = [];
  const c = plan.change;
  if (!c) {
    lines.push(zh ? `无需改动：分派规则已把这些工单（${tickets}）分给队列 ${queueName(plan.already, lang)}，由团队 ${teamName} 处理。`
      : `Nothing to change: the dispatch rules already send these tickets (${tickets}) to queue ${queueName(plan.already, lang)}, worked by team ${teamName}.`);
  } else if (c.kind === 'add-queue') {
    const where = c.ahead ? (zh ? `排在 ${queueName(c.ahead, lang)} 之前` : `ahead of ${queueName(c.ahead, lang)}`) : (zh ? '排在最前' : 'first in the list');
    lines.push(zh ? `新增队列 ${c.names.zh}，第 ${c.line} 行，${where}：匹配 ${tickets}。`
      : `New queue ${c.names.en} (${c.queue}) at line ${c.line}, ${where}: matches ${tickets}.`);
    lines.push(zh ? `由团队 ${teamName} 的坐席处理（按该团队的技能分派${c.maxOpenPerAgent !== null ? `，每人同时未结上限 ${c.maxOpenPerAgent}` : ''}）。`
      : `Worked by the agents of team ${teamName} (skill_match on ${c.skills.join(', ')}${c.maxOpenPerAgent !== null ? `, up to ${c.maxOpenPerAgent} open each` : ''}).`);
    if (c.sla && c.slaFrom) {
      const sla = `${durationWords(c.sla.firstResponseSeconds)} / ${durationWords(c.sla.resolutionSeconds)}`;
      lines.push(zh ? `沿用 ${queueName(c.slaFrom, lang)} 的 SLA（首次响应 / 解决 ${sla}，${c.sla.clock === 'business' ? '工作时间' : '自然时间'}）：换团队不改变对客户的承诺。`
        : `SLA kept from ${queueName(c.slaFrom, lang)} (first response / resolution ${sla}, ${c.sla.clock} clock): the customers' promise does not change with the team.`);
    }
  } else {
    const added = Object.entries(c.added).map(([f, v]) => `${FIELD[lang][f]} ${nameOf(f, v, lang)}`).join(zh ? '，' : ', ');
    lines.push(zh ? `扩展队列 ${queueName(c, lang)}（第 ${c.line} 行）的匹配：加入 ${added}；现在匹配 ${matchText(c.match, lang, nameOf)}。`
      : `Extend queue ${queueName(c, lang)} (line ${c.line}): add ${added} to its match, which becomes ${matchText(c.match, lang, nameOf)}.`);
  }
  if (c) {
    const now = plan.takenBy ? queueName(plan.takenBy, lang) : (zh ? '没有队列匹配（无人分派）' : 'no queue matches them (unrouted)');
    lines.push(zh ? `这些工单（${tickets}）现在进入：${now}；改动后进入：${queueName(c, lang)}，团队 ${teamName}。其他工单的分派不变。`
      : `These tickets (${tickets}) go today to: ${now}; after: ${queueName(c, lang)}, team ${teamName}. Every other ticket keeps its queue.`);
  }
  if (c && plan.takenBy && plan.takenBy.queue !== c.queue) {
    // The forecaster counts each queue by its own match (no order): the staffing apply warns of the overlap.
    lines.push(zh ? `注意：预测按各队列自身的匹配计数，${queueName(plan.takenBy, lang)} 的预测仍会计入这些工单（应用排班时会提示两队列重叠）。`
      : `Note: forecasts count each queue by its own match, so ${queueName(plan.takenBy, lang)}'s forecast still counts these tickets (the staffing apply warns that the two queues overlap).`);
  }
  if (route.leftOut.length > 0) {
    const dims = route.leftOut.map((d: Dimension) => FIELD[lang][d] ?? d).join(zh ? '、' : ', ');
    lines.push(zh ? `告警规则还按 ${dims} 筛选或分组；分派规则无法按此匹配，已忽略（改动对所有${dims}生效）。`
      : `The alert's rule also filters or groups by ${dims}; dispatch rules cannot match on that, so it is left out (the change applies whatever the ${dims}).`);
  }
  return lines;
}
