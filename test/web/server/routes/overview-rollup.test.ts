// /api/overview from the daily rollup against the same overview from the tickets (?exact=1), on a
// demo warehouse served by `deskpulse serve`: counts equal, quantiles within 1%, and x-source says which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';
import { metricDefinition, type MetricKey } from '../../../../warehouse/metrics/catalog.ts';
import { APPROXIMATE_KPIS } from '../../../../warehouse/rollups/daily-rollup.ts';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer({ boss: { role: 'manager' } }, { days: 30, ticketsPerDay: 25 });
}, 120_000);
afterAll(async () => server?.stop());

type Row = { metric: MetricKey; value: number | null; previous: number | null; approximate?: boolean };
async function overview(query: Record<string, string>): Promise<{ source: string | null; rows: Row[] }> {
  const res = await fetch(`${server.url}/api/overview?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${server.tokens.boss}` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return { source: res.headers.get('x-source'), rows: ((await res.json()) as { rows: Row[] }).rows };
}

// The demo ends yesterday in the config's zone: 28 days up to then, compared with the 28 before.
const yesterday = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 });
const RANGE = { from: yesterday.minus({ days: 27 }).toISODate()!, to: yesterday.toISODate()! };

describe('/api/overview from the daily rollup', () => {
  for (const clock of ['business', 'calendar']) {
    it(`equals the tickets' answer for 28 days (${clock} time): counts exactly, quantiles within 1%`, async () => {
      const [rollup, facts] = [await overview({ ...RANGE, clock }), await overview({ ...RANGE, clock, exact: 'true' })];
      expect(rollup.source).toBe('rollup');
      expect(facts.source).toBe('facts');
      expect(rollup.rows.map((r) => r.metric)).toEqual(facts.rows.map((r) => r.metric));
      expect(Number(facts.rows.find((r) => r.metric === 'volume')?.value)).toBeGreaterThan(500);
      for (const [i, r] of rollup.rows.entries()) {
        const exact = facts.rows[i]!;
        expect(r.approximate === true, r.metric).toBe(APPROXIMATE_KPIS.includes(r.metric));
        expect(exact.approximate, r.metric).toBeUndefined();
        for (const cell of ['value', 'previous'] as const) {
          const [a, e] = [r[cell], exact[cell]];
          if (typeof e !== 'number' || typeof a !== 'number') expect(a, `${r.metric} ${cell}`).toEqual(e);
          else if (metricDefinition(r.metric).unit === 'count') expect(a, `${r.metric} ${cell}`).toBe(e);
          else if (r.approximate) expect(Math.abs(a - e), `${r.metric} ${cell}`).toBeLessThanOrEqual(0.01 * Math.abs(e));
          else expect(a, `${r.metric} ${cell}`).toBeCloseTo(e, 9);
        }
      }
    });
  }

  it('answers the daily time series from the rollup too, equal to the tickets\' (?exact=true) bucket by bucket', async () => {
    const series = async (query: Record<string, string>) => {
      const res = await fetch(`${server.url}/api/timeseries?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${server.tokens.boss}` } });
      expect(res.status, await res.clone().text()).toBe(200);
      return { source: res.headers.get('x-source'), rows: ((await res.json()) as { rows: Record<string, number | string | null>[] }).rows };
    };
    const [rollup, facts] = [await series({ ...RANGE, grain: 'day' }), await series({ ...RANGE, grain: 'day', exact: 'true' })];
    expect([rollup.source, facts.source]).toEqual(['rollup', 'facts']);
    expect(rollup.rows).toHaveLength(28);
    for (const [i, r] of rollup.rows.entries()) {
      for (const [column, e] of Object.entries(facts.rows[i]!)) {
        const a = r[column];
        if (APPROXIMATE_KPIS.includes(column) && typeof e === 'number' && typeof a === 'number') expect(Math.abs(a - e), `${r.bucket} ${column}`).toBeLessThanOrEqual(0.01 * Math.abs(e));
        else if (typeof e === 'number' && typeof a === 'number') expect(a, `${r.bucket} ${column}`).toBeCloseTo(e, 9);
        else expect(a, `${r.bucket} ${column}`).toEqual(e);
      }
    }
    expect((await series({ ...RANGE, grain: 'hour' })).source).toBe('facts');
  });

  it('answers a filtered range from the tickets', async () => {
    expect((await overview({ ...RANGE, channel: 'web' })).source).toBe('facts');
    expect((await overview({ ...RANGE, tz: 'UTC' })).source).toBe('facts');
  });
});
