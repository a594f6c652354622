import { afterAll, describe, expect, it } from 'vitest';
import type { TimeRules } from '../../../ingest/mapping/mapping.ts';
import { isoTextSql, parseTimeSql } from '../../../ingest/mapping/time-sql.ts';
import { openDb, query } from './fixtures/raw-staging.ts';

const { db, close } = await openDb();
afterAll(close);

async function parse(time: Omit<TimeRules, 'at'>, inputs: string[]): Promise<Array<string | null>> {
  const t = parseTimeSql('v', { ...time, at: { line: 1, column: 1, path: 'time' } });
  const rows = await query(db, `SELECT ${isoTextSql(t)} AS t
    FROM (SELECT unnest(l) AS v, generate_subscripts(l, 1) AS i FROM (SELECT from_json($inputs, '["VARCHAR"]') AS l)) ORDER BY i`,
  { inputs: JSON.stringify(inputs) });
  return rows.map((r) => r.t ?? null);
}

describe('parseTimeSql + isoTextSql', () => {
  it('reads day-first times in the declared zone, one or two digits', async () => {
    expect(await parse({ formats: ['%d/%m/%Y %H:%M'], zone: 'Asia/Shanghai' }, ['29/2/2016 01:16', '5/3/2016 12:00', '05/03/2016 12:00', '31/2/2016 10:00']))
      .toEqual(['2016-02-28T17:16:00+00:00', '2016-03-05T04:00:00+00:00', '2016-03-05T04:00:00+00:00', null]);
  });

  it('reads ISO 8601 with an offset as it says, and without one in the declared zone', async () => {
    expect(await parse({ formats: ['iso8601'], zone: 'Asia/Shanghai' }, [
      '2026-11-11T09:00:00+08:00', '2026-11-11T09:00:00Z', '2026-11-11 09:00:00-0300', '2026-11-11T09:00:00', '2026-11-11',
      '2026-11-11T09:00:00.123456+08:00', 'soon',
    ])).toEqual([
      '2026-11-11T01:00:00+00:00', '2026-11-11T09:00:00+00:00', '2026-11-11T12:00:00+00:00', '2026-11-11T01:00:00+00:00', '2026-11-10T16:00:00+00:00',
      '2026-11-11T01:00:00.123456+00:00', null,
    ]);
  });

  it('refuses times without an offset when the mapping declares no zone', async () => {
    expect(await parse({ formats: ['iso8601', '%Y-%m-%d %H:%M:%S %z'] }, ['2026-11-11T09:00:00', '2026-11-11T09:00:00+08:00', '2016-02-29 10:00:00 +0800']))
      .toEqual([null, '2026-11-11T01:00:00+00:00', '2016-02-29T02:00:00+00:00']);
  });

  it('tries the formats in order', async () => {
    expect(await parse({ formats: ['%Y/%m/%d %H:%M:%S.%g', '%Y/%m/%d %H:%M:%S'], zone: 'UTC' }, ['2012/10/09 14:50:17.250', '2012/10/09 14:50:17', '2012/10/09']))
      .toEqual(['2012-10-09T14:50:17.25+00:00', '2012-10-09T14:50:17+00:00', null]);
  });
});
