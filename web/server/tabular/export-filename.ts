// The download name of an export, "<name>[_<filter>]_<from>_<to>.<ext>" (e.g.
// agents_team-t1+t2_channel-chat_2026-11-01_2026-11-30.xlsx), and its Content-Disposition header with
// an ASCII fallback plus the RFC 5987 UTF-8 form, so Chinese names and values survive every browser.
import type { MetricTable } from '../../../warehouse/metrics/table.ts';
import type { ExportFilter } from './export-filter.ts';

/** Fields that order or measure the rows but do not choose them (the Filter sheet still says them). */
const NOT_IN_NAME = new Set(['sort', 'order', 'clock']);
/** Longest filter part of a name; beyond it "+N" says how many more fields the file's Filter sheet lists. */
const MAX_FILTER_CHARS = 60;

/** "team-t1+t2_channel-chat": the filter's fields, without those the table's name already says. */
export function filterPart(name: string, fields: ExportFilter['fields']): string {
  const parts = Object.entries(fields)
    .filter(([key, values]) => !NOT_IN_NAME.has(key) && !(values.length === 1 && name.includes(values[0]!)))
    .map(([key, values]) => `${key}-${values.join('+')}`);
  let text = '';
  for (const [i, part] of parts.entries()) {
    const next = text ? `${text}_${part}` : part;
    if (next.length > MAX_FILTER_CHARS) return `${text || part.slice(0, MAX_FILTER_CHARS)}_+${parts.length - i - (text ? 0 : 1)}`;
    text = next;
  }
  return text;
}

export function exportFilename(table: Pick<MetricTable, 'name' | 'period'>, extension: string, filter?: Pick<ExportFilter, 'fields'>): string {
  const part = filter ? filterPart(table.name, filter.fields) : '';
  return `${table.name}${part ? `_${part}` : ''}_${table.period.from}_${table.period.to}.${extension}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped, which RFC 5987 attr-chars do not allow.
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
