// Export files written chunk by chunk: each encoder takes the rows as they come from DuckDB
// (a few thousand at a time) and yields bytes, so an export of any length holds one chunk in
// memory. Every file says what filter it holds, and ends with a mark a cut-short file lacks
// (CSV/XLSX "Rows: N (complete)", NDJSON {"end":{"rows":N}}, Arrow's end-of-stream marker).
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  Field, Float64, RecordBatch, Schema, Struct, Table, Utf8, makeBuilder, makeData, tableToIPC, type DataType,
} from 'apache-arrow';
import type { Cell, Column, MetricTable } from '../../../warehouse/metrics/table.ts';
import { filterSentence, rowsSentence, type ExportFilter } from './export-filter.ts';
import { csvCell, type Lang } from './table-to-csv.ts';
import { sheetColumns, sheetName, sheetRow } from './table-to-xlsx.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'ndjson', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8', xlsx: XLSX_TYPE, ndjson: 'application/x-ndjson; charset=utf-8', arrow: ARROW_STREAM,
};

export const isExportFormat = (format: unknown): format is ExportFormat => EXPORT_FORMATS.includes(format as ExportFormat);

export type Row = Record<string, Cell>;

export interface ExportHead {
  table: Pick<MetricTable, 'name' | 'period' | 'clock' | 'columns'>;
  filter: ExportFilter;
  lang: Lang;
}

type Bytes = AsyncGenerator<string | Uint8Array>;
/** The rows a chunk at a time: from DuckDB, or a table already in memory as one chunk. */
type Chunks = AsyncIterable<Row[]> | Iterable<Row[]>;

/** The file of `format` for the rows of `chunks`. */
export function encodeExport(format: ExportFormat, head: ExportHead, chunks: Chunks): Bytes {
  switch (format) {
    case 'csv': return csvExport(head, chunks);
    case 'xlsx': return xlsxExport(head, chunks);
    case 'ndjson': return ndjsonExport(head, chunks);
    case 'arrow': return arrowExport(head, chunks);
  }
}

const CSV = { record_delimiter: '\r\n' } as const;

// Header first (Excel and every CSV reader take row 1 as the header); the filter after an empty row
// at the end, where the existing exports put their notes: CSV has no comments.
async function* csvExport({ table, filter, lang }: ExportHead, chunks: Chunks): Bytes {
  const { columns } = table;
  yield stringify([columns.map((c) => c.label[lang])], { ...CSV, bom: true });
  let rows = 0;
  for await (const chunk of chunks) {
    rows += chunk.length;
    yield stringify(chunk.map((row) => columns.map((c) => csvCell(row[c.key] ?? null, c.unit === 'text'))), CSV);
  }
  yield stringify([[], [filterSentence(filter)[lang]], [rowsSentence(rows)[lang]]], CSV);
}

async function* ndjsonExport({ table, filter }: ExportHead, chunks: Chunks): Bytes {
  const { name, period, clock, columns } = table;
  yield `${JSON.stringify({ export: { name, period, clock, filter: filterSentence(filter), fields: filter.fields, columns } })}\n`;
  let rows = 0;
  for await (const chunk of chunks) {
    rows += chunk.length;
    yield chunk.map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null])))).join('\n') + '\n';
  }
  yield `${JSON.stringify({ end: { rows } })}\n`;
}

// The type of a column is fixed before the first row: numbers as Float64, the rest as text.
function streamType(column: Column): DataType {
  return column.unit === 'text' || column.unit === 'date' || column.unit === 'timestamp' ? new Utf8() : new Float64();
}

// The stream format is a schema message, one message per batch and an end-of-stream marker: each
// chunk is encoded as a one-batch stream and sent without the schema and marker it repeats.
async function* arrowExport({ table, filter }: ExportHead, chunks: Chunks): Bytes {
  const fields = table.columns.map((c) => new Field(c.key, streamType(c), true, new Map([
    ['unit', c.unit], ['label_en', c.label.en], ['label_zh', c.label.zh],
  ])));
  const sentence = filterSentence(filter);
  const schema = new Schema(fields, new Map([
    ['name', table.name], ['from', table.period.from], ['to', table.period.to], ['timezone', table.period.timezone],
    ['clock', table.clock], ['filter_en', sentence.en], ['filter_zh', sentence.zh], ['filter', JSON.stringify(filter.fields)],
  ]));
  const empty = tableToIPC(new Table(schema), 'stream');
  const schemaBytes = empty.byteLength - 8;
  yield empty.subarray(0, schemaBytes);
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const children = fields.map((field) => {
      const builder = makeBuilder({ type: field.type, nullValues: [null] });
      const text = field.type instanceof Utf8;
      for (const row of chunk) {
        const value = row[field.name] ?? null;
        builder.append(value === null ? null : text ? String(value) : Number(value));
      }
      return builder.finish().flush();
    });
    const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: chunk.length, nullCount: 0, children }));
    const bytes = tableToIPC(new Table(schema, [batch]), 'stream');
    yield bytes.subarray(schemaBytes, bytes.byteLength - 8);
  }
  yield empty.subarray(schemaBytes);
}

// ExcelJS's streaming writer zips into a PassThrough; what it has written is taken after every
// chunk, so no more than a chunk's worth waits in memory.
async function* xlsxExport({ table, filter, lang }: ExportHead, chunks: Chunks): Bytes {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'DeskPulse';
  const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetColumns(table, lang);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const written = function* () {
    let part: Buffer | null;
    while ((part = out.read() as Buffer | null) !== null) yield part;
  };
  let rows = 0;
  for await (const chunk of chunks) {
    rows += chunk.length;
    for (const row of chunk) sheet.addRow(sheetRow(table.columns, row)).commit();
    yield* written();
  }
  sheet.commit();
  const about = workbook.addWorksheet(lang === 'zh' ? '筛选' : 'Filter');
  about.getColumn(1).width = 100;
  about.addRow([filterSentence(filter)[lang]]).commit();
  about.addRow([rowsSentence(rows)[lang]]).commit();
  about.commit();
  const committed = workbook.commit();
  // The zip's last parts wait for room in `out`: read them while it finishes.
  for await (const part of out) yield part as Buffer;
  await committed;
}
