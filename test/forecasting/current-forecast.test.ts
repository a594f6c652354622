import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentForecast } from '../../forecasting/current-forecast.ts';
import { loadDispatchRules } from '../../forecasting/forecast-config.ts';
import type { DispatchQueues } from '../../forecasting/series/queues.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { loadPlanningTickets, planningFiles, ZONE } from './fixtures/planning.ts';

let w: Warehouse;
let dispatch: DispatchQueues;
const config = { timezone: ZONE, default_calendar: 'office' };

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  await loadPlanningTickets(w);
  dispatch = loadDispatchRules(planningFiles().rulesPath).dispatch;
});
afterAll(() => w.close());

const current = (extra: Partial<Parameters<typeof currentForecast>[0]> = {}) =>
  currentForecast({ session: w, config, dispatch, queues: ['returns'], horizon: '2d', ...extra });

describe('currentForecast', () => {
  it('forecasts and keeps a run, then reuses it while the data and the match are the same', async () => {
    const first = await current();
    expect(first).toMatchObject({ runId: 1, reused: false, intervalMinutes: 60, horizon: '2d', skipped: [] });
    expect(first.queues.map((q) => q.queueId)).toEqual(['returns']);
    const again = await current();
    expect(again).toMatchObject({ runId: 1, reused: true });
    // Read back as stored, it is the forecast that was made.
    expect(again.queues[0]!.intervals.map((i) => [i.start, i.p50])).toEqual(first.queues[0]!.intervals.map((i) => [i.start, i.p50]));
    expect(again.queues[0]).toMatchObject({ model: first.queues[0]!.model, explanation: first.queues[0]!.explanation, scores: first.queues[0]!.scores });
  });

  it('forecasts anew for another horizon, a changed match, on request, or once newer tickets arrive', async () => {
    expect(await current({ horizon: '3d' })).toMatchObject({ runId: 2, reused: false });
    const narrowed: DispatchQueues = { ...dispatch, queues: dispatch.queues.map((q) => (q.id === 'returns' ? { ...q, match: { ...q.match, channel: ['phone'] } } : q)) };
    expect(await current({ dispatch: narrowed })).toMatchObject({ runId: 3, reused: false });
    expect(await current({ refresh: true })).toMatchObject({ runId: 4, reused: false });
    expect(await current()).toMatchObject({ runId: 4, reused: true });
    await w.db.run(`INSERT INTO tickets (ticket_id, created_at, has_created_event, last_event_at, status, created_team_id, team_id, channel,
        problem_type, priority, reopen_count, transfer_count, escalated, agent_reply_count, handle_seconds, calendar_id, event_count)
      VALUES ('late', '2026-03-02T01:30:00Z', true, '2026-03-02T01:30:00Z', 'open', 'returns', 'returns', 'web', 'return_exchange', 'normal', 0, 0, false, 0, 0, 'extended', 1)`);
    expect(await current()).toMatchObject({ runId: 5, reused: false });
  });

  it('serves a stored run by id, and says when there is none', async () => {
    const pinned = await current({ runId: 2, queues: ['returns', 'quality'] });
    expect(pinned).toMatchObject({ runId: 2, reused: true, horizon: '3d', skipped: [{ queue: 'quality', reason: 'not in run 2' }] });
    await expect(current({ runId: 99 })).rejects.toThrow('forecast run 99 is not stored');
  });
});
