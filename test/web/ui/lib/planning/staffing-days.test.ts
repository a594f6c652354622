import { describe, expect, it } from 'vitest';
import type { MetricTable } from '../../../../../web/ui/lib/api/types.ts';
import { staffingDays } from '../../../../../web/ui/lib/planning/staffing-days.ts';

const row = (queue: string, start: string, scheduled: number, required: number, open = true) => ({
  queue, queue_name: queue.toUpperCase(), start, minutes: 30, p50: 10, open: open ? 'yes' : 'no',
  scheduled_agents: scheduled, required_agents: required, shortfall: Math.max(0, required - scheduled),
});

describe('staffingDays', () => {
  it('groups rows per queue and day of the queue\'s zone with totals, peaks and the shortfall', () => {
    const table = { rows: [
      row('returns', '2026-12-04T23:30:00+08:00', 2, 2),
      row('returns', '2026-12-05T00:00:00+08:00', 0, 0, false),
      row('returns', '2026-12-05T09:00:00+08:00', 4, 7),
      row('returns', '2026-12-05T09:30:00+08:00', 5, 6),
      row('quality', '2026-12-05T09:00:00+08:00', 1, 1),
    ] } as unknown as MetricTable;
    const days = staffingDays(table);
    expect(days.map((d) => d.key)).toEqual(['returns 2026-12-04', 'returns 2026-12-05', 'quality 2026-12-05']);
    // The wall day of the offset the API sent, not UTC's (23:30+08:00 stays on the 4th).
    expect(days[1]).toMatchObject({ queueName: 'RETURNS', openIntervals: 2, agentHours: 4.5, peakScheduled: 5, peakRequired: 7, peakShortfall: 3, shortfallHours: 2, arrivals: 30 });
    expect(days[1]!.intervals.map((i) => i.time)).toEqual(['00:00', '09:00', '09:30']);
  });
});
