// A MetricTable as CSV text: UTF-8 with a BOM (so Excel opens Chinese correctly), one header row
// of column labels in the asked language, numbers unformatted (ratios 0..1, durations in seconds).
import { stringify } from 'csv-stringify/sync';
import type { Cell, MetricTable } from '../../../warehouse/metrics/table.ts';
import { firstResponseNotes } from '../../../warehouse/metrics/first-response-notes.ts';
import { filterSentence, rowsSentence, type ExportFilter } from './export-filter.ts';

export type Lang = 'en' | 'zh';

// Spreadsheets run text that starts with these as a formula ("CSV injection"); a leading
// apostrophe makes them plain text. Only text columns: numbers are written as numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell, text: boolean): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string' && text && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/** With `filter`, the file ends with the filter it holds and its row count (see export-filter.ts). */
export function tableToCsv(table: MetricTable, lang: Lang, filter?: ExportFilter): string {
  const header = table.columns.map((c) => c.label[lang]);
  const rows = table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key] ?? null, c.unit === 'text')));
  // What the figures rest on (e.g. first response not available), after an empty row: CSV has no comments.
  const notes = [...firstResponseNotes(table.firstResponse), ...(filter ? [filterSentence(filter), rowsSentence(rows.length)] : [])]
    .map((n) => [n[lang]]);
  return stringify([header, ...rows, ...(notes.length ? [[], ...notes] : [])], { bom: true, record_delimiter: '\r\n' });
}
