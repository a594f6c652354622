// Reads a `timestamp,count` file (telephony/chat exports) into a Series: detects columns, the
// timestamp notation, the zone and the interval; periods absent from the file are closed, not zero.
import { splitCsv, type CsvRow } from './csv-rows.ts';
import { DAILY_MINUTES, FILE_INTERVALS, intervalLabel, periodsZh } from './interval.ts';
import type { InBothLanguages } from '../bilingual-error.ts';
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
  zoneNote: InBothLanguages;
  warnings: InBothLanguages[];
}

interface Parsed { line: number; wallMs: number; offsetMinutes: number | null; value: number }

function columnIndex(header: string[] | null, wanted: string | undefined, known: readonly string[], fallback: number,
  source: string, what: InBothLanguages): number {
  const names = header?.map((h) => h.trim().toLowerCase()) ?? null;
  if (wanted !== undefined) {
    const byName = names?.indexOf(wanted.trim().toLowerCase()) ?? -1;
    if (byName >= 0) return byName;
    if (/^\d+$/.test(wanted) && Number(wanted) >= 1) return Number(wanted) - 1;
    const listed = header?.map((h) => `"${h}"`);
    throw new SeriesInputError(source, {
      en: `no ${what.en} column "${wanted}"${listed ? `; the header has ${listed.join(', ')}` : '; the file has no header, give a 1-based column number'}`,
      zh: `没有${what.zh}列“${wanted}”${listed ? `；表头有 ${listed.join('、')}` : '；文件没有表头，请给出从 1 起的列号'}`,
    }, 1);
  }
  const byKnown = names?.findIndex((n) => known.includes(n)) ?? -1;
  return byKnown >= 0 ? byKnown : fallback;
}

function readRows(rows: CsvRow[], options: ReadCountsOptions): { parsedText: { line: number; time: string; value: string }[]; timeName: string; valueName: string } {
  const { source } = options;
  if (rows.length === 0) {
    throw new SeriesInputError(source, { en: 'the file is empty: expected a header and rows of timestamp,count', zh: '文件是空的：应有表头和“时间,数量”的数据行' });
  }
  const first = rows[0]!;
  const hasHeader = !first.fields.some((f) => looksLikeTimestamp(f));
  const header = hasHeader ? first.fields : null;
  const timeIdx = columnIndex(header, options.timeColumn, TIME_NAMES, 0, source, { en: 'time', zh: '时间' });
  const dataRows = hasHeader ? rows.slice(1) : rows;
  let valueFallback = timeIdx === 0 ? 1 : 0;
  const sample = dataRows[0]?.fields;
  if (sample) {
    const numeric = sample.findIndex((f, i) => i !== timeIdx && f.trim() !== '' && Number.isFinite(Number(f)));
    if (numeric >= 0) valueFallback = numeric;
  }
  const valueIdx = columnIndex(header, options.valueColumn, VALUE_NAMES, valueFallback, source, { en: 'value', zh: '数量' });
  // Without a header a column is named by its number (the place in a message reads "column "2"").
  const timeName = header?.[timeIdx] ?? `${timeIdx + 1}`;
  const valueName = header?.[valueIdx] ?? `${valueIdx + 1}`;
  if (dataRows.length === 0) throw new SeriesInputError(source, { en: 'the file has a header but no rows', zh: '文件只有表头，没有数据行' });
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
  const warnings: InBothLanguages[] = [];
  const { parsedText, timeName, valueName } = readRows(splitCsv(text), options);
  const detected = detectNotation(parsedText.map((r) => r.time));
  if (!detected) {
    const r = parsedText[0]!;
    throw new SeriesInputError(source, {
      en: `"${r.time}" is not a timestamp: expected e.g. 2026-03-02 09:00, 2026-03-02T09:00:00+08:00 or 02.03.2026 09:00; choose the column with --time-column`,
      zh: `“${r.time}”不是时间：应形如 2026-03-02 09:00、2026-03-02T09:00:00+08:00 或 02.03.2026 09:00；用 --time-column 指定时间列`,
    }, r.line, timeName);
  }
  const { notation } = detected;
  if (detected.ambiguousOrder) {
    warnings.push(notation.order === 'mdy'
      ? { en: 'no day above 12 in the file: read dates as month/day/year', zh: '文件中没有大于 12 的日：日期按 月/日/年 读取' }
      : { en: 'no day above 12 in the file: read dates as day/month/year', zh: '文件中没有大于 12 的日：日期按 日/月/年 读取' });
  }

  const parsed: Parsed[] = parsedText.map((r) => {
    const fields = parseTimestamp(r.time, notation);
    if ('en' in fields) throw new SeriesInputError(source, { en: `${fields.en}; fix or remove the row`, zh: `${fields.zh}；请改正或删除该行` }, r.line, timeName);
    if (r.value === '') {
      throw new SeriesInputError(source, {
        en: 'empty count: write 0 for an open period without arrivals, or leave the row out if the period was closed',
        zh: '数量为空：营业但无进线的时段写 0，未营业的时段删去该行',
      }, r.line, valueName);
    }
    const value = Number(r.value);
    if (!Number.isFinite(value) || value < 0) {
      throw new SeriesInputError(source, {
        en: `"${r.value}" is not a count (a number >= 0); choose the column with --value-column`,
        zh: `“${r.value}”不是数量（应为 ≥ 0 的数）；用 --value-column 指定数量列`,
      }, r.line, valueName);
    }
    return { line: r.line, wallMs: fields.wallMs, offsetMinutes: fields.offsetMinutes, value };
  });

  // The zone: given, else the default for naive/UTC values, else one that agrees with the offsets.
  let zone: string;
  let zoneNote: InBothLanguages;
  if (options.zone !== undefined) {
    zoneFor(options.zone);
    zone = options.zone;
    zoneNote = { en: `${zone} (given)`, zh: `${zone}（指定）` };
  } else if (notation.offset === null || notation.offset === 'Z') {
    zone = options.defaultZone;
    zoneNote = notation.offset === 'Z'
      ? { en: `${zone} (default zone; pass --tz if the file's local days are elsewhere)`, zh: `${zone}（默认时区；若文件的本地日期在别的时区，请用 --tz 指定）` }
      : { en: `${zone} (default zone; pass --tz if the file's times are elsewhere)`, zh: `${zone}（默认时区；若文件的时间属于别的时区，请用 --tz 指定）` };
  } else {
    const found = inferZone(parsed.map((p) => ({ instant: p.wallMs - p.offsetMinutes! * MINUTE, offsetMinutes: p.offsetMinutes! })),
      [options.defaultZone]);
    if (!found) {
      throw new SeriesInputError(source, {
        en: 'no time zone has the offsets of this file at its dates: pass --tz ZONE', zh: '没有哪个时区在这些日期有文件中的这些偏移：请用 --tz 指定时区',
      });
    }
    zone = found.zone;
    zoneNote = { en: found.how, zh: inferredZoneZh(found.zone, found.how) };
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
      const at = formatTimestamp(p.wallMs, 0, { ...notation, offset: null });
      throw new SeriesInputError(source, {
        en: `${at} does not exist in ${zone} (clocks go forward then); check the zone (--tz)`,
        zh: `${at} 在 ${zone} 不存在（此时时钟拨快）；请检查时区（--tz）`,
      }, p.line, timeName);
    }
    // A naive time repeated in the fall-back hour is the second (later) occurrence the second time.
    return candidates.find((c) => !byInstant.has(c)) ?? candidates[0]!;
  };
  for (const p of parsed) {
    const instant = instantOf(p);
    const previous = byInstant.get(instant);
    if (previous) {
      throw new SeriesInputError(source, {
        en: `the same period as line ${previous.line}; a file holds one series (filter other queues or skills out first)`,
        zh: `与第 ${previous.line} 行是同一时段；一个文件只放一条序列（请先筛掉其他队列或技能）`,
      }, p.line, timeName);
    }
    byInstant.set(instant, p);
  }
  const instants = [...byInstant.keys()].sort((a, b) => a - b);
  if (instants.length < 2) throw new SeriesInputError(source, { en: 'at least two periods are needed to tell the interval', zh: '至少要有两个时段才能判断时段长度' });

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
      throw new SeriesInputError(source, {
        en: `the most common step between timestamps is ${intervalMinutes} minutes; supported are 5, 6, 10, 15, 30, 60 minutes and daily`,
        zh: `时间之间最常见的间隔是 ${intervalMinutes} 分钟；支持 5、6、10、15、30、60 分钟和按天`,
      });
    }
    gaps.forEach((g, i) => {
      if (g % intervalMinutes !== 0) {
        const p = byInstant.get(instants[i + 1]!)!;
        throw new SeriesInputError(source, {
          en: `not on the ${intervalMinutes}-minute grid of the other rows (${g} minutes after the previous period); fix or remove the row`,
          zh: `不在其他行的 ${intervalMinutes} 分钟网格上（距上一时段 ${g} 分钟）；请改正或删除该行`,
        }, p.line, timeName);
      }
    });
    for (let t = instants[0]!; t <= instants[instants.length - 1]!; t += intervalMinutes * MINUTE) times.push(t);
  }
  const values = times.map((t) => byInstant.get(t)?.value ?? 0);
  const open = times.map((t) => byInstant.has(t));
  const closed = open.filter((o) => !o).length;
  if (closed > 0) {
    warnings.push({
      en: `${closed} of ${times.length} ${intervalLabel(intervalMinutes)} periods are absent from the file and taken as closed`,
      zh: `${periodsZh(times.length, intervalMinutes)}中有 ${closed} ${intervalMinutes === DAILY_MINUTES ? '天' : '个'}不在文件中，按未营业处理`,
    });
  }

  const format = (instant: number): string => {
    const off = notation.offset === 'Z' ? 0 : offset(instant);
    return formatTimestamp(instant + off * MINUTE, off, notation);
  };
  return { series: { name: source, intervalMinutes, zone, times, values, open }, notation, format, zoneNote, warnings };
}

/** inferZone's note (warehouse/calendar/zone-inference.ts) in Chinese; one it does not know stays as written. */
function inferredZoneZh(zone: string, how: string): string {
  if (how.endsWith('(agrees with every offset in the file)')) return `${zone}（与文件中的每个偏移一致）`;
  if (how.endsWith("(the file's only offset)")) return `${zone}（文件中唯一的偏移）`;
  if (how.endsWith('(inferred from the offsets; pass --tz to choose another)')) return `${zone}（由偏移推断；可用 --tz 另选）`;
  return how;
}

function isDailySpacing(parsed: Parsed[]): boolean {
  const days = parsed.map((p) => Math.floor(p.wallMs / DAY)).sort((a, b) => a - b);
  return mode(days.slice(1).map((d, i) => d - days[i]!)) === 1;
}
