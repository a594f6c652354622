// Timestamp notations of counts files (ISO with or without offset, naive local "2026-03-02 09:00",
// "02.03.2026 09:00", "3/2/2026 9:00", date only): detect one, parse values, format new instants in it.
import type { InBothLanguages } from '../bilingual-error.ts';

export interface TimestampNotation {
  order: 'ymd' | 'dmy' | 'mdy';
  dateSep: '-' | '/' | '.';
  /** Month and day written with two digits. */
  padDate: boolean;
  /** Null for date-only values. */
  time: null | { sep: 'T' | ' '; padHour: boolean; seconds: boolean; fractionDigits: number };
  /** Null: naive local time; 'Z': UTC; otherwise a numeric offset "+08:00" / "+0800" / "+08". */
  offset: null | 'Z' | 'colon' | 'compact' | 'hours';
}

/** Wall-clock fields of one value, and its offset in minutes when written. */
export interface TimestampFields {
  /** The wall-clock time as if it were UTC, in ms. */
  wallMs: number;
  /** Minutes east of UTC when the value carries an offset ('Z' = 0), else null. */
  offsetMinutes: number | null;
}

const PATTERN =
  /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface Raw { a: number; b: number; c: number; yearFirst: boolean; m: RegExpExecArray }

function match(text: string): Raw | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const yearFirst = m[1]!.length === 4;
  if (!yearFirst && m[4]!.length !== 4) return null;
  return { a: Number(m[1]), b: Number(m[3]), c: Number(m[4]), yearFirst, m };
}

/** True when `text` looks like a timestamp in any notation this module reads. */
export function looksLikeTimestamp(text: string): boolean {
  return match(text) !== null;
}

/**
 * Detects the notation from all values (day/month order is decided by any value whose first or
 * second field exceeds 12). Returns null when the first value is not a timestamp at all.
 */
export function detectNotation(values: readonly string[]): { notation: TimestampNotation; ambiguousOrder: boolean } | null {
  const first = values.find((v) => v.trim() !== '');
  const raw = first === undefined ? null : match(first);
  if (!raw) return null;
  const m = raw.m;
  let order: TimestampNotation['order'] = 'ymd';
  let ambiguousOrder = false;
  if (!raw.yearFirst) {
    let firstOver12 = false;
    let secondOver12 = false;
    for (const v of values) {
      const r = match(v);
      if (!r) continue;
      if (r.a > 12) firstOver12 = true;
      if (r.b > 12) secondOver12 = true;
    }
    if (firstOver12) order = 'dmy';
    else if (secondOver12) order = 'mdy';
    else {
      // No day above 12 in the whole file: fall back on the custom of the separator.
      ambiguousOrder = true;
      order = m[2] === '/' ? 'mdy' : 'dmy';
    }
  }
  const off = m[10];
  const notation: TimestampNotation = {
    order,
    dateSep: m[2] as TimestampNotation['dateSep'],
    padDate: (raw.yearFirst ? m[3]! : m[1]!).length === 2 && (raw.yearFirst ? m[4]! : m[3]!).length === 2,
    time: m[5] === undefined ? null : {
      sep: m[5].toUpperCase() === 'T' ? 'T' : ' ',
      padHour: m[6]!.length === 2,
      seconds: m[8] !== undefined,
      fractionDigits: m[9]?.length ?? 0,
    },
    offset: off === undefined ? null : off.toUpperCase() === 'Z' ? 'Z' : off.length === 3 ? 'hours' : off.includes(':') ? 'colon' : 'compact',
  };
  return { notation, ambiguousOrder };
}

/** Parses one value in `notation`; returns what is wrong, in both languages, instead of throwing. */
export function parseTimestamp(text: string, notation: TimestampNotation): TimestampFields | InBothLanguages {
  const raw = match(text);
  if (!raw) return { en: `"${text}" is not a timestamp like the file's first one`, zh: `“${text}”不是与文件第一个时间同样写法的时间` };
  const m = raw.m;
  const [year, month, day] = raw.yearFirst ? [raw.a, raw.b, raw.c]
    : notation.order === 'mdy' ? [raw.c, raw.a, raw.b] : [raw.c, raw.b, raw.a];
  const hour = m[6] === undefined ? 0 : Number(m[6]);
  const minute = m[7] === undefined ? 0 : Number(m[7]);
  const second = m[8] === undefined ? 0 : Number(m[8]);
  const millis = m[9] === undefined ? 0 : Math.round(Number(`0.${m[9]}`) * 1000);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const back = new Date(wallMs);
  if (month < 1 || month > 12 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { en: `"${text}" is not a valid date and time`, zh: `“${text}”不是有效的日期和时间` };
  }
  let offsetMinutes: number | null = null;
  const off = m[10];
  if (off !== undefined) {
    if (off.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const digits = off.replace(':', '');
      const sign = digits[0] === '-' ? -1 : 1;
      offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
    }
  }
  if ((offsetMinutes === null) !== (notation.offset === null)) {
    return offsetMinutes === null
      ? { en: `"${text}" has no offset, unlike the file's first timestamp`, zh: `“${text}”没有时区偏移，而文件的第一个时间有` }
      : { en: `"${text}" has an offset, unlike the file's first timestamp`, zh: `“${text}”带时区偏移，而文件的第一个时间没有` };
  }
  return { wallMs, offsetMinutes };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Writes wall-clock time `wallMs` (as if UTC) with offset `offsetMinutes` in `notation`. */
export function formatTimestamp(wallMs: number, offsetMinutes: number, notation: TimestampNotation): string {
  const d = new Date(wallMs);
  const dw = notation.padDate ? 2 : 1;
  const y = pad(d.getUTCFullYear(), 4);
  const mo = pad(d.getUTCMonth() + 1, dw);
  const da = pad(d.getUTCDate(), dw);
  const s = notation.dateSep;
  let text = notation.order === 'ymd' ? `${y}${s}${mo}${s}${da}`
    : notation.order === 'dmy' ? `${da}${s}${mo}${s}${y}` : `${mo}${s}${da}${s}${y}`;
  const t = notation.time;
  if (t) {
    text += `${t.sep}${pad(d.getUTCHours(), t.padHour ? 2 : 1)}:${pad(d.getUTCMinutes(), 2)}`;
    if (t.seconds) text += `:${pad(d.getUTCSeconds(), 2)}`;
    if (t.seconds && t.fractionDigits > 0) text += `.${pad(d.getUTCMilliseconds(), 3).padEnd(t.fractionDigits, '0').slice(0, t.fractionDigits)}`;
  }
  if (notation.offset === 'Z') text += 'Z';
  else if (notation.offset !== null) {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const hh = pad(Math.floor(abs / 60), 2);
    const mm = pad(abs % 60, 2);
    text += notation.offset === 'colon' ? `${sign}${hh}:${mm}` : notation.offset === 'compact' ? `${sign}${hh}${mm}` : `${sign}${hh}`;
  }
  return text;
}
