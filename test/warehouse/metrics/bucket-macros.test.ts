import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { AGE_BUCKETS } from '../../../warehouse/metrics/live.ts';
import { FRT_BUCKETS } from '../../../warehouse/metrics/distributions.ts';

// The one definition of the FRT and open-age buckets (migrations/0025), read by frt-buckets.sql,
// live-open.sql and ticket-list.sql: half-open bounds, and the labels the API declares.
let w: Warehouse;
beforeAll(async () => { w = await Warehouse.open(':memory:'); });
afterAll(() => w.close());

const bucketsOf = async (sql: string): Promise<string[]> => (await w.db.runAndReadAll(sql)).getRows().map(([b]) => String(b));

describe('bucket macros', () => {
  it('frt_bucket: half-open hours, unanswered without a first response', async () => {
    const seconds = [0, 3599, 3600, 4 * 3600, 8 * 3600 - 1, 8 * 3600, 24 * 3600, 90 * 86400];
    const answered = await bucketsOf(`SELECT frt_bucket(TIMESTAMPTZ '2026-03-02 10:00:00+00', s) FROM unnest([${seconds}]) t(s)`);
    expect(answered).toEqual(['<1h', '<1h', '1-4h', '4-8h', '4-8h', '8-24h', '>24h', '>24h']);
    expect(await bucketsOf('SELECT frt_bucket(NULL, NULL)')).toEqual(['unanswered']);
    expect([...FRT_BUCKETS].sort()).toEqual([...new Set([...answered, 'unanswered'])].sort());
  });

  it('age_bucket: hours, then days, each label one the API declares', async () => {
    const seconds = [0, 3600, 4 * 3600, 8 * 3600, 86400 - 1, 86400, 3 * 86400, 7 * 86400];
    const ages = await bucketsOf(`SELECT age_bucket(s) FROM unnest([${seconds}]) t(s)`);
    expect(ages).toEqual(['<1h', '1-4h', '4-8h', '8-24h', '8-24h', '1-3d', '3-7d', '>7d']);
    expect([...new Set(ages)]).toEqual([...AGE_BUCKETS]);
  });
});
