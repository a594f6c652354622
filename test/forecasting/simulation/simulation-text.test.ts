// The CLI's simulation summary says where the simulation leaves the plan without contradicting
// itself: "0 intervals off the plan ..., and the whole horizon too" read as if nothing were off.
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../../forecasting/simulation/run-simulation.ts';
import { simulationText } from '../../../forecasting/simulation/simulation-text.ts';

const HOUR = 3_600_000;
const from = Date.parse('2026-12-04T06:00:00+08:00');

function result(intervalsFlagged: number, disagrees: boolean): SimulationResult {
  const figures = { arrivals: 619, serviceLevel: 0.578, plannedServiceLevel: 0.737, frtP50Seconds: 0, frtP90Seconds: 14_040, abandonment: null, occupancy: 0.478, plannedOccupancy: 0.409,
    judged: 619, bands: { serviceLevel: [0.51, 0.64], frtP50Seconds: [0, 0], frtP90Seconds: [12_000, 15_000], abandonment: null, occupancy: [0.47, 0.49], backlog: [9, 14] } };
  return {
    mode: 'plan', seed: 1, runs: 5, from, to: from + 24 * HOUR, intervalMinutes: 60, agents: 17, arrivals: 619, reopens: 0,
    queues: [{ queueId: 'presales', name: '售前咨询', zone: 'Asia/Shanghai', method: 'erlang_c', strategy: 'round_robin',
      summary: { ...figures, backlogAtEnd: 11, intervalsFlagged, disagrees }, days: [], intervals: [] }],
  } as unknown as SimulationResult;
}

describe('the simulation summary text', () => {
  it('says the whole horizon is off the plan when no single interval is', () => {
    const text = simulationText(result(0, true), 'en');
    expect(text).toContain('SL 57.8% (p10-p90 51.0-64.0%)');
    expect(text).toContain('5 runs (seeds 1-5)');
    expect(text).toContain('off the plan by more than 5 points over the horizon (no single interval has enough arrivals to tell)');
    expect(text).not.toMatch(/0 intervals off the plan/);
  });

  it('counts the intervals off the plan, and says when the plan holds', () => {
    expect(simulationText(result(3, true), 'en')).toContain('3 intervals off the plan by more than 5 points, and the whole horizon too');
    expect(simulationText(result(0, false), 'en')).toContain('no interval off the plan: wherever one has enough arrivals to tell, the plan lies within the runs\' range or 5 points of their median');
  });
});
