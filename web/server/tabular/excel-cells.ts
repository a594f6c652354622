// What an XLSX cell holds for a table cell, so Excel can sort, sum and chart it: instants as date-time
// cells showing the wall clock of the table's zone (Excel has no zones; the header names it), days as
// dates, durations as Excel time (days) shown [h]:mm, numbers as numbers whatever the JSON gave.
import type { Cell, Column, Label } from '../../../warehouse/metrics/table.ts';

export const EXCEL_FORMAT: Partial<Record<Column['unit'], string>> = {
  ratio: '0.0%', count: '#,##0', seconds: '[h]:mm', rating: '0.00', number: '#,##0.##',
  timestamp: 'yyyy-mm-dd hh:mm:ss', date: 'yyyy-mm-dd',
};

const SECONDS_PER_DAY = 86_400;
/** "2026-10-01T09:30:00+08:00" (or with Z, or a bare day): its wall-clock part. */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?/;

/**
 * A Date whose UTC fields are the wall clock written in `iso`: exceljs writes a Date's UTC fields,
 * so the cell shows the time as the table's zone reads it (the export's `tz`), not the server's.
 */
export function wallClockDate(iso: string): Date | null {
  const m = WALL_CLOCK.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))));
}

const asNumber = (value: Cell): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** The cell value exceljs should write for `value` of a column of `unit`; text stays as given. */
export function excelCell(value: Cell | undefined, unit: Column['unit']): Cell | Date {
  if (value === null || value === undefined) return null;
  switch (unit) {
    case 'timestamp': case 'date':
      return typeof value === 'string' ? wallClockDate(value) ?? value : value;
    case 'seconds': {
      const n = asNumber(value);
      return n === null ? value : n / SECONDS_PER_DAY;
    }
    case 'count': case 'ratio': case 'rating': case 'number':
      return asNumber(value) ?? value;
    default:
      return value;
  }
}

/** A column's header: its label, with the zone of its instants or the h:mm of its durations. */
export function excelHeader(column: Pick<Column, 'label' | 'unit'>, lang: keyof Label, zone: string): string {
  const label = column.label[lang];
  if (column.unit === 'timestamp') return lang === 'zh' ? `${label}（${zone}）` : `${label} (${zone})`;
  if (column.unit === 'seconds') return lang === 'zh' ? `${label}（时:分）` : `${label} (h:mm)`;
  return label;
}
