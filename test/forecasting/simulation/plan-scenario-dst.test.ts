// The simulated window is local days in the plan's zone: a day when the clocks change is 23 or 25
// hours, not 24 (America/New_York: 2026-03-08 springs forward, 2026-11-01 falls back).
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { localDaysEnd, planScenario } from '../../../forecasting/simulation/plan-scenario.ts';
import type { IntervalRecommendation, StaffingRecommendation } from '../../../forecasting/staffing/recommend.ts';

const ZONE = 'America/New_York';
const HOUR = 3_600_000;
const rules = readDispatchRules(readFileSync('config/dispatch-rules.yaml', 'utf8'), 'config/dispatch-rules.yaml').queues;
const queue = rules[0]!;

/** An hourly plan of `hours` intervals from `from`, two agents in each. */
function hourlyPlan(from: number, hours: number): StaffingRecommendation {
  const intervals = Array.from({ length: hours }, (_, k) => ({
    start: from + k * HOUR, minutes: 60, arrivals: 2, p50: 2, p90: 3, ahtSeconds: 300, open: true, agents: 2, scheduledAgents: 2,
  }) as IntervalRecommendation);
  return { queues: [{ queueId: queue.id, queueName: queue.name, zone: ZONE, model: 'm', method: 'erlang_c', intervals }] } as unknown as StaffingRecommendation;
}

describe('the simulated window in local days', () => {
  for (const [date, hours] of [['2026-11-01', 25], ['2026-03-08', 23]] as const) {
    it(`simulates all ${hours} hours of ${date} in ${ZONE} for --from ${date} --days 1, and nothing of the next day`, () => {
      const from = DateTime.fromISO(date, { zone: ZONE }).toMillis();
      const scenario = planScenario(hourlyPlan(from, 48), rules, new Map(), { from, days: 1 }, 1)!;
      expect(scenario.input.grid.count).toBe(hours);
      expect(scenario.input.grid.start + scenario.input.grid.count * HOUR).toBe(localDaysEnd(from, 1, ZONE));
      expect(DateTime.fromMillis(localDaysEnd(from, 1, ZONE), { zone: ZONE }).toISO()).toMatch(/T00:00:00/);
    });
  }
});
