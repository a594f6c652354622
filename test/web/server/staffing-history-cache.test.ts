import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentForecast, type CurrentForecast } from '../../../forecasting/current-forecast.ts';
import { loadDispatchRules } from '../../../forecasting/forecast-config.ts';
import { readStaffingHistory } from '../../../forecasting/staffing/staffing-for-forecast.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { staffingHistoryFor } from '../../../web/server/staffing-history-cache.ts';
import { loadPlanningTickets, planningFiles, ZONE } from '../../forecasting/fixtures/planning.ts';

let w: Warehouse;
const { rules, dispatch } = loadDispatchRules(planningFiles().rulesPath);
const forecast = () => currentForecast({ session: w, config: { timezone: ZONE, default_calendar: 'office' }, dispatch, horizon: '2d', store: false });
let first: CurrentForecast;

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await loadPlanningTickets(w);
  first = await forecast();
}, 60_000);
afterAll(() => w.close());

describe('the staffing history kept with its forecast', () => {
  it('is read once per forecast, with the numbers a fresh read gives', async () => {
    const options = { session: w, queues: rules.queues, teams: [] };
    const kept = staffingHistoryFor(first, options);
    expect(staffingHistoryFor(first, options)).toBe(kept);
    const history = await kept;
    expect([...history.aht!.keys()]).toEqual(first.queues.map((q) => q.queueId));
    expect(history).toEqual(await readStaffingHistory(first.queues, options));
  }, 30_000);

  it('is read anew for another head count in the config, and for another forecast (the cache makes one after each data write)', async () => {
    const options = { session: w, queues: rules.queues, teams: [] };
    const base = await staffingHistoryFor(first, options);
    const withHeadcount = await staffingHistoryFor(first, { ...options, teams: [{ id: 'returns', headcount: 3 }] });
    expect(withHeadcount).not.toBe(base);
    expect(withHeadcount.headcount!.get('returns')).toMatchObject({ agents: 3, source: 'config' });
    const next = await forecast();
    expect(next).not.toBe(first);
    const again = await staffingHistoryFor(next, options);
    expect(again).not.toBe(base);
    expect(again).toEqual(base);
  }, 60_000);
});
