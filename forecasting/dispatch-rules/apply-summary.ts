// What an apply changes, per queue, as a planner reads it in half a minute: the most agents
// scheduled in each part of the day (night, morning, afternoon, evening in the queue's zone) before
// and after, the peak, the shortfall against the people the team has, and that queue's warnings.
import { DateTime } from 'luxon';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';
import type { QueueRecommendation } from '../staffing/recommend.ts';
import type { DispatchWarning } from './warnings.ts';
import { queueNames, type QueueNames } from './queue-names.ts';

export const DAY_PARTS = ['night', 'morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** Night 00-06, morning 06-12, afternoon 12-18, evening 18-24, by the hour an interval starts. */
export const dayPartOf = (hour: number): DayPart => DAY_PARTS[Math.min(3, Math.floor(hour / 6))]!;

export interface ScheduledInterval {
  /** Epoch ms. */
  start: number;
  minutes: number;
  agents: number;
}

export interface StaffingSide {
  /** The most agents scheduled in each day-part (0 where none is). */
  dayParts: Record<DayPart, number>;
  peakAgents: number;
  /** ISO in the queue's zone; null without agents. */
  peakAt: string | null;
  agentHours: number;
  intervals: number;
}

export interface QueueApplySummary {
  queue: string;
  name: string;
  /** The queue's name in each language (the dispatch rules'). */
  names: QueueNames;
  zone: string;
  /** What the file holds now; null when the queue had no staffing block. */
  before: StaffingSide | null;
  after: StaffingSide;
  /** Short of people at the worst interval (the plan keeps to the team's head count). */
  shortfall: { agents: number; at: string; agentHours: number; intervals: number } | null;
  warnings: DispatchWarning[];
}

export function staffingSide(intervals: readonly ScheduledInterval[], zone: string): StaffingSide {
  const dayParts: Record<DayPart, number> = { night: 0, morning: 0, afternoon: 0, evening: 0 };
  let peak: ScheduledInterval | null = null;
  let agentHours = 0;
  for (const i of intervals) {
    const part = dayPartOf(DateTime.fromMillis(i.start, { zone }).hour);
    dayParts[part] = Math.max(dayParts[part], i.agents);
    agentHours += (i.agents * i.minutes) / 60;
    if (i.agents > 0 && (!peak || i.agents > peak.agents)) peak = i;
  }
  return { dayParts, peakAgents: peak?.agents ?? 0, peakAt: peak ? isoAt(peak.start, zone) : null, agentHours, intervals: intervals.length };
}

const FIELD = (name: string) => new RegExp(`\\b${name}:\\s*([^,}\\s]+)`);
const [START, MINUTES, AGENTS] = [FIELD('start'), FIELD('minutes'), FIELD('agents')];

/** The intervals of a staffing block's lines as the file holds them (`- { start: ..., agents: N }`); unreadable lines are skipped. */
export function readIntervalLines(lines: readonly string[]): ScheduledInterval[] {
  return lines.flatMap((line) => {
    const start = Date.parse(START.exec(line)?.[1] ?? '');
    const minutes = Number(MINUTES.exec(line)?.[1]);
    const agents = Number(AGENTS.exec(line)?.[1]);
    return Number.isFinite(start) && Number.isFinite(minutes) && Number.isFinite(agents) ? [{ start, minutes, agents }] : [];
  });
}

/** One summary per written queue, in the recommendation's order. */
export function applySummary(queues: readonly QueueRecommendation[], written: readonly string[],
  previous: ReadonlyMap<string, readonly string[]>, warnings: readonly DispatchWarning[], rules: readonly { id: string; names: QueueNames }[] = []): QueueApplySummary[] {
  return queues.filter((q) => written.includes(q.queueId)).map((q) => {
    const lines = previous.get(q.queueId) ?? [];
    const open = q.intervals.filter((i) => i.open).map((i) => ({ start: i.start, minutes: i.minutes, agents: i.scheduledAgents }));
    const s = q.summary;
    return {
      queue: q.queueId, name: q.queueName, names: queueNames(rules, q.queueId, q.queueName), zone: q.zone,
      before: lines.length ? staffingSide(readIntervalLines(lines), q.zone) : null,
      after: staffingSide(open, q.zone),
      shortfall: s.peakShortfall
        ? { agents: s.peakShortfall.agents, at: isoAt(s.peakShortfall.start, q.zone), agentHours: s.shortfallAgentHours, intervals: s.intervalsShort }
        : null,
      warnings: warnings.filter((w) => w.queues.includes(q.queueId)),
    };
  });
}
