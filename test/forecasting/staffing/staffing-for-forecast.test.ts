import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asStoredQueues } from '../../../forecasting/current-forecast.ts';
import { loadDispatchRules } from '../../../forecasting/forecast-config.ts';
import { forecastQueues } from '../../../forecasting/forecast.ts';
import { recommendStaffing } from '../../../forecasting/staffing/recommend.ts';
import { staffingInput } from '../../../forecasting/staffing/staffing-for-forecast.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { loadPlanningTickets, planningFiles, ZONE } from '../fixtures/planning.ts';

let w: Warehouse;
beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await loadPlanningTickets(w);
}, 30_000);
afterAll(() => w.close());

describe('staffing for a stored forecast, on a warehouse', () => {
  it('plans from the next interval after now, in open hours only, within the config\'s headcount', async () => {
    const { rules, dispatch } = loadDispatchRules(planningFiles().rulesPath);
    const result = await forecastQueues({ db: w, config: { timezone: ZONE, default_calendar: 'office' }, dispatch, horizon: '3d', store: false });
    const queues = asStoredQueues(result);
    // "Now" is 20 minutes into the second forecast day's 10:00 hour, in the queues' zone.
    const origin = DateTime.fromMillis(queues[0]!.historyEnd, { zone: ZONE });
    const now = origin.plus({ days: 1 }).set({ hour: 10, minute: 20 }).toMillis();
    const input = await staffingInput({ runId: null, generatedAt: now, queues }, {
      session: w, queues: rules.queues, now, teams: [{ id: 'returns', headcount: 3 }],
    });
    const r = recommendStaffing(input);
    expect(r.now).toBe(now);
    for (const q of r.queues) {
      const first = DateTime.fromMillis(q.planStart!, { zone: ZONE });
      expect(first.toFormat('HH:mm')).toBe('11:00');
      expect(q.planStart! - now).toBe(40 * 60_000);
      for (const i of q.intervals) if (!i.open) expect(i.scheduledAgents).toBe(0);
    }
    const [returns, quality] = r.queues;
    expect(returns!.headcount).toMatchObject({ agents: 3, source: 'config' });
    expect(returns!.intervals.every((i) => i.scheduledAgents <= 3)).toBe(true);
    expect(returns!.summary.peakShortfall).toMatchObject({ scheduledAgents: 3 });
    expect(returns!.summary.peakShortfall!.requiredAgents).toBeGreaterThan(3);
    // The fixture's events name no agents: quality has no head count, so nothing caps it.
    expect(quality!.headcount).toBeNull();
    expect(quality!.summary.intervalsShort).toBe(0);
  }, 30_000);
});
