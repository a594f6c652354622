import { describe, expect, it } from 'vitest';
import { wallTime, type StaffingQueue } from '../../../web/ui/lib/planning/planning.ts';
import { staffingMethodText, staffingSummaryText } from '../../../web/ui/lib/planning/staffing-summary.ts';

const queue = (over: Partial<StaffingQueue> = {}): StaffingQueue => ({
  queue: 'returns', name: 'Returns', zone: 'Asia/Shanghai', method: 'erlang_c', reason: '',
  target: { serviceLevel: 0.8, answerWithinSeconds: 20, slaSeconds: null, patienceSeconds: null },
  headcount: { agents: 5.4, source: 'events', dedicated: 4, shared: 2, sharedFte: 1.4, note: { en: 'n', zh: 'n' } },
  planStart: '2026-12-03T18:45:00+08:00',
  summary: {
    agentHours: 420, peakScheduledAgents: 5, peakRequiredAgents: 25, peakRequiredIsLowerBound: false,
    peakShortfall: { start: '2026-12-04T10:00:00+08:00', agents: 20, requiredAgents: 25, scheduledAgents: 5, serviceLevel: 0.08 },
    shortfallAgentHours: 300, intervalsShort: 40, serviceLevel: 0.61, occupancy: 0.93,
  },
  ...over,
});

describe('staffing summary line', () => {
  it('reads the peak against the people the team has, with what it needs and the service level there, in both languages', () => {
    expect(staffingSummaryText(queue(), 'en')).toBe(
      'Returns: peak 5 of 5 people (needs 25, short 20, service level 8.0% at 2026-12-04 10:00); 420 agent-hours, service level 61.0% over the plan, occupancy 93.0%');
    expect(staffingSummaryText(queue(), 'zh')).toBe(
      'Returns：高峰排班 5 人，团队共 5 人（需要 25，缺 20 人，2026-12-04 10:00 服务水平 8.0%）；420 坐席工时，整个计划服务水平 61.0%，占用率 93.0%');
  });

  it('says "more than" when the target needs more agents than were searched, and names the missing headcount', () => {
    const beyond = queue({ summary: { ...queue().summary, peakRequiredAgents: 1429, peakRequiredIsLowerBound: true,
      peakShortfall: { start: '2026-12-04T10:00:00+08:00', agents: 1424, requiredAgents: 1429, scheduledAgents: 5, serviceLevel: 0 } } });
    expect(staffingSummaryText(beyond, 'en')).toContain('needs more than 1,429, short 1,424');
    expect(staffingSummaryText(beyond, 'zh')).toContain('需要 1,429 以上，缺 1,424 人');
    expect(staffingSummaryText(queue({ headcount: null }), 'en')).toMatch(/headcount not known \(not capped\)/);
    expect(staffingSummaryText(queue({ summary: { ...queue().summary, peakShortfall: null } }), 'zh')).toMatch(/人手足够/);
  });

  it('names the method with its parameter: patience for Erlang A, the SLA window for workload', () => {
    const a = queue({ method: 'erlang_a', target: { ...queue().target, patienceSeconds: 180 } });
    expect(staffingMethodText(a, 'en')).toBe('Erlang A: callers hang up after 3m on average');
    expect(staffingMethodText(queue({ method: 'workload', target: { ...queue().target, slaSeconds: 7200 } }), 'zh')).toBe('工作量模型：积压结转，在 2小时00分 内处理完');
  });

  it('shows a UTC instant as the wall time of the queue\'s zone', () => {
    expect(wallTime('2026-12-03T10:24:27.682Z', 'Asia/Shanghai')).toBe('2026-12-03 18:24');
    expect(wallTime('2026-12-03T23:30:00Z', 'America/New_York')).toBe('2026-12-03 18:30');
  });
});
