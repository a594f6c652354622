// A MetricTable as an XLSX workbook of one sheet: bold header of labels in the asked language,
// typed cells (excel-cells.ts): ratios as percentages, durations as [h]:mm, dates and times as dates.
import ExcelJS from 'exceljs';
import type { Column, MetricTable } from '../../../warehouse/metrics/table.ts';
import type { Lang } from './table-to-csv.ts';
import { firstResponseNotes } from '../../../warehouse/metrics/first-response-notes.ts';
import { filterSentence, rowsSentence, type ExportFilter } from './export-filter.ts';
import { EXCEL_FORMAT, excelCell, excelHeader } from './excel-cells.ts';

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'table';
}

/** The sheet's columns: headers in the language, widths from them (CJK counts double), number formats by unit. */
export function sheetColumns(table: Pick<MetricTable, 'columns' | 'period'>, lang: Lang): Partial<ExcelJS.Column>[] {
  return table.columns.map((c) => {
    const header = excelHeader(c, lang, table.period.timezone);
    const width = c.unit === 'timestamp' ? 20 : 10;
    return {
      header, key: c.key,
      width: Math.min(40, Math.max(width, header.length * (lang === 'zh' ? 2 : 1) + 2)),
      style: EXCEL_FORMAT[c.unit] ? { numFmt: EXCEL_FORMAT[c.unit] } : {},
    };
  });
}

/** A row's cells in the sheet's column order, typed for Excel. */
export const sheetRow = (columns: readonly Column[], row: MetricTable['rows'][number]) => columns.map((c) => excelCell(row[c.key], c.unit));

/** With `filter`, a second sheet says the filter the workbook holds and its row count. */
export async function tableToXlsx(table: MetricTable, lang: Lang, filter?: ExportFilter): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DeskPulse';
  const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetColumns(table, lang);
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(sheetRow(table.columns, row));
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
