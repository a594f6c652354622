// Checks of a staffing recommendation a planner should read, ranked: queues short of people at
// their peak, queues whose service level is at risk, plans asking more hours of each person than a
// working week; then the dispatch rules: agents who cannot hold a forecast peak within
// max_open_per_agent, and queues whose matches overlap. One warning per queue and kind, zh and en.
import { DateTime } from 'luxon';
import { MATCH_COLUMNS, type MatchField, type QueueMatch } from '../series/queues.ts';
import type { QueueRecommendation, StaffingRecommendation } from '../staffing/recommend.ts';
import type { DispatchQueueRule, DispatchRules } from './read-dispatch-rules.ts';

export type WarningKind = 'shortfall' | 'sla-at-risk' | 'hours' | 'capacity' | 'overlap' | 'not-in-rules' | 'unknown-key';

export interface DispatchWarning {
  kind: WarningKind;
  queues: string[];
  /** English; `messages` has both languages where the check writes them. */
  message: string;
  messages?: { en: string; zh: string };
  /** Within a kind, larger is worse (agent-hours short, points of service level missed). */
  severity?: number;
  line?: number;
}

/** Kinds in the order a planner should read them. */
const KIND_ORDER: readonly WarningKind[] = ['shortfall', 'sla-at-risk', 'hours', 'capacity', 'overlap', 'not-in-rules', 'unknown-key'];

/** Most important first: by kind, then severity. */
export function rankWarnings(warnings: readonly DispatchWarning[]): DispatchWarning[] {
  return [...warnings].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (b.severity ?? 0) - (a.severity ?? 0));
}

/** Hours a person works in a 5-day week, for the hours check: 8 a working day. */
export const WEEK_HOURS = 40;

/**
 * Hours a week the queue's people work: 8 a day on the days a week they work (the config's people
 * 5, a 40-hour week; agents counted from events the days they recorded work: the demo's, on duty
 * every day of a 7-day team, 7). Like with like: the plan's hours per person against them.
 */
function weekHoursOf(q: QueueRecommendation, weekHours: number): number {
  return q.headcount ? (weekHours / 5) * q.headcount.daysPerWeek : weekHours;
}

/** "a 40-hour week" / "7-day weeks of 8 hours (56 h)" in both languages. */
function weekText(q: QueueRecommendation, weekHours: number): { en: string; zh: string } {
  const days = q.headcount ? Math.round(q.headcount.daysPerWeek * 10) / 10 : 5;
  const hours = Math.round(weekHoursOf(q, weekHours));
  return days === 5
    ? { en: `a ${hours}-hour week`, zh: `每周 ${hours} 小时` }
    : { en: `the ${days}-day weeks of ${weekHours / 5} hours (${hours} h) its people worked in the last 4 weeks`, zh: `团队近 4 周每周 ${days} 天、每天 ${weekHours / 5} 小时 (${hours} 小时)` };
}

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
const when = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

function targetOf(q: QueueRecommendation, fallback: number): number {
  return q.target.serviceLevel ?? fallback;
}

/**
 * At most one staffing warning per queue, the gravest: short of people at the peak (how many, and
 * the service level the people there give), else a service level below target, else more scheduled
 * hours per person than a working week.
 */
export function staffingWarnings(r: StaffingRecommendation, weekHours = WEEK_HOURS): DispatchWarning[] {
  const warnings: DispatchWarning[] = [];
  for (const q of r.queues) {
    const s = q.summary;
    const target = targetOf(q, r.options.defaultServiceLevel.target);
    // zh "expected ...": a space between Chinese and Latin letters (预计 SLA 达成率), none between Chinese (预计服务水平).
    const slText = q.method === 'workload' ? { en: 'SLA attainment', expectedZh: '预计 SLA 达成率' } : { en: 'service level', expectedZh: '预计服务水平' };
    const head = q.headcount ? Math.floor(q.headcount.agents + 1e-9) : null;
    const hours = hoursPerPerson(q);
    const over = hours !== null && hours > weekHoursOf(q, weekHours) + 0.5;
    const week = weekText(q, weekHours);
    const overtime = over
      ? { en: `; the plan asks ${Math.round(hours!)} hours a week of each person, more than ${week.en}`, zh: `; 计划每人每周 ${Math.round(hours!)} 小时, 超过${week.zh}` }
      : { en: '', zh: '' };
    const peak = s.peakShortfall;
    if (peak && head !== null) {
      const at = when(peak.start, q.zone);
      const en = `queue ${q.queueId}: short of ${peak.agents} agent${peak.agents === 1 ? '' : 's'} at ${at} (needs ${peak.requiredAgents}, the team has ${head}); ` +
        `expected ${slText.en} there ${pct(peak.serviceLevel)}, over the plan ${pct(s.serviceLevel)}; ` +
        `${Math.round(s.shortfallAgentHours)} agent-hours short in ${s.intervalsShort} intervals${overtime.en}`;
      const zh = `队列 ${q.queueId}: ${at} 缺 ${peak.agents} 名坐席 (需要 ${peak.requiredAgents}, 团队只有 ${head}); ` +
        `该时段${slText.expectedZh} ${pct(peak.serviceLevel)}, 整个计划 ${pct(s.serviceLevel)}; 共缺 ${Math.round(s.shortfallAgentHours)} 坐席小时, 涉及 ${s.intervalsShort} 个时段${overtime.zh}`;
      warnings.push({ kind: 'shortfall', queues: [q.queueId], message: en, messages: { en, zh }, severity: s.shortfallAgentHours });
      continue;
    }
    if (s.serviceLevel !== null && s.serviceLevel < target - 0.005) {
      const en = `queue ${q.queueId}: expected ${slText.en} ${pct(s.serviceLevel)} over the plan, below the target ${pct(target)}`;
      const zh = `队列 ${q.queueId}: 整个计划${slText.expectedZh} ${pct(s.serviceLevel)}, 低于目标 ${pct(target)}`;
      warnings.push({ kind: 'sla-at-risk', queues: [q.queueId], message: en, messages: { en, zh }, severity: target - s.serviceLevel });
      continue;
    }
    if (q.headcount && over) {
      const perWeek = Math.round(s.agentHours / planWeeks(q));
      const en = `queue ${q.queueId}: the plan schedules ${Math.round(hours!)} hours a week per person (${perWeek} agent-hours over ` +
        `${round1(q.headcount.agents)} people), more than ${week.en}: shifts cannot cover it without overtime or more people`;
      const zh = `队列 ${q.queueId}: 计划每人每周 ${Math.round(hours!)} 小时 (每周 ${perWeek} 坐席小时, ${round1(q.headcount.agents)} 人), ` +
        `超过${week.zh}: 不加班或不增加人手无法排班`;
      warnings.push({ kind: 'hours', queues: [q.queueId], message: en, messages: { en, zh }, severity: hours });
    }
  }
  return rankWarnings(warnings);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The plan's length in weeks, at least one (a 3-day plan is not a 3-day week). */
function planWeeks(q: QueueRecommendation): number {
  const first = q.intervals[0];
  const last = q.intervals[q.intervals.length - 1];
  return first && last ? Math.max(1, (last.start + last.minutes * 60_000 - first.start) / (7 * 86_400_000)) : 1;
}

/** Scheduled hours a week per person of the head count; null without one. */
function hoursPerPerson(q: QueueRecommendation): number | null {
  return q.headcount && q.headcount.agents > 0 ? q.summary.agentHours / planWeeks(q) / q.headcount.agents : null;
}

/**
 * Capacity rule (a lower bound, so a warning is a certain shortage, not a maybe): by Little's law
 * the tickets open at once are arrivals per second x the time each stays open. A ticket stays open
 * at least until it is resolved, and the SLA allows resolution up to `sla.resolution`; we take the
 * shorter of that target and the interval as its holding time, so the open tickets of an interval
 * are at least p90 arrivals x min(1, resolution / interval). They must fit in the slots of the
 * agents working then: agents (before shrinkage) x max_open_per_agent. Intervals closed or short of
 * people are left to the staffing warnings.
 */
export function capacityWarnings(rules: DispatchRules, recommendation: StaffingRecommendation): DispatchWarning[] {
  const warnings: DispatchWarning[] = [];
  for (const q of recommendation.queues) {
    const rule = rules.queues.find((r) => r.id === q.queueId);
    if (!rule || rule.maxOpenPerAgent === null) continue;
    const maxOpen = rule.maxOpenPerAgent;
    let worst: { start: number; open: number; agents: number; short: number } | null = null;
    let affected = 0;
    for (const i of q.intervals) {
      // Closed: nobody works, the tickets wait for the opening (the staffing plans that). Short of
      // people: the shortfall warning says so; slots per agent are worth a look only where people suffice.
      // "More than N agents" (the search's limit): the shortage is the staffing's to report, not a slot count's.
      if (i.open === false || i.shortfall > 0 || i.requiredIsLowerBound) continue;
      const holding = Math.min(1, (rule.sla?.resolutionSeconds ?? i.minutes * 60) / (i.minutes * 60));
      const open = i.p90 * holding;
      const short = open - i.agents * maxOpen;
      if (short <= 1e-9) continue;
      affected += 1;
      if (!worst || short > worst.short) worst = { start: i.start, open, agents: i.agents, short };
    }
    if (!worst) continue;
    const at = when(worst.start, q.zone);
    const needOpen = Math.ceil(worst.open / Math.max(1, worst.agents) - 1e-9);
    const needAgents = Math.ceil(worst.open / maxOpen - 1e-9);
    const en = `queue ${q.queueId}: at ${at} the p90 forecast puts ${count(Math.ceil(worst.open), 'ticket')} open at once, but ${count(worst.agents, 'working agent')} x ` +
      `max_open_per_agent ${maxOpen} hold ${worst.agents * maxOpen}` + (affected > 1 ? ` (${affected} intervals short)` : '') +
      `: raise max_open_per_agent to ${needOpen} or plan ${count(needAgents, 'working agent')} there`;
    // zh names the setting in words: a Chinese screen shows no config key (the en message names it for the file)
    const zh = `队列 ${q.queueId}: ${at} 按 p90 预测同时有 ${Math.ceil(worst.open)} 张工单未结, 但 ${worst.agents} 名在岗坐席 × ` +
      `每人同时未结上限 ${maxOpen} 只能容纳 ${worst.agents * maxOpen}` + (affected > 1 ? ` (${affected} 个时段不足)` : '') +
      `: 把分派规则中的每人同时未结上限调到 ${needOpen}, 或在该时段安排 ${needAgents} 名在岗坐席`;
    warnings.push({ kind: 'capacity', queues: [q.queueId], line: rule.line, message: en, messages: { en, zh }, severity: worst.short });
  }
  return warnings;
}

/** "1 working agent", "3 working agents" (English only: Chinese has no plural). */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describe(values: string[] | null): string {
  return values === null ? 'any' : values.join('/');
}

/** The tickets two matches both take, per field (null = any value), or null when they are disjoint. */
export function matchOverlap(a: QueueMatch, b: QueueMatch): Partial<Record<MatchField, string[] | null>> | null {
  const common: Partial<Record<MatchField, string[] | null>> = {};
  for (const field of Object.keys(MATCH_COLUMNS) as MatchField[]) {
    const x = a[field];
    const y = b[field];
    if (x === undefined && y === undefined) continue;
    const both = x === undefined ? y! : y === undefined ? x : x.filter((v) => y.includes(v));
    if (both.length === 0) return null;
    common[field] = both;
  }
  return common;
}

/** Pairs of queues reachable by the same tickets (e.g. the same problem_type x channel). */
export function overlapWarnings(rules: DispatchRules): DispatchWarning[] {
  const warnings: DispatchWarning[] = [];
  const qs: DispatchQueueRule[] = rules.queues;
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const common = matchOverlap(qs[i]!.match, qs[j]!.match);
      if (!common) continue;
      const others = (Object.keys(common) as MatchField[]).filter((f) => f !== 'problem_type' && f !== 'channel')
        .map((f) => ` x ${f} ${describe(common[f] ?? null)}`).join('');
      warnings.push({
        kind: 'overlap', queues: [qs[i]!.id, qs[j]!.id], line: qs[j]!.line,
        message: `queues ${qs[i]!.id} (line ${qs[i]!.line}) and ${qs[j]!.id} (line ${qs[j]!.line}) both match problem_type ` +
          `${describe(common.problem_type ?? null)} x channel ${describe(common.channel ?? null)}${others}: those tickets are counted in both ` +
          'forecasts and staffed twice; narrow one of the matches',
      });
    }
  }
  return warnings;
}
