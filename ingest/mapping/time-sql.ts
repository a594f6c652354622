// SQL for the mapping's times: text -> TIMESTAMPTZ through the declared formats and zone,
// and TIMESTAMPTZ -> ISO 8601 text in UTC with an explicit +00:00 offset.
import type { TimeRules } from './mapping.ts';
import { sqlString } from '../../warehouse/sql-quote.ts';

// An ISO 8601 time that carries its own offset: ...12:34[:56[.789]] then Z or +08[:00].
const ISO_WITH_OFFSET = String.raw`\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2})?)$`;

/**
 * A TIMESTAMPTZ expression for the text expression `value`, NULL when no format fits.
 * Formats are tried in the declared order; a format without %z/%Z reads a wall-clock time in
 * `zone` (DuckDB/ICU: a time in a DST gap moves forward, an ambiguous one takes the later offset).
 */
export function parseTimeSql(value: string, time: TimeRules): string {
  const zone = time.zone === undefined ? undefined : sqlString(time.zone);
  const attempts = time.formats.map((format) => {
    if (format === 'iso8601') {
      const naive = zone ? ` ELSE timezone(${zone}, try_cast(${value} AS TIMESTAMP))` : '';
      return `CASE WHEN regexp_matches(${value}, ${sqlString(ISO_WITH_OFFSET)}) THEN try_cast(${value} AS TIMESTAMPTZ)${naive} END`;
    }
    // The schema guarantees a zone for every format without %z/%Z.
    return /%[zZ]/.test(format)
      ? `try_strptime(${value}, ${sqlString(format)})`
      : `timezone(${zone!}, try_strptime(${value}, ${sqlString(format)}))`;
  });
  return attempts.length === 1 ? attempts[0]! : `coalesce(${attempts.join(', ')})`;
}

/** What a row error says after the value when no format fits. */
export function timeFormatsText(time: TimeRules): string {
  const formats = time.formats.join(', ');
  return time.zone === undefined
    ? `is not a time with a UTC offset in the formats of time.formats (${formats}); the mapping sets no time.zone, so times without an offset are refused`
    : `is not a time in the formats of time.formats (${formats})`;
}

/** `2016-02-29T01:16:00+00:00`, with a fraction only when there is one (`...:17.25+00:00`). */
export function isoTextSql(ts: string): string {
  const utc = `timezone('UTC', ${ts})`;
  const micros = `(microsecond(${utc}) % 1000000)`;
  return `strftime(${utc}, '%Y-%m-%dT%H:%M:%S') || ` +
    `CASE WHEN ${micros} = 0 THEN '' ELSE rtrim('.' || lpad(CAST(${micros} AS VARCHAR), 6, '0'), '0') END || '+00:00'`;
}
