// A MetricTable as an Arrow IPC stream: one typed column per table column (numbers Float64, or
// Int32 for counts that are all integral; text/date/timestamp Utf8; flags Bool), labels and
// units kept as field metadata and the table's name and period as schema metadata.
import {
  Bool, Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeBuilder, makeData, tableToIPC,
  type DataType,
} from 'apache-arrow';
import type { Cell, Column, MetricTable } from '../../../warehouse/metrics/table.ts';
import { filterSentence, type ExportFilter } from './export-filter.ts';

const INT32_MAX = 2 ** 31 - 1;

function arrowType(column: Column, values: Cell[]): DataType {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return new Bool();
  if (column.unit === 'text' || column.unit === 'date' || column.unit === 'timestamp') return new Utf8();
  const integral = present.every((v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX);
  return column.unit === 'count' && integral ? new Int32() : new Float64();
}

function arrowValue(type: DataType, value: Cell): Cell {
  if (value === null) return null;
  if (type instanceof Utf8) return String(value);
  if (type instanceof Bool) return Boolean(value);
  return typeof value === 'number' ? value : Number(value);
}

/** With `filter` (a download), the schema metadata also says the filter it holds. */
export function tableToArrow(table: MetricTable, filter?: ExportFilter): Uint8Array {
  const fields: Field[] = [];
  const children = table.columns.map((column) => {
    const values = table.rows.map((row) => row[column.key] ?? null);
    const type = arrowType(column, values);
    fields.push(new Field(column.key, type, true, new Map([
      ['unit', column.unit], ['label_en', column.label.en], ['label_zh', column.label.zh],
    ])));
    const builder = makeBuilder({ type, nullValues: [null] });
    for (const value of values) builder.append(arrowValue(type, value));
    return builder.finish().flush();
  });
  const schema = new Schema(fields, new Map([
    ['name', table.name], ['from', table.period.from], ['to', table.period.to],
    ['timezone', table.period.timezone], ['clock', table.clock],
    ...(filter ? [['filter_en', filterSentence(filter).en], ['filter_zh', filterSentence(filter).zh], ['filter', JSON.stringify(filter.fields)]] as const : []),
  ]));
  const data = makeData({ type: new Struct(fields), length: table.rows.length, nullCount: 0, children });
  return tableToIPC(new Table(schema, new RecordBatch(schema, data)), 'stream');
}
