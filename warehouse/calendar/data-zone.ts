// The zone of a batch's data when it declares none: canonical times carry UTC offsets, and the zone
// whose offsets they are (forecasting/series/zone-inference.ts) is what the first-run hint compares.
import type { DuckDBConnection } from '@duckdb/node-api';
import { IANAZone } from 'luxon';
import { inferZone, type OffsetSample } from './zone-inference.ts';

/** Up to 2,000 (instant, offset) pairs of the occurred_at texts of the staged canonical file (_staged). */
export async function stagedOffsets(db: DuckDBConnection): Promise<OffsetSample[]> {
  const reader = await db.runAndReadAll(`
    WITH texts AS (SELECT trim(occurred_at::VARCHAR) AS t FROM _staged WHERE occurred_at IS NOT NULL),
    parts AS (SELECT epoch_ms(TRY_CAST(t AS TIMESTAMPTZ)) AS instant,
                     CASE WHEN upper(right(t, 1)) = 'Z' THEN '+00:00' ELSE regexp_extract(t, '[+-]\\d\\d(:?\\d\\d)?$') END AS o
              FROM (FROM texts USING SAMPLE reservoir(2000 ROWS) REPEATABLE (1)))
    SELECT instant, (CASE WHEN o[1] = '-' THEN -1 ELSE 1 END) * (o[2:3]::INTEGER * 60 + coalesce(TRY_CAST(replace(o, ':', '')[4:5] AS INTEGER), 0)) AS minutes
    FROM parts WHERE instant IS NOT NULL AND o <> ''`);
  return reader.getRows().map(([instant, minutes]) => ({ instant: Number(instant), offsetMinutes: Number(minutes) }));
}

/**
 * The zone of `samples`, preferring the zones of the config's calendars; undefined without samples or
 * match. Always an IANA name, as the hint tells the user to put it in the config's `timezone:`.
 */
export async function inferDataZone(db: DuckDBConnection, samples: readonly OffsetSample[]): Promise<string | undefined> {
  if (samples.length === 0) return undefined;
  const preferred = (await db.runAndReadAll('SELECT DISTINCT timezone FROM calendars ORDER BY 1')).getRows().map(([z]) => String(z));
  const zone = inferZone(samples, preferred)?.zone;
  return zone === undefined || IANAZone.isValidZone(zone) ? zone : fixedOffsetZone(samples[0]!.offsetMinutes);
}

/** The IANA zone of one fixed offset (inferZone names it `UTC+8`, which no config accepts): Etc/GMT-8 is UTC+8. */
function fixedOffsetZone(minutes: number): string | undefined {
  if (minutes === 0) return 'UTC';
  const hours = -minutes / 60;
  return Number.isInteger(hours) && hours >= -14 && hours <= 12 ? `Etc/GMT${hours > 0 ? '+' : ''}${hours}` : undefined;
}
