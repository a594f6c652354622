import { describe, expect, it } from 'vitest';
import { applySummary, dayPartOf, readIntervalLines, staffingSide } from '../../../forecasting/dispatch-rules/apply-summary.ts';
import type { QueueRecommendation } from '../../../forecasting/staffing/recommend.ts';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('dayPartOf', () => {
  it('splits the day at 06, 12 and 18', () => {
    expect([0, 5, 6, 11, 12, 17, 18, 23].map(dayPartOf)).toEqual(['night', 'night', 'morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening']);
  });
});

describe('staffingSide', () => {
  it('takes the most agents of each day-part in the queue\'s zone, the peak and the agent-hours', () => {
    // 05:00 and 23:30 Shanghai are 21:00 and 15:30 UTC: a UTC reading would put them in other parts.
    const side = staffingSide([
      { start: at('2026-12-07T05:00:00'), minutes: 60, agents: 1 },
      { start: at('2026-12-07T09:00:00'), minutes: 60, agents: 4 },
      { start: at('2026-12-07T10:00:00'), minutes: 60, agents: 6 },
      { start: at('2026-12-08T10:00:00'), minutes: 60, agents: 5 },
      { start: at('2026-12-07T14:00:00'), minutes: 30, agents: 3 },
      { start: at('2026-12-07T23:30:00'), minutes: 30, agents: 2 },
    ], ZONE);
    expect(side.dayParts).toEqual({ night: 1, morning: 6, afternoon: 3, evening: 2 });
    expect(side.peakAgents).toBe(6);
    expect(side.peakAt).toBe('2026-12-07T10:00:00+08:00');
    expect(side.agentHours).toBe(1 + 4 + 6 + 5 + 1.5 + 1);
    expect(side.intervals).toBe(6);
  });
});

describe('readIntervalLines', () => {
  it('reads start, minutes and agents of the lines a staffing block holds, skipping what it cannot read', () => {
    expect(readIntervalLines([
      '        - { start: 2026-11-16T09:00:00+08:00, minutes: 60, forecast: 100, p90: 120, agents: 9 }',
      '        - {start: 2026-11-16T10:00:00+08:00,minutes: 30,agents: 2}',
      '        - { start: soon, minutes: 60, agents: 1 }',
    ])).toEqual([
      { start: at('2026-11-16T09:00:00'), minutes: 60, agents: 9 },
      { start: at('2026-11-16T10:00:00'), minutes: 30, agents: 2 },
    ]);
  });
});

describe('applySummary', () => {
  it('gives each written queue its day-parts before and after, the shortfall at the peak and only its own warnings', () => {
    const interval = (local: string, scheduledAgents: number, open = true) => ({ start: at(local), minutes: 60, scheduledAgents, open });
    const queue = {
      queueId: 'returns', queueName: '售后退换货', zone: ZONE,
      intervals: [interval('2026-12-07T03:00:00', 0, false), interval('2026-12-07T08:00:00', 3), interval('2026-12-07T19:00:00', 2)],
      summary: { peakShortfall: { start: at('2026-12-07T08:00:00'), agents: 4, requiredAgents: 7, scheduledAgents: 3, serviceLevel: 0.4 }, shortfallAgentHours: 4, intervalsShort: 1 },
    } as unknown as QueueRecommendation;
    const other = { ...queue, queueId: 'quality' } as QueueRecommendation;
    const warnings = [
      { kind: 'shortfall' as const, queues: ['returns'], message: 'returns short' },
      { kind: 'sla-at-risk' as const, queues: ['quality'], message: 'quality at risk' },
    ];
    const previous = new Map([['returns', ['    - { start: 2026-12-06T08:00:00+08:00, minutes: 60, forecast: 1, p90: 2, agents: 5 }']]]);
    const [summary, ...rest] = applySummary([queue, other], ['returns'], previous, warnings);
    expect(rest).toEqual([]);
    expect(summary!.before!.dayParts).toEqual({ night: 0, morning: 5, afternoon: 0, evening: 0 });
    // The closed 03:00 interval schedules nobody and is not counted.
    expect(summary!.after).toMatchObject({ dayParts: { night: 0, morning: 3, afternoon: 0, evening: 2 }, peakAgents: 3, intervals: 2, agentHours: 5 });
    expect(summary!.shortfall).toEqual({ agents: 4, at: '2026-12-07T08:00:00+08:00', agentHours: 4, intervals: 1 });
    expect(summary!.warnings.map((w) => w.message)).toEqual(['returns short']);
    expect(applySummary([other], ['quality'], new Map(), warnings)[0]!.before).toBeNull();
  });
});
