// A MetricTable as an XLSX workbook of one sheet: bold header of labels in the asked language,
// ratios formatted as percentages, durations in seconds and dates/timestamps as written.
import ExcelJS from 'exceljs';
import type { Column, MetricTable } from '../../../warehouse/metrics/table.ts';
import type { Lang } from './table-to-csv.ts';
import { firstResponseNotes } from '../../../warehouse/metrics/first-response-notes.ts';
import { filterSentence, rowsSentence, type ExportFilter } from './export-filter.ts';

export const NUMBER_FORMAT: Partial<Record<Column['unit'], string>> = {
  ratio: '0.0%', count: '#,##0', seconds: '#,##0', rating: '0.00', number: '#,##0.##',
};

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'table';
}

/** The sheet's columns: headers in the language, widths from them (CJK counts double), number formats by unit. */
export function sheetColumns(table: Pick<MetricTable, 'columns'>, lang: Lang): Partial<ExcelJS.Column>[] {
  return table.columns.map((c) => ({
    header: c.label[lang], key: c.key,
    width: Math.min(40, Math.max(10, c.label[lang].length * (lang === 'zh' ? 2 : 1) + 2)),
    style: NUMBER_FORMAT[c.unit] ? { numFmt: NUMBER_FORMAT[c.unit] } : {},
  }));
}

/** With `filter`, a second sheet says the filter the workbook holds and its row count. */
export async function tableToXlsx(table: MetricTable, lang: Lang, filter?: ExportFilter): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DeskPulse';
  const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetColumns(table, lang);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => row[c.key] ?? null));
  // What the figures rest on (e.g. first response not available): rows after an empty one.
  const notes = firstResponseNotes(table.firstResponse);
  if (notes.length) sheet.addRow([]);
  for (const note of notes) sheet.addRow([note[lang]]).font = { italic: true };
  if (filter) {
    const about = workbook.addWorksheet(lang === 'zh' ? '筛选' : 'Filter');
    about.getColumn(1).width = 100;
    about.addRows([[filterSentence(filter)[lang]], [rowsSentence(table.rows.length)[lang]]]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
