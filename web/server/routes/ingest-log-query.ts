// What /api/ingest-runs and /api/quarantine share: the query (date range of the log, paging,
// export options), the range it stands for, and local ISO timestamps for the rows.
import { DateTime } from 'luxon';
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isoAt } from '../../../warehouse/calendar/zoned-iso.ts';
import { periodBounds, type MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { FilterQueryProperties } from '../metric-query.ts';

const LogQueryProperties = {
  from: FilterQueryProperties.from,
  to: FilterQueryProperties.to,
  tz: FilterQueryProperties.tz,
  lang: FilterQueryProperties.lang,
  format: FilterQueryProperties.format,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'page number, from 1' })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'rows per page (at most 1000)' })),
};

export function logQuery<P extends TProperties>(extra: P) {
  return Type.Object({ ...LogQueryProperties, ...extra }, { additionalProperties: false });
}
const LogQuerySchema = Type.Object(LogQueryProperties);
export type LogQuery = Static<typeof LogQuerySchema>;

export interface LogRange { filter: MetricFilter; start: string; end: string; limit: number; offset: number }

/**
 * The range asked for; without `from` it starts on the day of the first logged row (`firstSql`
 * answers that instant), without `to` it ends today, so the default is the whole log.
 */
export async function logRange(db: DuckDBConnection, query: LogQuery, defaultZone: string, firstSql: string): Promise<LogRange> {
  const timezone = query.tz ?? defaultZone;
  const today = DateTime.now().setZone(timezone);
  const to = query.to ?? (today.isValid ? today.toISODate() : DateTime.now().toISODate());
  let from = query.from;
  if (!from) {
    const first = (await db.runAndReadAll(firstSql)).getRows()[0]?.[0];
    const day = typeof first === 'bigint' ? DateTime.fromMillis(Number(first), { zone: timezone }).toISODate() : null;
    from = day && day < to ? day : to;
  }
  const filter: MetricFilter = { from, to, timezone, clock: 'calendar' };
  const { start, end } = periodBounds(filter);
  const pageSize = query.page_size ?? 50;
  return { filter, start: start.toISOString(), end: end.toISOString(), limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}

/** A TIMESTAMPTZ read as epoch milliseconds, as an ISO-8601 string with the zone's offset. */
export function localIso(epochMs: unknown, zone: string): string | null {
  return typeof epochMs === 'bigint' || typeof epochMs === 'number'
    ? isoAt(Number(epochMs), zone) : null;
}
