// One queue's staffing as one CPU-bound step on plain data: the recommendation (or, under a what-if
// scenario, the changed one beside the base) and its per-interval table. The server runs it on a
// worker thread (forecasting/compute), queue by queue; the CLI may call it directly.
import type { MetricTable } from '../../warehouse/metrics/table.ts';
import { staffingTable, whatIfTable } from '../tables/staffing-table.ts';
import { recommendStaffing, type RecommendInput, type StaffingRecommendation } from './recommend.ts';
import { whatIf, type WhatIfResult, type WhatIfScenario } from './what-if.ts';

export interface QueuePlanInput {
  /** The staffing input, for one forecast queue (or none: the empty plan). */
  input: RecommendInput;
  scenario: WhatIfScenario | null;
}

export interface QueuePlan {
  /** What would be applied: the scenario's staffing when one is asked, else the base recommendation. */
  recommendation: StaffingRecommendation;
  whatIf: WhatIfResult | null;
  table: MetricTable;
}

export function planQueue({ input, scenario }: QueuePlanInput): QueuePlan {
  if (scenario) {
    const result = whatIf(input, scenario);
    return { recommendation: result.changed, whatIf: result, table: whatIfTable(result) };
  }
  const recommendation = recommendStaffing(input);
  return { recommendation, whatIf: null, table: staffingTable(recommendation) };
}
