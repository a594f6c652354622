import { describe, expect, it } from 'vitest';
import { simulationQueueText, type SimulatedQueueSummary } from '../../../web/ui/lib/planning/simulation-summary.ts';

function queue(over: Partial<SimulatedQueueSummary['summary']> = {}, method = 'erlang_a'): SimulatedQueueSummary {
  return {
    queue: 'logistics', name: '物流查询', method,
    summary: { serviceLevel: 0.781, plannedServiceLevel: 0.823, frtP50Seconds: 12, frtP90Seconds: 1500, abandonment: 0.034, occupancy: 0.71, intervalsFlagged: 3, disagrees: true,
      bands: { serviceLevel: [0.702, 0.79] }, ...over },
  };
}

describe('the simulated service level beside the plan', () => {
  it('says the simulated and planned service level, FRT, occupancy, hang-ups and the intervals off the plan, in both languages', () => {
    expect(simulationQueueText(queue(), 5, 'en')).toBe(
      '物流查询: service level 78.1% simulated (range 70.2%-79.0%), 82.3% planned; first response p50 12s, p90 25m; occupancy 71.0%; hung up 3.4%; ' +
      '3 intervals off the plan by more than 5 points');
    expect(simulationQueueText(queue(), 5, 'zh')).toBe(
      '物流查询: 模拟服务水平 78.1% (区间 70.2%-79.0%), 排班计算 82.3%; 首次响应 p50 12秒, p90 25分; 占用率 71.0%; 放弃 3.4%; 3 个时段与排班计算相差超过 5 个百分点');
  });

  it('names the SLA for async queues, leaves out hang-ups without a patience, and says when the plan holds', () => {
    const text = simulationQueueText(queue({ abandonment: null, intervalsFlagged: 0, disagrees: false, plannedServiceLevel: null }, 'workload'), 5, 'en');
    expect(text).toMatch(/^物流查询: SLA 78\.1% simulated \(range 70\.2%-79\.0%\), — planned;/);
    expect(text).not.toContain('hung up');
    expect(text).toMatch(/no interval off the plan: wherever one has enough arrivals to tell, the plan lies within the range of the runs or 5 points of their median$/);
    // No interval has enough arrivals, the horizon does: said so.
    expect(simulationQueueText(queue({ intervalsFlagged: 0, disagrees: true }), 5, 'zh')).toMatch(/整个排班期与排班计算相差超过 5 个百分点/);
  });
});
