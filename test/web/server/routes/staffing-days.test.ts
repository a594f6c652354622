// GET /api/staffing as the Forecast page asks for it, on a real `deskpulse serve` of a small demo:
// one row per queue and local day (rows=days) with the figures the page showed from the intervals,
// a day's intervals alone (day=YYYY-MM-DD), and exports that still hold every interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricTable } from '../../../../web/ui/lib/api/types.ts';
import { staffingDayRows, staffingDays } from '../../../../web/ui/lib/planning/staffing-days.ts';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';

let server: E2eServer;

beforeAll(async () => {
  server = await startServer({ planner: { role: 'planner' } }, { days: 14, ticketsPerDay: 40 });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const get = (query: string) => fetch(`${server.url}/api/staffing?horizon=7d&${query}`, { headers: { authorization: `Bearer ${server.tokens.planner}` } });

describe('GET /api/staffing for the page', () => {
  it('sends one row per queue and day with the intervals\' totals, a day\'s intervals on their own, and exports every interval', async () => {
    const fullRes = await get('');
    const full = await fullRes.json() as { table: MetricTable };
    const daysRes = await get('rows=days');
    expect(daysRes.status).toBe(200);
    const daysText = await daysRes.text();
    const days = (JSON.parse(daysText) as { table: MetricTable }).table;
    // The page loads the days, a small part of the intervals' answer.
    expect(daysText.length).toBeLessThan((await (await get('')).text()).length / 4);

    const expected = staffingDays(full.table).map(({ intervals: _, ...d }) => d);
    expect(expected.length).toBeGreaterThanOrEqual(6 * 5);
    const got = staffingDayRows(days).map(({ intervals: _, ...d }) => d);
    expect(got.map((d) => d.key)).toEqual(expected.map((d) => d.key));
    got.forEach((d, k) => {
      const e = expected[k]!;
      expect(d).toMatchObject({ queueName: e.queueName, openIntervals: e.openIntervals, peakScheduled: e.peakScheduled, peakRequired: e.peakRequired, peakShortfall: e.peakShortfall });
      expect(d.agentHours).toBeCloseTo(e.agentHours, 1);
      expect(d.arrivals).toBeCloseTo(e.arrivals, 1);
    });

    const day = expected[expected.length - 1]!.day;
    const oneDay = (await (await get(`rows=days&day=${day}`)).json() as { table: MetricTable }).table;
    const ofDay = full.table.rows.filter((r) => String(r.start).startsWith(`${day}T`));
    expect(oneDay.rows.length).toBe(ofDay.length);
    expect(oneDay.rows).toEqual(ofDay);
    expect((await get('day=12-01-2026')).status).toBe(400);

    // The export is the intervals' table whatever the page shows.
    const lines = async (query: string) => (await (await get(query)).text()).trim().split('\n').length;
    expect(await lines('rows=days&format=csv')).toBe(await lines('format=csv'));
    expect(await lines('format=csv')).toBeGreaterThan(full.table.rows.length);
  }, 90_000);
});
