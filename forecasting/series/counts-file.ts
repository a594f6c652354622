// Reads a `timestamp,count` file (telephony/chat exports) into a Series: detects columns, the
// timestamp notation, the zone and the interval; periods absent from the file are closed, not zero.
import { splitCsv, type CsvRow } from './csv-rows.ts';
import { DAILY_MINUTES, FILE_INTERVALS, intervalLabel } from './interval.ts';
import { SeriesInputError } from './series-input-error.ts';
import type { Series } from './series.ts';
import {
  detectNotation, formatTimestamp, looksLikeTimestamp, parseTimestamp, type TimestampNotation,
} from './timestamp-notation.ts';
import { inferZone } from '../../warehouse/calendar/zone-inference.ts';
import { instantsOfWallTime, localMidnight, offsetLookup, zoneFor } from '../../warehouse/calendar/zone-offsets.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

const TIME_NAMES = ['timestamp', 'time', 'datetime', 'date_time', 'interval', 'interval_start', 'start', 'start_time',
  'period', 'period_start', 'ts', 'date', '时间', '日期', '时段'];
const VALUE_NAMES = ['count', 'counts', 'calls', 'offered', 'calls_offered', 'contacts', 'volume', 'arrivals', 'tickets',
  'chats', 'value', 'n', '数量', '来电量', '进线量', '话务量'];

export interface ReadCountsOptions {
  /** File name for messages. */
  source: string;
  timeColumn?: string;
  valueColumn?: string;
  /** Zone given by the user (--tz); wins over everything. */
  zone?: string;
  /** Zone for naive and UTC timestamps when none is given (the config's default zone). */
  defaultZone: string;
}

export interface CountsFile {
  series: Series;
  notation: TimestampNotation;
  /** Formats a period start in the file's own notation. */
  format: (instant: number) => string;
  /** How the zone was chosen, for the report. */
  zoneNote: string;
  warnings: string[];
}

interface Parsed { line: number; wallMs: number; offsetMinutes: number | null; value: number }

function columnIndex(header: string[] | null, wanted: string | undefined, known: readonly string[], fallback: number,
  source: string, what: string): number {
  const names = header?.map((h) => h.trim().toLowerCase()) ?? null;
  if (wanted !== undefined) {
    const byName = names?.indexOf(wanted.trim().toLowerCase()) ?? -1;
    if (byName >= 0) return byName;
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1) return Number(wanted) - 1;
    throw new SeriesInputError(source, `no ${what} column "${wanted}"` +
      (header ? `; the header has ${header.map((h) => `"${h}"`).join(', ')}` : '; the file has no header, give a 1-based column number'), 1);
  }
  const byKnown = names?.findIndex((n) => known.includes(n)) ?? -1;
  return byKnown >= 0 ? byKnown : fallback;
}

function readRows(rows: CsvRow[], options: ReadCountsOptions): { parsedText: { line: number; time: string; value: string }[]; timeName: string; valueName: string } {
  const { source } = options;
  if (rows.length === 0) throw new SeriesInputError(source, 'the file is empty: expected a header and rows of timestamp,count');
  const first = rows[0]!;
  const hasHeader = !first.fields.some((f) => looksLikeTimestamp(f));
  const header = hasHeader ? first.fields : null;
  const timeIdx = columnIndex(header, options.timeColumn, TIME_NAMES, 0, source, 'time');
  const dataRows = hasHeader ? rows.slice(1) : rows;
  let valueFallback = timeIdx === 0 ? 1 : 0;
  const sample = dataRows[0]?.fields;
  if (sample) {
    const numeric = sample.findIndex((f, i) => i !== timeIdx && f.trim() !== '' && Number.isFinite(Number(f)));
    if (numeric >= 0) valueFallback = numeric;
  }
  const valueIdx = columnIndex(header, options.valueColumn, VALUE_NAMES, valueFallback, source, 'value');
  const timeName = header?.[timeIdx] ?? `column ${timeIdx + 1}`;
  const valueName = header?.[valueIdx] ?? `column ${valueIdx + 1}`;
  if (dataRows.length === 0) throw new SeriesInputError(source, 'the file has a header but no rows');
  return {
    parsedText: dataRows.map((r) => ({ line: r.line, time: (r.fields[timeIdx] ?? '').trim(), value: (r.fields[valueIdx] ?? '').trim() })),
    timeName,
    valueName,
  };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = values[0]!;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > counts.get(best)! || (c === counts.get(best)! && v < best)) best = v;
  }
  return best;
}

export function readCountsCsv(text: string, options: ReadCountsOptions): CountsFile {
  const { source } = options;
  const warnings: string[] = [];
  const { parsedText, timeName, valueName } = readRows(splitCsv(text), options);
  const detected = detectNotation(parsedText.map((r) => r.time));
  if (!detected) {
    const r = parsedText[0]!;
    throw new SeriesInputError(source, `"${r.time}" is not a timestamp: expected e.g. 2026-03-02 09:00, ` +
      '2026-03-02T09:00:00+08:00 or 02.03.2026 09:00; choose the column with --time-column', r.line, timeName);
  }
  const { notation } = detected;
  if (detected.ambiguousOrder) {
    warnings.push(`no day above 12 in the file: read dates as ${notation.order === 'mdy' ? 'month/day' : 'day/month'}/year`);
  }

  const parsed: Parsed[] = parsedText.map((r) => {
    const fields = parseTimestamp(r.time, notation);
    if (typeof fields === 'string') throw new SeriesInputError(source, `${fields}; fix or remove the row`, r.line, timeName);
    if (r.value === '') {
      throw new SeriesInputError(source, 'empty count: write 0 for an open period without arrivals, or leave the row out if the period was closed', r.line, valueName);
    }
    const value = Number(r.value);
    if (!Number.isFinite(value) || value < 0) {
      throw new SeriesInputError(source, `"${r.value}" is not a count (a number >= 0); choose the column with --value-column`, r.line, valueName);
    }
    return { line: r.line, wallMs: fields.wallMs, offsetMinutes: fields.offsetMinutes, value };
  });

  // The zone: given, else the default for naive/UTC values, else one that agrees with the offsets.
  let zone: string;
  let zoneNote: string;
  if (options.zone !== undefined) {
    zoneFor(options.zone);
    zone = options.zone;
    zoneNote = `${zone} (given)`;
  } else if (notation.offset === null || notation.offset === 'Z') {
    zone = options.defaultZone;
    zoneNote = `${zone} (default zone; pass --tz if the file's ${notation.offset === 'Z' ? 'local days' : 'times'} are elsewhere)`;
  } else {
    const found = inferZone(parsed.map((p) => ({ instant: p.wallMs - p.offsetMinutes! * MINUTE, offsetMinutes: p.offsetMinutes! })),
      [options.defaultZone]);
    if (!found) throw new SeriesInputError(source, 'no time zone has the offsets of this file at its dates: pass --tz ZONE');
    zone = found.zone;
    zoneNote = found.how;
  }
  const offset = offsetLookup(zone);

  const daily = notation.time === null
    || (parsed.length > 1 && parsed.every((p) => p.wallMs % DAY === 0) && isDailySpacing(parsed));
  const byInstant = new Map<number, Parsed>();
  const instantOf = (p: Parsed): number => {
    if (daily) return localMidnight(Math.floor(p.wallMs / DAY), offset);
    if (p.offsetMinutes !== null && notation.offset !== 'Z') return p.wallMs - p.offsetMinutes * MINUTE;
    if (notation.offset === 'Z') return p.wallMs;
    const candidates = instantsOfWallTime(p.wallMs, offset);
    if (candidates.length === 0) {
      throw new SeriesInputError(source, `${formatTimestamp(p.wallMs, 0, { ...notation, offset: null })} does not exist in ${zone} ` +
        '(clocks go forward then); check the zone (--tz)', p.line, timeName);
    }
    // A naive time repeated in the fall-back hour is the second (later) occurrence the second time.
    return candidates.find((c) => !byInstant.has(c)) ?? candidates[0]!;
  };
  for (const p of parsed) {
    const instant = instantOf(p);
    const previous = byInstant.get(instant);
    if (previous) {
      throw new SeriesInputError(source, `the same period as line ${previous.line}; a file holds one series ` +
        '(filter other queues or skills out first)', p.line, timeName);
    }
    byInstant.set(instant, p);
  }
  const instants = [...byInstant.keys()].sort((a, b) => a - b);
  if (instants.length < 2) throw new SeriesInputError(source, 'at least two periods are needed to tell the interval');

  let intervalMinutes: number;
  const times: number[] = [];
  if (daily) {
    intervalMinutes = DAILY_MINUTES;
    const firstDay = Math.floor(byInstant.get(instants[0]!)!.wallMs / DAY);
    const lastDay = Math.floor(byInstant.get(instants[instants.length - 1]!)!.wallMs / DAY);
    for (let d = firstDay; d <= lastDay; d++) times.push(localMidnight(d, offset));
  } else {
    const gaps = instants.slice(1).map((t, i) => (t - instants[i]!) / MINUTE);
    intervalMinutes = mode(gaps);
    if (!(FILE_INTERVALS as readonly number[]).includes(intervalMinutes)) {
      throw new SeriesInputError(source, `the most common step between timestamps is ${intervalMinutes} minutes; ` +
        'supported are 5, 6, 10, 15, 30, 60 minutes and daily');
    }
    gaps.forEach((g, i) => {
      if (g % intervalMinutes !== 0) {
        const p = byInstant.get(instants[i + 1]!)!;
        throw new SeriesInputError(source, `not on the ${intervalMinutes}-minute grid of the other rows ` +
          `(${g} minutes after the previous period); fix or remove the row`, p.line, timeName);
      }
    });
    for (let t = instants[0]!; t <= instants[instants.length - 1]!; t += intervalMinutes * MINUTE) times.push(t);
  }
  const values = times.map((t) => byInstant.get(t)?.value ?? 0);
  const open = times.map((t) => byInstant.has(t));
  const closed = open.filter((o) => !o).length;
  if (closed > 0) warnings.push(`${closed} of ${times.length} ${intervalLabel(intervalMinutes)} periods are absent from the file and taken as closed`);

  const format = (instant: number): string => {
    const off = notation.offset === 'Z' ? 0 : offset(instant);
    return formatTimestamp(instant + off * MINUTE, off, notation);
  };
  return { series: { name: source, intervalMinutes, zone, times, values, open }, notation, format, zoneNote, warnings };
}

function isDailySpacing(parsed: Parsed[]): boolean {
  const days = parsed.map((p) => Math.floor(p.wallMs / DAY)).sort((a, b) => a - b);
  return mode(days.slice(1).map((d, i) => d - days[i]!)) === 1;
}
