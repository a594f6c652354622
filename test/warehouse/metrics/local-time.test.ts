import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeParams, localTimeSql } from '../../../warehouse/metrics/local-time.ts';

// The arithmetic local time must equal DuckDB's own timezone() everywhere: inside the span across
// every switch, and outside it (where it falls back to timezone()).
let instance: DuckDBInstance;
let db: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
});
afterAll(() => { db.closeSync(); instance.closeSync(); });

/** Instants every 7 minutes from `from` to `to`, compared; returns [instants, mismatches]. */
async function compare(zone: string, since: string, until: string, from: string, to: string): Promise<[number, number]> {
  const params = localTimeParams(zone, new Date(since), new Date(until));
  const reader = await db.runAndReadAll(`
    WITH instants AS (SELECT unnest(range($from::TIMESTAMPTZ, $to::TIMESTAMPTZ, INTERVAL 7 MINUTE)) AS instant)
    SELECT count(*), count(*) FILTER (WHERE ${localTimeSql('instant')} IS DISTINCT FROM timezone($tz, instant)) FROM instants`,
  { ...params, tz: zone, from, to });
  const [n, wrong] = reader.getRows()[0]!.map(Number) as [number, number];
  return [n, wrong];
}

describe('local time without ICU per row', () => {
  it.each([
    ['Europe/Berlin', 'DST switches at 01:00 UTC'],
    ['America/New_York', 'DST switches at 07:00 / 06:00 UTC'],
    ['Australia/Lord_Howe', 'a half-hour DST switch at a half hour UTC'],
    ['Asia/Kathmandu', 'a +05:45 offset'],
    ['Asia/Shanghai', 'no switches'],
  ])('equals timezone() in %s (%s), inside the span and beyond it', async (zone) => {
    const [n, wrong] = await compare(zone, '2024-06-01T00:00:00Z', '2026-06-01T00:00:00Z', '2024-01-01T00:00:00Z', '2026-12-31T00:00:00Z');
    expect(n).toBeGreaterThan(200_000);
    expect(wrong).toBe(0);
  });

  it('finds each switch to the second and shortens a span with more than it holds', () => {
    const berlin = localTimeParams('Europe/Berlin', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(berlin.tz_switch1).toBe(BigInt(Date.parse('2026-03-29T01:00:00Z')) * 1000n);
    expect(berlin.tz_switch2).toBe(BigInt(Date.parse('2026-10-25T01:00:00Z')) * 1000n);
    expect([berlin.tz_offset0, berlin.tz_offset1, berlin.tz_offset2]).toEqual([3_600_000_000n, 7_200_000_000n, 3_600_000_000n]);
    expect(berlin.tz_until).toBe(BigInt(Date.parse('2027-01-01T00:00:00Z')) * 1000n);
    // Ten years hold 20 switches: the span ends at the ninth, after which timezone() answers.
    const decade = localTimeParams('Europe/Berlin', new Date('2016-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(decade.tz_until).toBe(BigInt(Date.parse('2020-03-29T01:00:00Z')) * 1000n);
  });

  it('stays exact when the span is shortened', async () => {
    const [, wrong] = await compare('Europe/Berlin', '2016-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2019-10-01T00:00:00Z', '2020-06-01T00:00:00Z');
    expect(wrong).toBe(0);
  });
});
